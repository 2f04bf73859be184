package org.minka.common;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id, echoes it in {@code X-Request-Id}, puts it in the Reactor context (and
 * from there in the MDC of every log line), and writes one access-log line per request: at INFO for
 * writes, errors (4xx, 5xx) and slow requests ({@code minka.access-log.slow}, 1 s), at DEBUG for
 * the rest (reads answered 2xx or 3xx in time). At tens of thousands of public reads a second, a
 * line each was most of the machine's system time (3 GB of log in a 12-minute {@code make
 * bench-read}); the metrics count them all anyway. {@code logging.level.org.minka.access=DEBUG}
 * logs every request again.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    /** WebFlux names each filter in a checkpoint on every request: a constant, not Object's. */
    @Override
    public String toString() {
        return "RequestIdFilter";
    }

    private static final Logger access = LoggerFactory.getLogger("org.minka.access");

    private final long slowNanos;

    RequestIdFilter(@Value("${minka.access-log.slow:1s}") Duration slow) {
        this.slowNanos = slow.toNanos();
    }

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

    private void log(ServerWebExchange exchange, String id, long started) {
        long elapsed = System.nanoTime() - started;
        HttpStatusCode code = exchange.getResponse().getStatusCode();
        int status = code == null ? 200 : code.value();
        HttpMethod method = exchange.getRequest().getMethod();
        boolean routine = routine(method, status, elapsed);
        if (routine ? !access.isDebugEnabled() : !access.isInfoEnabled()) {
            return;
        }
        String format = "{} {} -> {} in {} ms";
        Object[] args = {
            method, exchange.getRequest().getPath().value(), status, elapsed / 1_000_000
        };
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.CONTEXT_KEY, id)) {
            if (routine) {
                access.debug(format, args);
            } else {
                access.info(format, args);
            }
        }
    }

    /** A read answered 2xx or 3xx in time: logged at DEBUG only. */
    private boolean routine(HttpMethod method, int status, long elapsedNanos) {
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return read && status < 400 && elapsedNanos < slowNanos;
    }
}
