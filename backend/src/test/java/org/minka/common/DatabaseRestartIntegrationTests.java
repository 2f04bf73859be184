package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.minka.support.Api;
import org.minka.support.BlockHoundSupport;
import org.minka.support.ContractCheck;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.LocalServers;
import org.minka.support.StandaloneApp;
import org.minka.support.Tokens;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * PostgreSQL stops and starts again (same port, same data directory) while Minka serves: requests
 * meanwhile get a 503 problem with Retry-After, readiness goes DOWN and back UP, liveness stays UP,
 * the pool recovers without a restart of the API, and what was acknowledged before is still there.
 * A database server of its own, not the shared one, and an instance of Minka on it.
 */
class DatabaseRestartIntegrationTests {

    static {
        BlockHoundSupport.install();
    }

    @TempDir static Path dir;

    static int port;
    static EmbeddedPostgres postgres;
    static StandaloneApp app;

    static final Tokens tokens = new Tokens(LocalServers.forTests().issuer());

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = startPostgres();
        String base = "postgresql://localhost:" + port + "/postgres";
        app =
                StandaloneApp.start(
                        Map.of(
                                "spring.r2dbc.url", "r2dbc:" + base,
                                "spring.flyway.url", "jdbc:" + base));
        // the shared S3Proxy starts empty; when this class runs first in its JVM on a loaded
        // machine, the one bucket creation at startup may time out, and readiness stays DOWN
        app.context()
                .getBean(org.minka.storage.ObjectStore.class)
                .ensureBucket()
                .retry(5)
                .block(Duration.ofMinutes(3));
    }

    static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("fsync", "off")
                .start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void noBlockingCallsAndResponsesMatchTheContract() {
        List<String> blocking = List.copyOf(BlockHoundSupport.VIOLATIONS);
        BlockHoundSupport.VIOLATIONS.clear();
        assertThat(blocking).as("blocking calls on non-blocking threads").isEmpty();
        assertThat(ContractCheck.drain())
                .as("responses that openapi/openapi.yaml does not describe")
                .isEmpty();
    }

    @Test
    void requestsWhenDatabaseRestartsThenServiceUnavailableThenServedWithDataKept()
            throws IOException {
        WebTestClient web = app.web();
        awaitReady(web);
        Fixtures fixtures = new Fixtures(web, tokens);
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        int rounds = Integer.getInteger("minka.race.rounds", 1);
        for (int round = 0; round < rounds; round++) {
            UUID acknowledged = api.event(admin, Map.of());
            postgres.close();
            postgres = null;

            Api.Reply read =
                    api.get(admin, "/api/v1/events/{id}", acknowledged)
                            .problem(503, "service-unavailable");
            assertThat(read.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(read.body()).doesNotContain("Exception").doesNotContain("postgres");
            api.post(admin, "/api/v1/events", fixtures.eventBody(fixtures.slug()))
                    .problem(503, "service-unavailable");
            readiness(web, 503, "DOWN");
            liveness(web);

            postgres = startPostgres();
            awaitReady(web);
            api.get(admin, "/api/v1/events/{id}", acknowledged).expect(200);
            UUID after = api.event(admin, Map.of());
            api.get(admin, "/api/v1/events/{id}", after).expect(200);
        }
    }

    private static void readiness(WebTestClient web, int status, String database) {
        web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo(database);
    }

    private static void liveness(WebTestClient web) {
        web.get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
    }

    /** Readiness comes back UP on its own: polled, with a bound so a broken pool fails the test. */
    private static void awaitReady(WebTestClient web) {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            var result =
                    web.get()
                            .uri("/actuator/health/readiness")
                            .exchange()
                            .expectBody(String.class)
                            .returnResult();
            if (result.getStatus().value() == 200) {
                readiness(web, 200, "UP");
                return;
            }
            assertThat(System.nanoTime())
                    .as("readiness UP again; last answer: %s", result.getResponseBody())
                    .isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
