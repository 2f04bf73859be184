package org.minka.common;

import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;

class HealthIntegrationTests extends IntegrationTest {

    @Test
    void readinessWhenDatabaseAndBucketAnswerThenUp() {
        web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP")
                .jsonPath("$.components.storage.status")
                .isEqualTo("UP");
    }

    @Test
    void livenessThenUp() {
        web.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    @Test
    void prometheusThenMetrics() {
        web.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(
                        body ->
                                org.assertj.core.api.Assertions.assertThat(body)
                                        .contains("jvm_memory_used_bytes"));
    }

    @Test
    void meWhenTokenThenUserUpserted() {
        web.get()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(tokens.user("health-user", false)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.email")
                .isEqualTo("health-user@example.org")
                .jsonPath("$.admin")
                .isEqualTo(false);
    }
}
