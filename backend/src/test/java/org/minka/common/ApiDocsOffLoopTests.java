package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * springdoc's synchronous handler runs off the caller's thread; every other request stays on it.
 */
class ApiDocsOffLoopTests {

    private final ApiDocsOffLoop filter = new ApiDocsOffLoop("/v3/api-docs");

    @Test
    void filterWhenApiDocsThenChainRunsOnBoundedElastic() {
        for (String path :
                new String[] {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config"}) {
            assertThat(chainThread(path)).as(path).startsWith("boundedElastic-");
        }
    }

    @Test
    void filterWhenOtherPathThenChainRunsOnCallersThread() {
        String caller = Thread.currentThread().getName();
        for (String path : new String[] {"/api/v1/events", "/swagger-ui.html", "/v3"}) {
            assertThat(chainThread(path)).as(path).isEqualTo(caller);
        }
    }

    private String chainThread(String path) {
        AtomicReference<String> thread = new AtomicReference<>();
        WebFilterChain chain =
                exchange -> Mono.fromRunnable(() -> thread.set(Thread.currentThread().getName()));
        MockServerWebExchange exchange =
                MockServerWebExchange.from(MockServerHttpRequest.get(path).build());
        filter.filter(exchange, chain).block();
        return thread.get();
    }
}
