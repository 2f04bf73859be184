package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.json.JsonMapper;

/** Which failures answer 503 service-unavailable with Retry-After, and which stay a 500. */
class UnavailableProblemTests {

    private static ProblemFactory factory() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return new ProblemFactory(
                new Messages(source),
                source,
                JsonMapper.builder().build(),
                Clock.systemUTC(),
                Duration.ofSeconds(7));
    }

    private final ProblemFactory problems = factory();

    private MockServerWebExchange written(Throwable error) {
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/events"));
        problems.write(exchange, error).block();
        return exchange;
    }

    @Test
    void writeWhenPoolCannotConnectThenServiceUnavailableWithRetryAfter() {
        Throwable refused =
                new DataAccessResourceFailureException(
                        "Failed to obtain R2DBC Connection",
                        new R2dbcNonTransientResourceException(
                                "Cannot connect",
                                "08001",
                                new ConnectException("Connection refused")));
        MockServerWebExchange exchange = written(refused);
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))
                .isEqualTo("7");
        assertThat(exchange.getResponse().getBodyAsString().block())
                .contains("https://minka.dev/problems/service-unavailable")
                .doesNotContain("Connection refused")
                .doesNotContain("R2DBC");
    }

    @Test
    void isCauseOfWhenDependencyFailuresThenTrue() {
        assertThat(DependencyUnavailableException.isCauseOf(new R2dbcTimeoutException("acquire")))
                .isTrue();
        assertThat(
                        DependencyUnavailableException.isCauseOf(
                                new IllegalStateException(new TimeoutException("pool"))))
                .isTrue();
        assertThat(
                        DependencyUnavailableException.isCauseOf(
                                new DependencyUnavailableException(
                                        "object storage", new IOException("reset"))))
                .isTrue();
    }

    @Test
    void writeWhenProgrammingErrorThenInternalErrorWithoutRetryAfter() {
        MockServerWebExchange exchange = written(new IllegalStateException("bug"));
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER))
                .isFalse();
        assertThat(DependencyUnavailableException.isCauseOf(new IOException("client went away")))
                .isFalse();
        assertThat(
                        DependencyUnavailableException.isCauseOf(
                                new R2dbcNonTransientResourceException(
                                        "injected failure", "P0001")))
                .isFalse();
        assertThat(
                        DependencyUnavailableException.isCauseOf(
                                new DataAccessResourceFailureException(
                                        "ERROR: relation \"users\" does not exist")))
                .isFalse();
    }
}
