package org.minka.support;

import org.junit.jupiter.api.BeforeEach;
import org.minka.MinkaApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Full stack: the app on a random port against real PostgreSQL, S3Proxy over HTTP and tokens from a
 * real issuer (discovery + JWKS), with BlockHound watching the event loops.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {MinkaApplication.class, IntegrationTest.TestBeans.class})
@AutoConfigureWebTestClient
public abstract class IntegrationTest {

    static {
        BlockHoundSupport.install();
    }

    @Autowired protected WebTestClient web;

    @Autowired protected MutableClock clock;

    @Autowired protected org.springframework.r2dbc.core.DatabaseClient db;

    protected Fixtures fixtures;

    protected static final Tokens tokens = new Tokens(LocalServers.forTests().issuer());

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        LocalServers.forTests()
                .properties()
                .forEach((key, value) -> registry.add(key, () -> value));
        // the committed contract names a stable issuer, not the test issuer's random port
        registry.add(
                "minka.security.sign-in.authorization-url",
                () -> "https://sso.example.org/realms/minka/protocol/openid-connect/auth");
        registry.add(
                "minka.security.sign-in.token-url",
                () -> "https://sso.example.org/realms/minka/protocol/openid-connect/token");
        registry.add("minka.notifications.heartbeat", () -> "2s");
        registry.add("minka.reminders.enabled", () -> "false");
        // the whole suite writes from 127.0.0.1; rate-limit tests start contexts with limits on
        registry.add("minka.rate-limit.enabled", () -> "false");
        registry.add("minka.voting.rate-limit-enabled", () -> "false");
        // catalog: short portal time-outs, and refreshes only when a test asks
        registry.add("minka.catalog.portal.timeout", () -> "1s");
        registry.add("minka.catalog.portal.backoff", () -> "50ms");
        registry.add("minka.catalog.portal.max-bytes", () -> "4194304");
        registry.add("minka.catalog.refresh.enabled", () -> "false");
        // recognition: rankings are computed when a test runs the job
        registry.add("minka.recognition.rankings.enabled", () -> "false");
        // the upload reaper runs when a test calls it, never on its own schedule mid-test
        registry.add("minka.submission.reaper-interval", () -> "0s");
        // reads go to the database every time (PublicReadCacheTests covers the cache itself)
        registry.add("minka.read-cache.ttl", () -> "0s");
        // voting's fraud scan runs when a test asks (POST .../voting/review/scan), not mid-test
        registry.add("minka.voting.fraud.every", () -> "0s");
        // results: scheduled publications are announced when a test runs the job
        registry.add("minka.results.announce-every", () -> "0s");
        // results: certificate runs are worked off when a test runs the worker
        registry.add("minka.results.certificates.enabled", () -> "false");
    }

    @BeforeEach
    void resetClock() {
        clock.reset();
        fixtures = new Fixtures(web, tokens);
    }

    @org.junit.jupiter.api.AfterEach
    void noBlockingCalls() {
        java.util.List<String> seen = java.util.List.copyOf(BlockHoundSupport.VIOLATIONS);
        BlockHoundSupport.VIOLATIONS.clear();
        org.assertj.core.api.Assertions.assertThat(seen)
                .as("blocking calls on non-blocking threads")
                .isEmpty();
    }

    @org.junit.jupiter.api.AfterEach
    void responsesMatchTheContract() {
        org.assertj.core.api.Assertions.assertThat(ContractCheck.drain())
                .as("responses that openapi/openapi.yaml does not describe")
                .isEmpty();
    }

    /** Counts rows with plain SQL, to prove that a rejected request stored nothing. */
    protected long count(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        return spec.map((row, meta) -> row.get(0, Long.class)).one().block();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {

        /** Lets tests that change event tables with raw SQL wait for the cache to hear it. */
        @Bean
        static org.springframework.beans.factory.config.BeanPostProcessor eventFactsSync() {
            return org.minka.event.EventFactsSync.registrar();
        }

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }

        /** A fresh connection per request: no client-side keep-alive pool shared between tests. */
        @Bean
        org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer
                freshConnections() {
            return builder ->
                    builder.responseTimeout(java.time.Duration.ofSeconds(30))
                            .filter(ContractCheck.filter())
                            .clientConnector(
                                    new org.springframework.http.client.reactive
                                            .ReactorClientHttpConnector(
                                            reactor.netty.http.client.HttpClient.newConnection()));
        }

        @Bean
        testsupport.FailingController failingController() {
            return new testsupport.FailingController();
        }
    }
}
