package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.minka.support.IntegrationTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/** The request id reaches the log lines written while serving the request. */
@ExtendWith(OutputCaptureExtension.class)
class RequestLoggingIntegrationTests extends IntegrationTest {

    @Test
    void logLinesOfARequestCarryItsId(CapturedOutput output) {
        String slug = fixtures.slug();
        String admin = fixtures.admin().token();
        web.post()
                .uri("/api/v1/events")
                .headers(h -> h.setBearerAuth(admin))
                .header("X-Request-Id", "log-test-" + slug)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(fixtures.eventBody(slug))
                .exchange()
                .expectStatus()
                .isCreated();
        // lines are written by the logging thread (logback-spring.xml), so they may come a little
        // later
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(output.getOut())
                                        .containsPattern(
                                                "\\[log-test-"
                                                        + slug
                                                        + "\\].*Event "
                                                        + slug
                                                        + " .*created")
                                        .containsPattern(
                                                "\\[log-test-"
                                                        + slug
                                                        + "\\].*POST /api/v1/events -> 201"));
    }

    @Test
    void accessLogWhenReadsAnsweredInTimeThenOnlyErrorsAndWritesAtInfo(CapturedOutput output) {
        String slug = fixtures.slug();
        web.get()
                .uri("/api/v1/events")
                .header("X-Request-Id", "quiet-read-" + slug)
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/api/v1/events/{id}", java.util.UUID.randomUUID())
                .header("X-Request-Id", "missing-read-" + slug)
                .exchange()
                .expectStatus()
                .isNotFound();
        web.post()
                .uri("/api/v1/events")
                .header("X-Request-Id", "anonymous-write-" + slug)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(fixtures.eventBody(slug))
                .exchange()
                .expectStatus()
                .isUnauthorized();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(output.getOut())
                                        .containsPattern(
                                                "\\[missing-read-"
                                                        + slug
                                                        + "\\].*GET /api/v1/events/[0-9a-f-]+ -> 404")
                                        .containsPattern(
                                                "\\[anonymous-write-"
                                                        + slug
                                                        + "\\].*POST /api/v1/events -> 401"));
        assertThat(output.getOut()).doesNotContain("[quiet-read-" + slug + "]");
    }

    @Test
    void serverErrorLogCarriesTheId(CapturedOutput output) {
        String token = tokens.user("log-500", false);
        web.get()
                .uri("/api/v1/test/failure")
                .headers(h -> h.setBearerAuth(token))
                .header("X-Request-Id", "log-test-failure-1")
                .exchange()
                .expectStatus()
                .is5xxServerError();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(output.getOut() + output.getErr())
                                        .containsPattern(
                                                "ERROR \\[log-test-failure-1\\].*GET"
                                                        + " /api/v1/test/failure failed"));
    }
}
