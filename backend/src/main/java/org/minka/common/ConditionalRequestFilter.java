package org.minka.common;

import java.util.List;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The part of RFC 9110's {@code If-None-Match} that the framework leaves out: {@code *} on a GET or
 * HEAD matches any current representation, so a successful read with an ETag becomes a 304 without
 * a body. Lists of tags and weak comparison are handled where the ETag is set ({@link
 * HttpCaching}).
 */
@Component
class ConditionalRequestFilter implements WebFilter {

    /** WebFlux names each filter in a checkpoint on every request: a constant, not Object's. */
    @Override
    public String toString() {
        return "ConditionalRequestFilter";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!wantsAnyTag(exchange)) {
            return chain.filter(exchange);
        }
        ServerHttpResponse notModified = new NotModifiedResponse(exchange.getResponse());
        return chain.filter(exchange.mutate().response(notModified).build());
    }

    private static boolean wantsAnyTag(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        List<String> values = exchange.getRequest().getHeaders().getOrEmpty("If-None-Match");
        return values.stream().anyMatch(HttpCaching::isWildcard);
    }

    /** Turns a 2xx that carries an ETag into a 304 with the same validators and no body. */
    private static final class NotModifiedResponse extends ServerHttpResponseDecorator {

        NotModifiedResponse(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!current()) {
                return super.writeWith(body);
            }
            return Flux.from(body).doOnNext(DataBufferUtils::release).then(notModified());
        }

        @Override
        public Mono<Void> writeAndFlushWith(
                Publisher<? extends Publisher<? extends DataBuffer>> body) {
            if (!current()) {
                return super.writeAndFlushWith(body);
            }
            return Flux.from(body)
                    .flatMap(Flux::from)
                    .doOnNext(DataBufferUtils::release)
                    .then(notModified());
        }

        private boolean current() {
            HttpStatusCode status = getStatusCode();
            boolean ok = status == null || status.is2xxSuccessful();
            return ok && getHeaders().getETag() != null;
        }

        private Mono<Void> notModified() {
            setStatusCode(HttpStatus.NOT_MODIFIED);
            HttpHeaders headers = getHeaders();
            headers.remove(HttpHeaders.CONTENT_TYPE);
            headers.remove(HttpHeaders.CONTENT_LENGTH);
            headers.remove(HttpHeaders.LINK);
            return setComplete();
        }
    }
}
