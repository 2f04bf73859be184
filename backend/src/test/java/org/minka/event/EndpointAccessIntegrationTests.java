package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.Cast;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every endpoint, called by each of the five callers: anonymous, a citizen, an organizer of another
 * event, an organizer of this event, and an admin. Callers run in that order, so a call that
 * changes state (publishing) only happens after the refused ones.
 */
class EndpointAccessIntegrationTests extends IntegrationTest {

    /** A request to make; built per caller, so destructive calls get their own target. */
    record Call(HttpMethod method, String path, Object body) {}

    record Case(String name, boolean published, Function<Setup, Call> call, int... expected) {
        @Override
        public String toString() {
            return name + (published ? " (published event)" : " (draft event)");
        }
    }

    /** What a case can build on: the cast, and the fixtures to create fresh resources. */
    record Setup(Cast cast, Fixtures fixtures, UUID challenge) {}

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        Function<Setup, Call> listEvents = s -> new Call(HttpMethod.GET, "/api/v1/events", null);
        cases.add(new Case("GET /events", true, listEvents, 200, 200, 200, 200, 200));
        cases.add(
                new Case(
                        "POST /events",
                        false,
                        s ->
                                new Call(
                                        HttpMethod.POST,
                                        "/api/v1/events",
                                        s.fixtures().eventBody(s.fixtures().slug())),
                        401,
                        403,
                        403,
                        403,
                        201));
        for (boolean published : new boolean[] {false, true}) {
            int seen = published ? 200 : 404;
            int refused = published ? 403 : 404;
            cases.add(
                    new Case(
                            "GET /events/{id}",
                            published,
                            s -> call(HttpMethod.GET, "", s, null),
                            seen,
                            seen,
                            seen,
                            200,
                            200));
            cases.add(
                    new Case(
                            "PATCH /events/{id}",
                            published,
                            s ->
                                    call(
                                            HttpMethod.PATCH,
                                            "",
                                            s,
                                            Map.of("description", "nueva descripción")),
                            401,
                            refused,
                            refused,
                            200,
                            200));
            cases.add(
                    new Case(
                            "PUT /events/{id}/phases",
                            published,
                            s ->
                                    call(
                                            HttpMethod.PUT,
                                            "/phases",
                                            s,
                                            Map.of(
                                                    "phases",
                                                    Fixtures.phases(java.time.Instant.now()))),
                            401,
                            refused,
                            refused,
                            200,
                            200));
            cases.add(
                    new Case(
                            published ? "POST /events/{id}/unpublish" : "POST /events/{id}/publish",
                            published,
                            s ->
                                    call(
                                            HttpMethod.POST,
                                            published ? "/unpublish" : "/publish",
                                            s,
                                            null),
                            401,
                            refused,
                            refused,
                            200,
                            200));
            cases.add(
                    new Case(
                            "GET /events/{id}/challenges",
                            published,
                            s -> call(HttpMethod.GET, "/challenges", s, null),
                            seen,
                            seen,
                            seen,
                            200,
                            200));
            cases.add(
                    new Case(
                            "GET /events/{id}/challenges/{id}",
                            published,
                            s -> call(HttpMethod.GET, "/challenges/" + s.challenge(), s, null),
                            seen,
                            seen,
                            seen,
                            200,
                            200));
            cases.add(
                    new Case(
                            "POST /events/{id}/challenges",
                            published,
                            s ->
                                    call(
                                            HttpMethod.POST,
                                            "/challenges",
                                            s,
                                            Fixtures.challengeBody("Reto nuevo")),
                            401,
                            refused,
                            refused,
                            201,
                            201));
            cases.add(
                    new Case(
                            "PATCH /events/{id}/challenges/{id}",
                            published,
                            s ->
                                    call(
                                            HttpMethod.PATCH,
                                            "/challenges/" + s.challenge(),
                                            s,
                                            Map.of("title", "Reto cambiado")),
                            401,
                            refused,
                            refused,
                            200,
                            200));
            cases.add(
                    new Case(
                            "DELETE /events/{id}/challenges/{id}",
                            published,
                            s ->
                                    call(
                                            HttpMethod.DELETE,
                                            "/challenges/"
                                                    + s.fixtures()
                                                            .challenge(
                                                                    s.cast().event(),
                                                                    s.cast().admin(),
                                                                    "Reto a borrar"),
                                            s,
                                            null),
                            401,
                            refused,
                            refused,
                            204,
                            204));
            cases.add(
                    new Case(
                            "GET /events/{id}/memberships",
                            published,
                            s -> call(HttpMethod.GET, "/memberships", s, null),
                            401,
                            refused,
                            refused,
                            200,
                            200));
            cases.add(
                    new Case(
                            "POST /events/{id}/memberships",
                            published,
                            s ->
                                    call(
                                            HttpMethod.POST,
                                            "/memberships",
                                            s,
                                            Map.of(
                                                    "role",
                                                    "MENTOR",
                                                    "userId",
                                                    s.fixtures().user("mentor").id().toString())),
                            401,
                            refused,
                            refused,
                            201,
                            201));
            cases.add(
                    new Case(
                            "DELETE /events/{id}/memberships/{id}",
                            published,
                            s ->
                                    call(
                                            HttpMethod.DELETE,
                                            "/memberships/"
                                                    + s.fixtures()
                                                            .addMember(
                                                                    s.cast().event(),
                                                                    s.cast().admin(),
                                                                    s.fixtures().user("judge"),
                                                                    "JUDGE"),
                                            s,
                                            null),
                            401,
                            refused,
                            refused,
                            204,
                            204));
        }
        cases.add(
                new Case(
                        "GET /me",
                        true,
                        s -> new Call(HttpMethod.GET, "/api/v1/me", null),
                        401,
                        200,
                        200,
                        200,
                        200));
        return cases.stream().map(Arguments::of);
    }

    private static Call call(HttpMethod method, String suffix, Setup s, Object body) {
        return new Call(method, "/api/v1/events/" + s.cast().event() + suffix, body);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void callerGetsExpectedStatus(Case c) {
        Cast cast = fixtures.cast(c.published());
        UUID challenge = fixtures.challenge(cast.event(), cast.admin(), "Reto base");
        Setup setup = new Setup(cast, fixtures, challenge);
        String[] tokens = {
            null,
            cast.citizen().token(),
            cast.otherOrganizer().token(),
            cast.organizer().token(),
            cast.admin().token()
        };
        String[] callers = {
            "anonymous", "citizen", "organizer of another event", "organizer", "admin"
        };
        for (int i = 0; i < tokens.length; i++) {
            Call call = c.call().apply(setup);
            String token = tokens[i];
            WebTestClient.RequestBodySpec request = web.method(call.method()).uri(call.path());
            if (token != null) {
                request.headers(h -> h.setBearerAuth(token));
            }
            WebTestClient.ResponseSpec response =
                    call.body() == null
                            ? request.exchange()
                            : request.contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(call.body())
                                    .exchange();
            int expected = c.expected()[i];
            var result = response.expectBody(String.class).returnResult();
            assertThat(result.getStatus().value())
                    .as(callers[i] + " on " + c + ": " + result.getResponseBody())
                    .isEqualTo(expected);
            if (expected >= 400) {
                assertThat(result.getResponseHeaders().getContentType())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(result.getResponseBody())
                        .contains("\"type\":\"https://minka.dev/problems/")
                        .contains("\"requestId\"");
            }
            if (expected == 401) {
                assertThat(result.getResponseHeaders().getFirst("WWW-Authenticate"))
                        .startsWith("Bearer");
            }
        }
    }
}
