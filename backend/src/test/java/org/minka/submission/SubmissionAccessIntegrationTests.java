package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.team.TeamApi;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * Every submission endpoint (and its comment thread), called in this order by: anonymous, a citizen
 * off the team, a mentor of another challenge, the challenge's judge before JUDGING, the
 * challenge's mentor, an organizer, an admin, a team member and the captain. SUBMISSION is open and
 * the gallery is not public; each row starts from a fresh scenario.
 */
class SubmissionAccessIntegrationTests extends IntegrationTest {

    private static final byte[] CSV = "ubigeo,casos\n150101,3\n".getBytes(StandardCharsets.UTF_8);

    /** The state each row starts from. */
    record Setup(SubmissionScenario s, UUID submission, UUID artifact, UUID slot, UUID comment) {}

    /** One request: {@code multipart} sends the body as a CSV upload. */
    record Call(HttpMethod method, String path, Object body, boolean multipart) {}

    record Case(String name, BiFunction<Setup, User, Call> call, int... expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Call json(HttpMethod method, String path, Object body) {
        return new Call(method, path, body, false);
    }

    static Stream<Arguments> cases() {
        String sub = "/api/v1/submissions/";
        List<Case> cases = new ArrayList<>();
        cases.add(
                new Case(
                        "POST events/{e}/submissions (exists)",
                        (x, u) ->
                                json(
                                        HttpMethod.POST,
                                        "/api/v1/events/" + x.s().event + "/submissions",
                                        SubmissionScenario.submissionBody(
                                                x.s().team, x.s().challenge)),
                        401,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        409,
                        409));
        cases.add(
                new Case(
                        "GET events/{e}/submissions?teamId",
                        (x, u) ->
                                json(
                                        HttpMethod.GET,
                                        "/api/v1/events/"
                                                + x.s().event
                                                + "/submissions?teamId="
                                                + x.s().team,
                                        null),
                        401,
                        403,
                        403,
                        403,
                        403,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "GET events/{e}/submissions?challengeId",
                        (x, u) ->
                                json(
                                        HttpMethod.GET,
                                        "/api/v1/events/"
                                                + x.s().event
                                                + "/submissions?challengeId="
                                                + x.s().challenge,
                                        null),
                        401,
                        403,
                        403,
                        403,
                        200,
                        200,
                        200,
                        403,
                        403));
        cases.add(
                new Case(
                        "GET submissions/{s}",
                        (x, u) -> json(HttpMethod.GET, sub + x.submission(), null),
                        401,
                        403,
                        403,
                        403,
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "PATCH submissions/{s}",
                        (x, u) ->
                                json(
                                        HttpMethod.PATCH,
                                        sub + x.submission(),
                                        Map.of("title", "Brechas por provincia")),
                        401,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        200,
                        200));
        cases.add(
                new Case(
                        "POST submissions/{s}/submit",
                        (x, u) -> json(HttpMethod.POST, sub + x.submission() + "/submit", null),
                        401,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        201,
                        201));
        cases.add(
                new Case(
                        "GET submissions/{s}/versions/1",
                        (x, u) -> json(HttpMethod.GET, sub + x.submission() + "/versions/1", null),
                        401,
                        403,
                        403,
                        403,
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "POST submissions/{s}/artifacts",
                        (x, u) ->
                                new Call(
                                        HttpMethod.POST,
                                        sub + x.submission() + "/artifacts?kind=DATA",
                                        CSV,
                                        true),
                        401,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        201,
                        201));
        cases.add(
                new Case(
                        "POST submissions/{s}/upload-slots",
                        (x, u) ->
                                json(
                                        HttpMethod.POST,
                                        sub + x.submission() + "/upload-slots",
                                        slotBody()),
                        401,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        201,
                        201));
        cases.add(
                new Case(
                        "POST submissions/{s}/upload-slots/{slot}/finalize (nothing uploaded)",
                        (x, u) ->
                                json(
                                        HttpMethod.POST,
                                        sub
                                                + x.submission()
                                                + "/upload-slots/"
                                                + x.slot()
                                                + "/finalize",
                                        null),
                        401,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        422,
                        422));
        cases.add(
                new Case(
                        "GET submissions/{s}/artifacts/{a}/download",
                        (x, u) ->
                                json(
                                        HttpMethod.GET,
                                        sub
                                                + x.submission()
                                                + "/artifacts/"
                                                + x.artifact()
                                                + "/download",
                                        null),
                        401,
                        403,
                        403,
                        403,
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "GET submissions/{s}/artifacts/{a}/preview",
                        (x, u) ->
                                json(
                                        HttpMethod.GET,
                                        sub
                                                + x.submission()
                                                + "/artifacts/"
                                                + x.artifact()
                                                + "/preview",
                                        null),
                        401,
                        403,
                        403,
                        403,
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "DELETE submissions/{s}/artifacts/{a} (frozen in version 1)",
                        (x, u) ->
                                json(
                                        HttpMethod.DELETE,
                                        sub + x.submission() + "/artifacts/" + x.artifact(),
                                        null),
                        401,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        409,
                        409));
        cases.add(
                new Case(
                        "GET submissions/{s}/comments",
                        (x, u) -> json(HttpMethod.GET, sub + x.submission() + "/comments", null),
                        401,
                        404,
                        404,
                        404,
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "POST submissions/{s}/comments",
                        (x, u) ->
                                json(
                                        HttpMethod.POST,
                                        sub + x.submission() + "/comments",
                                        Map.of("body", "Revisen la celda 3")),
                        401,
                        404,
                        404,
                        404,
                        201,
                        201,
                        201,
                        201,
                        201));
        cases.add(
                new Case(
                        "PATCH submissions/{s}/comments/{c} (the mentor's)",
                        (x, u) ->
                                json(
                                        HttpMethod.PATCH,
                                        sub + x.submission() + "/comments/" + x.comment(),
                                        Map.of("body", "Revisen la celda 4")),
                        401,
                        404,
                        404,
                        404,
                        200,
                        403,
                        403,
                        403,
                        403));
        cases.add(
                new Case(
                        "DELETE submissions/{s}/comments/{c} (the mentor's)",
                        (x, u) ->
                                json(
                                        HttpMethod.DELETE,
                                        sub + x.submission() + "/comments/" + x.comment(),
                                        null),
                        401,
                        404,
                        404,
                        404,
                        204,
                        204,
                        204,
                        403,
                        403));
        return cases.stream().map(Arguments::of);
    }

    private static Map<String, Object> slotBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filename", "extracto.csv");
        body.put("sizeBytes", CSV.length);
        body.put("kind", "DATA");
        try {
            body.put("sha256", Uploads.sha256(CSV));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return body;
    }

    private Setup setup() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        TeamApi api = new TeamApi(web, fixtures);
        UUID submission = s.submission();
        Map<?, ?> artifact =
                Uploads.upload(
                                web,
                                submission,
                                s.member,
                                "NOTEBOOK",
                                "analisis.ipynb",
                                Notebooks.read("test4.5.ipynb"))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        api.post(s.captain, "/api/v1/submissions/{s}/submit", null, submission).expect(201);
        UUID slot =
                api.post(s.captain, "/api/v1/submissions/{s}/upload-slots", slotBody(), submission)
                        .expect(201)
                        .id();
        UUID comment =
                api.post(
                                s.mentor,
                                "/api/v1/submissions/{s}/comments",
                                Map.of("body", "Primera revisión"),
                                submission)
                        .expect(201)
                        .id();
        return new Setup(
                s, submission, UUID.fromString((String) artifact.get("id")), slot, comment);
    }

    private int status(Call call, User user) {
        if (call.multipart()) {
            Flux<DataBuffer> body =
                    Uploads.multipart(
                            "file",
                            "casos.csv",
                            Flux.just(
                                    DefaultDataBufferFactory.sharedInstance.wrap(
                                            (byte[]) call.body())));
            var spec = web.post().uri(call.path());
            if (user != null) {
                spec.headers(h -> h.setBearerAuth(user.token()));
            }
            var result =
                    spec.contentType(Uploads.MULTIPART)
                            .body(body, DataBuffer.class)
                            .exchange()
                            .expectBody(String.class)
                            .returnResult();
            return check(result.getStatus().value(), result.getResponseHeaders().getContentType());
        }
        TeamApi.Reply reply =
                new TeamApi(web, fixtures).call(call.method(), user, call.path(), call.body());
        return check(reply.status(), reply.headers().getContentType());
    }

    /** Every refusal is problem+json. */
    private static int check(int status, MediaType type) {
        if (status >= 400) {
            assertThat(type).as("status %d", status).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return status;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCallerGetsTheRightStatus(Case c) {
        Setup x = setup();
        SubmissionScenario s = x.s();
        List<User> callers =
                java.util.Arrays.asList(
                        null,
                        s.citizen,
                        s.otherMentor,
                        s.judge,
                        s.mentor,
                        s.organizer,
                        s.admin,
                        s.member,
                        s.captain);
        List<Integer> actual = new ArrayList<>();
        for (User caller : callers) {
            actual.add(status(c.call().apply(x, caller), caller));
        }
        assertThat(actual)
                .as(
                        "anonymous, citizen, other mentor, judge, mentor, organizer, admin, member, captain")
                .containsExactly(
                        java.util.Arrays.stream(c.expected()).boxed().toArray(Integer[]::new));
    }
}
