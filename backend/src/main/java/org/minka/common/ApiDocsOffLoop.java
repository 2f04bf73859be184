package org.minka.common;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * springdoc answers {@code /v3/api-docs} (and {@code .yaml}, {@code /swagger-config}) synchronously
 * in its handler: it builds the description (seconds, the first time), serializes it, and waits on
 * its own lock while the start-up pre-loading builds it. None of that may hold an event loop, so
 * those requests are handled on the bounded elastic scheduler.
 */
@Component
class ApiDocsOffLoop implements WebFilter {

    private final String prefix;

    ApiDocsOffLoop(@Value("${springdoc.api-docs.path:/v3/api-docs}") String path) {
        this.prefix = path;
    }

    /** WebFlux names each filter in a checkpoint on every request: a constant, not Object's. */
    @Override
    public String toString() {
        return "ApiDocsOffLoop";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith(prefix)) {
            return chain.filter(exchange);
        }
        return Mono.defer(() -> chain.filter(exchange)).subscribeOn(Schedulers.boundedElastic());
    }
}
