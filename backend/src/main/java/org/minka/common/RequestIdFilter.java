package org.minka.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id, echoes it in {@code X-Request-Id}, puts it in the Reactor context (and
 * from there in the MDC of every log line), and writes one access-log line per request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    private static final Logger access = LoggerFactory.getLogger("org.minka.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.of(exchange);
        long started = System.nanoTime();
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
        exchange.getResponse()
                .beforeCommit(
                        () -> {
                            log(exchange, id, started);
                            return Mono.empty();
                        });
        return chain.filter(exchange).contextWrite(ctx -> ctx.put(RequestIds.CONTEXT_KEY, id));
    }

    private static void log(ServerWebExchange exchange, String id, long started) {
        if (!access.isInfoEnabled()) {
            return;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.CONTEXT_KEY, id)) {
            access.info(
                    "{} {} -> {} in {} ms",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    status == null ? 200 : status.value(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
