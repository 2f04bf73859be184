package org.minka.common;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The size limit of every request body that is not a multipart upload (uploads stream under their
 * own limits): a declared {@code Content-Length} over it gets 413 (read and dropped first when it
 * is at most {@link #SWALLOW} over the limit, else before anything is read), and a streamed body
 * fails with 413 as soon as the bytes read cross it, so nothing downstream (the idempotency filter,
 * the codecs) ever holds more. The server then stops reading and closes the connection.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodyLimitFilter implements WebFilter {

    /** WebFlux names each filter in a checkpoint on every request: a constant, not Object's. */
    @Override
    public String toString() {
        return "BodyLimitFilter";
    }

    /** How far past the limit a declared body is still read (and dropped) before the 413. */
    static final long SWALLOW = 2L * 1024 * 1024;

    private final ProblemFactory problems;
    private final long maxBytes;

    BodyLimitFilter(
            ProblemFactory problems,
            @Value("${spring.http.codecs.max-in-memory-size:1MB}") DataSize maxBytes) {
        this.problems = problems;
        this.maxBytes = maxBytes.toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (isMultipart(request)) {
            return chain.filter(exchange);
        }
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return declared <= maxBytes + SWALLOW ? swallowThenRefuse(exchange) : refuse(exchange);
        }
        return chain.filter(exchange.mutate().request(limited(request)).build());
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        return problems.write(exchange, new MinkaException(ProblemType.PAYLOAD_TOO_LARGE));
    }

    /**
     * A body a little over the limit is read and dropped before the 413 (as Tomcat's maxSwallowSize
     * does), so that a client that sends its whole body before reading reliably gets the answer
     * instead of a reset; nothing is kept, and larger bodies are not read at all.
     */
    private Mono<Void> swallowThenRefuse(ServerWebExchange exchange) {
        return exchange.getRequest()
                .getBody()
                .doOnNext(DataBufferUtils::release)
                .then(Mono.defer(() -> refuse(exchange)));
    }

    private ServerHttpRequest limited(ServerHttpRequest request) {
        return new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> counted(super.getBody()));
            }
        };
    }

    private Flux<DataBuffer> counted(Flux<DataBuffer> body) {
        AtomicLong seen = new AtomicLong();
        return body.map(buffer -> checked(buffer, seen));
    }

    private DataBuffer checked(DataBuffer buffer, AtomicLong seen) {
        if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
            DataBufferUtils.release(buffer);
            throw new DataBufferLimitException("request body over " + maxBytes + " bytes");
        }
        return buffer;
    }

    private static boolean isMultipart(ServerHttpRequest request) {
        MediaType type = request.getHeaders().getContentType();
        return type != null && MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type);
    }
}
