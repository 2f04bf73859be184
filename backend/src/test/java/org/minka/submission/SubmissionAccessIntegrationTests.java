package org.minka.submission;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Api;
import org.minka.support.IntegrationTest;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;

/**
 * Every submission endpoint (and its comment thread), called in column order by: anonymous, a
 * citizen off the team, a mentor of another challenge, the challenge's judge before JUDGING, the
 * challenge's mentor, an organizer, an admin, a team member and the captain. SUBMISSION is open and
 * the gallery is not public; each row that writes starts from a fresh scenario, and the rows that
 * only read share one.
 */
class SubmissionAccessIntegrationTests extends IntegrationTest {

    private static final byte[] CSV = "ubigeo,casos\n150101,3\n".getBytes(StandardCharsets.UTF_8);

    /** The state each row starts from. */
    record Setup(SubmissionScenario s, UUID submission, UUID artifact, UUID slot, UUID comment) {}

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                                                           anonymous citizen other-mentor judge mentor organizer admin member captain
            POST events/{e}/submissions (exists)                           401       403     403          403   403    403       403   409    409
            GET events/{e}/submissions?teamId                              401       403     403          403   403    200       200   200    200
            GET events/{e}/submissions?challengeId                         401       403     403          403   200    200       200   403    403
            GET submissions/{s}                                            401       403     403          403   200    200       200   200    200
            PATCH submissions/{s}                                          401       403     403          403   403    403       403   200    200
            POST submissions/{s}/submit                                    401       403     403          403   403    403       403   201    201
            GET submissions/{s}/versions/1                                 401       403     403          403   200    200       200   200    200
            POST submissions/{s}/artifacts                                 401       403     403          403   403    403       403   201    201
            POST submissions/{s}/upload-slots                              401       403     403          403   403    403       403   201    201
            POST submissions/{s}/upload-slots/{slot}/finalize (no upload)  401       403     403          403   403    403       403   422    422
            GET submissions/{s}/artifacts/{a}/download                     401       403     403          403   200    200       200   200    200
            GET submissions/{s}/artifacts/{a}/preview                      401       403     403          403   200    200       200   200    200
            DELETE submissions/{s}/artifacts/{a} (frozen in version 1)     401       403     403          403   403    403       403   409    409
            GET submissions/{s}/comments                                   401       404     404          404   200    200       200   200    200
            POST submissions/{s}/comments                                  401       404     404          404   201    201       201   201    201
            PATCH submissions/{s}/comments/{c} (the mentor's)              401       404     404          404   200    403       403   403    403
            DELETE submissions/{s}/comments/{c} (the mentor's)             401       404     404          404   204    204       204   403    403
            """);

    static {
        String sub = "/api/v1/submissions/";
        MATRIX.write(
                        "POST events/{e}/submissions (exists)",
                        x ->
                                Call.json(
                                        HttpMethod.POST,
                                        "/api/v1/events/" + x.s().event + "/submissions",
                                        SubmissionScenario.submissionBody(
                                                x.s().team, x.s().challenge)))
                .read(
                        "GET events/{e}/submissions?teamId",
                        x ->
                                Call.get(
                                        "/api/v1/events/"
                                                + x.s().event
                                                + "/submissions?teamId="
                                                + x.s().team))
                .read(
                        "GET events/{e}/submissions?challengeId",
                        x ->
                                Call.get(
                                        "/api/v1/events/"
                                                + x.s().event
                                                + "/submissions?challengeId="
                                                + x.s().challenge))
                .read("GET submissions/{s}", x -> Call.get(sub + x.submission()))
                .write(
                        "PATCH submissions/{s}",
                        x ->
                                Call.json(
                                        HttpMethod.PATCH,
                                        sub + x.submission(),
                                        Map.of("title", "Brechas por provincia")))
                .write(
                        "POST submissions/{s}/submit",
                        x -> Call.json(HttpMethod.POST, sub + x.submission() + "/submit", null))
                .read(
                        "GET submissions/{s}/versions/1",
                        x -> Call.get(sub + x.submission() + "/versions/1"))
                .write(
                        "POST submissions/{s}/artifacts",
                        x ->
                                Call.stream(
                                        sub + x.submission() + "/artifacts?kind=DATA",
                                        Uploads.MULTIPART,
                                        Uploads.multipart(
                                                "file",
                                                "casos.csv",
                                                Flux.just(
                                                        DefaultDataBufferFactory.sharedInstance
                                                                .wrap(CSV)))))
                .write(
                        "POST submissions/{s}/upload-slots",
                        x ->
                                Call.json(
                                        HttpMethod.POST,
                                        sub + x.submission() + "/upload-slots",
                                        slotBody()))
                .write(
                        "POST submissions/{s}/upload-slots/{slot}/finalize (no upload)",
                        x ->
                                Call.json(
                                        HttpMethod.POST,
                                        sub
                                                + x.submission()
                                                + "/upload-slots/"
                                                + x.slot()
                                                + "/finalize",
                                        null))
                .read(
                        "GET submissions/{s}/artifacts/{a}/download",
                        x ->
                                Call.get(
                                        sub
                                                + x.submission()
                                                + "/artifacts/"
                                                + x.artifact()
                                                + "/download"))
                .read(
                        "GET submissions/{s}/artifacts/{a}/preview",
                        x ->
                                Call.get(
                                        sub
                                                + x.submission()
                                                + "/artifacts/"
                                                + x.artifact()
                                                + "/preview"))
                .write(
                        "DELETE submissions/{s}/artifacts/{a} (frozen in version 1)",
                        x ->
                                Call.json(
                                        HttpMethod.DELETE,
                                        sub + x.submission() + "/artifacts/" + x.artifact(),
                                        null))
                .read(
                        "GET submissions/{s}/comments",
                        x -> Call.get(sub + x.submission() + "/comments"))
                .write(
                        "POST submissions/{s}/comments",
                        x ->
                                Call.json(
                                        HttpMethod.POST,
                                        sub + x.submission() + "/comments",
                                        Map.of("body", "Revisen la celda 3")))
                .write(
                        "PATCH submissions/{s}/comments/{c} (the mentor's)",
                        x ->
                                Call.json(
                                        HttpMethod.PATCH,
                                        sub + x.submission() + "/comments/" + x.comment(),
                                        Map.of("body", "Revisen la celda 4")))
                .write(
                        "DELETE submissions/{s}/comments/{c} (the mentor's)",
                        x ->
                                Call.json(
                                        HttpMethod.DELETE,
                                        sub + x.submission() + "/comments/" + x.comment(),
                                        null));
    }

    static Stream<String> rows() {
        return MATRIX.rows();
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
        Api api = new Api(web, fixtures);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallerGetsTheRightStatus(String row) {
        Setup x = MATRIX.scenario(row, "submission", this::setup);
        SubmissionScenario s = x.s();
        MATRIX.verify(
                web,
                row,
                x,
                null,
                s.citizen.token(),
                s.otherMentor.token(),
                s.judge.token(),
                s.mentor.token(),
                s.organizer.token(),
                s.admin.token(),
                s.member.token(),
                s.captain.token());
    }
}
