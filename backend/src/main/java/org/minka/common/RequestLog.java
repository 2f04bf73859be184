package org.minka.common;

import org.slf4j.Logger;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Log lines written inside a request's reactive chain, with the request's id. The id lives only in
 * the Reactor context (put there by the request-id filter); it is copied into the MDC just for the
 * one line, at the time it is written. This replaces automatic context propagation, which copied it
 * into every thread's MDC at every operator of every request and cost far more than the requests
 * themselves.
 */
public final class RequestLog {

    private RequestLog() {}

    /** Writes an INFO line when subscribed, then completes. */
    public static Mono<Void> info(Logger log, String format, Object... args) {
        return Mono.deferContextual(ctx -> write(ctx, () -> log.info(format, args)));
    }

    /** Writes a WARN line when subscribed, then completes. */
    public static Mono<Void> warn(Logger log, String format, Object... args) {
        return Mono.deferContextual(ctx -> write(ctx, () -> log.warn(format, args)));
    }

    private static Mono<Void> write(ContextView ctx, Runnable line) {
        String id = ctx.getOrDefault(RequestIds.CONTEXT_KEY, null);
        if (id == null) {
            line.run();
            return Mono.empty();
        }
        try (MDC.MDCCloseable ignored = MDC.putCloseable(RequestIds.CONTEXT_KEY, id)) {
            line.run();
        }
        return Mono.empty();
    }
}
