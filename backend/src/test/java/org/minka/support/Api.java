package org.minka.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Fixtures.User;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The general HTTP client of the tests: calls as a user, returning the status, the raw body and the
 * headers; plus the few setup steps most modules need (a published event, registered citizens,
 * teams, phase windows).
 */
public class Api {

    public static final Map<String, Object> ANSWERS =
            Map.of("region", "Lima", "skills", List.of("python"), "termsVersion", "2026-11");

    /** A response: status, body text, headers. */
    public record Reply(int status, String body, HttpHeaders headers) {

        public <T> T json(String path) {
            return JsonPath.read(body, path);
        }

        public UUID id() {
            return UUID.fromString(json("$.id"));
        }

        public String type() {
            assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            return json("$.type");
        }

        public Reply expect(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return this;
        }

        /** Expects a problem of this status and slug. */
        public Reply problem(int expected, String slug) {
            expect(expected);
            assertThat(type()).isEqualTo("https://minka.dev/problems/" + slug);
            return this;
        }
    }

    private final WebTestClient web;
    private final Fixtures fixtures;

    public Api(WebTestClient web, Fixtures fixtures) {
        this.web = web;
        this.fixtures = fixtures;
    }

    public Reply call(HttpMethod method, User user, String path, Object body, Object... vars) {
        WebTestClient.RequestBodySpec spec = web.method(method).uri(path, vars);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        var result =
                (body == null
                                ? spec.exchange()
                                : spec.contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(body)
                                        .exchange())
                        .expectBody(String.class)
                        .returnResult();
        return new Reply(
                result.getStatus().value(),
                result.getResponseBody() == null ? "" : result.getResponseBody(),
                result.getResponseHeaders());
    }

    public Reply get(User user, String path, Object... vars) {
        return call(HttpMethod.GET, user, path, null, vars);
    }

    public Reply post(User user, String path, Object body, Object... vars) {
        return call(HttpMethod.POST, user, path, body, vars);
    }

    public Reply delete(User user, String path, Object... vars) {
        return call(HttpMethod.DELETE, user, path, null, vars);
    }

    /** A published event with these settings, organized by {@code admin}. */
    public UUID event(User admin, Map<String, Object> settings) {
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        if (settings != null) {
            body.put("settings", settings);
        }
        UUID id = post(admin, "/api/v1/events", body).expect(201).id();
        post(admin, "/api/v1/events/{id}/publish", null, id).expect(200);
        return id;
    }

    public User registered(UUID event, Map<String, Object> answers) {
        User citizen = fixtures.user("citizen");
        post(citizen, "/api/v1/events/{e}/registrations", answers, event).expect(201);
        return citizen;
    }

    public User registered(UUID event) {
        return registered(event, ANSWERS);
    }

    /** A team created by {@code captain}: its id and join code. */
    public Reply team(UUID event, User captain, Map<String, Object> body) {
        return post(captain, "/api/v1/events/{e}/teams", body, event).expect(201);
    }

    public Reply team(UUID event, User captain) {
        return team(event, captain, Map.of("name", "Equipo " + UUID.randomUUID()));
    }

    public void join(UUID event, User user, String code) {
        post(user, "/api/v1/events/{e}/teams/join", Map.of("joinCode", code), event).expect(200);
    }

    /** Moves the windows so that REGISTRATION closed a second ago and SUBMISSION is open. */
    public void closeRegistration(UUID event, User organizer) {
        Instant closed = Instant.now().minusSeconds(1);
        phases(event, organizer, closed, closed.plus(Duration.ofDays(10)));
    }

    /** Moves the windows so that REGISTRATION and SUBMISSION have closed. */
    public void closeSubmission(UUID event, User organizer) {
        Instant closed = Instant.now().minusSeconds(1);
        phases(event, organizer, closed.minus(Duration.ofDays(10)), closed);
    }

    private void phases(
            UUID event, User organizer, Instant registrationCloses, Instant submissionCloses) {
        Instant after = submissionCloses;
        List<Map<String, Object>> windows =
                List.of(
                        Fixtures.window(
                                "REGISTRATION",
                                registrationCloses.minus(Duration.ofDays(5)),
                                registrationCloses),
                        Fixtures.window("SUBMISSION", registrationCloses, submissionCloses),
                        Fixtures.window("JUDGING", after, after.plus(Duration.ofDays(5))),
                        Fixtures.window(
                                "VOTING",
                                after.plus(Duration.ofDays(1)),
                                after.plus(Duration.ofDays(5))),
                        Fixtures.window(
                                "RESULTS",
                                after.plus(Duration.ofDays(5)),
                                after.plus(Duration.ofDays(15))));
        call(
                        HttpMethod.PUT,
                        organizer,
                        "/api/v1/events/{id}/phases",
                        Map.of("phases", windows),
                        event)
                .expect(200);
    }
}
