package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** The one error shape, in both languages, for errors raised anywhere. */
class ErrorsIntegrationTests extends IntegrationTest {

    @Test
    void errorWhenServerFailsThenGenericProblemWithoutInternals() {
        String token = tokens.user("errors-500", false);
        String body =
                web.get()
                        .uri("/api/v1/test/failure")
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isEqualTo(500)
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(body)
                .contains("https://minka.dev/problems/internal-error")
                .contains("\"requestId\"")
                .doesNotContain("select")
                .doesNotContain("SQL")
                .doesNotContain("Exception")
                .doesNotContain("org.")
                .doesNotContain("\tat ");
    }

    @Test
    void errorWhenSpanishRequestedThenSpanishDetail() {
        web.get()
                .uri("/api/v1/events/00000000-0000-0000-0000-000000000000")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "es-PE,es;q=0.9,en;q=0.5")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("No encontrado")
                .jsonPath("$.detail")
                .isEqualTo("El recurso (event) no existe o no es visible para ti.");
    }

    @Test
    void errorWhenEnglishOrNoLanguageThenEnglishDetail() {
        web.get()
                .uri("/api/v1/events/00000000-0000-0000-0000-000000000000")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Not found")
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/not-found")
                .jsonPath("$.instance")
                .isEqualTo("/api/v1/events/00000000-0000-0000-0000-000000000000")
                .jsonPath("$.timestamp")
                .isNotEmpty();
    }

    @Test
    void errorWhenUnknownRouteThenProblem() {
        web.get()
                .uri("/api/v1/nothing-here")
                .headers(h -> h.setBearerAuth(tokens.user("errors-404", false)))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/not-found");
    }

    @Test
    void errorWhenMethodNotAllowedThenProblemWithAllow() {
        web.method(org.springframework.http.HttpMethod.PUT)
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(tokens.user("errors-405", false)))
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectHeader()
                .exists(HttpHeaders.ALLOW)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/method-not-allowed");
    }

    @Test
    void errorWhenPathIdMalformedThenBadRequestNamingParameter() {
        web.get()
                .uri("/api/v1/events/not-a-uuid")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/malformed-request")
                .jsonPath("$.detail")
                .isEqualTo("The value of 'eventId' is not valid.");
    }

    @Test
    void requestIdWhenClientSendsOneThenEchoedInHeaderAndBody() {
        web.get()
                .uri("/api/v1/events/00000000-0000-0000-0000-000000000000")
                .header("X-Request-Id", "client-req-12345")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "client-req-12345")
                .expectBody()
                .jsonPath("$.requestId")
                .isEqualTo("client-req-12345");
    }

    @Test
    void forbiddenAndUnauthorizedShareTheShape() {
        Map<?, ?> unauthorized =
                web.post()
                        .uri("/api/v1/events")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{}")
                        .exchange()
                        .expectStatus()
                        .isUnauthorized()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        Map<?, ?> forbidden =
                web.post()
                        .uri("/api/v1/events")
                        .headers(h -> h.setBearerAuth(tokens.user("errors-403", false)))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(fixtures.eventBody(fixtures.slug()))
                        .exchange()
                        .expectStatus()
                        .isForbidden()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(forbidden.keySet()).isEqualTo(unauthorized.keySet());
        assertThat(forbidden.get("type")).isEqualTo("https://minka.dev/problems/forbidden");
    }

    @Test
    void corsWhenConfiguredOriginThenAllowed() {
        web.options()
                .uri("/api/v1/events")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(
                        HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS,
                        "authorization,content-type,if-match")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
    }

    @Test
    void corsWhenUnknownOriginThenRejected() {
        web.options()
                .uri("/api/v1/events")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void securityHeadersOnEveryResponse() {
        web.get()
                .uri("/api/v1/events")
                .exchange()
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .exists("Content-Security-Policy")
                .expectHeader()
                .valueEquals("Referrer-Policy", "no-referrer");
    }
}
