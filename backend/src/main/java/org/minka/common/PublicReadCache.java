package org.minka.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A short-lived cache of anonymous public reads, per instance. An anonymous GET under {@code
 * /api/v1/} whose answer was a 200 with an ETag (the public reads of {@link HttpCaching}) is kept
 * for {@code minka.read-cache.ttl} (1 s by default; 0 turns it off): the same anonymous request
 * (same path and query, {@code Accept}, {@code Accept-Language} and {@code Origin}) within that
 * time gets the same bytes and headers, or a 304 when its {@code If-None-Match} matches, without
 * the security chain, a query or serialisation. When the TTL has passed, one request goes down the
 * chain to refresh the entry, and the others meanwhile get the kept answer (for at most one more
 * TTL): without that, every request in flight at expiry went down the chain at once, and the queue
 * they formed for the database was the bench's p99. Any write through this instance empties the
 * cache at once; other instances serve at most two TTLs of staleness. Requests with a token always
 * go through.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class PublicReadCache implements WebFilter {

    /** WebFlux names each filter in a checkpoint on every request: a constant, not Object's. */
    @Override
    public String toString() {
        return "PublicReadCache";
    }

    private static final String IF_NONE_MATCH = HttpHeaders.IF_NONE_MATCH;
    private static final java.util.Set<HttpMethod> WRITES =
            java.util.Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_ENTRIES = 4096;
    private static final List<String> CONTENT_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH, HttpHeaders.LINK);
    private static final List<String> UNCACHED_HEADERS =
            List.of(
                    RequestIds.HEADER,
                    HttpHeaders.DATE,
                    HttpHeaders.SET_COOKIE,
                    HttpHeaders.TRANSFER_ENCODING,
                    HttpHeaders.CONNECTION,
                    "Keep-Alive");

    private final long ttlNanos;
    private final LongSupplier ticker;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** Keys whose refresh is on its way down the chain (one request per key at a time). */
    private final Map<String, Boolean> refreshing = new ConcurrentHashMap<>();

    private final AtomicLong generation = new AtomicLong();

    @Autowired
    PublicReadCache(@Value("${minka.read-cache.ttl:1s}") Duration ttl) {
        this(ttl, System::nanoTime);
    }

    PublicReadCache(Duration ttl, LongSupplier ticker) {
        this.ttlNanos = ttl.toNanos();
        this.ticker = ticker;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (ttlNanos <= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        HttpMethod method = request.getMethod();
        if (WRITES.contains(method)) {
            return chain.filter(exchange).doFinally(signal -> invalidate());
        }
        if (method != HttpMethod.GET || !anonymousApiRead(request)) {
            return chain.filter(exchange);
        }
        String key = key(request);
        Entry hit = entries.get(key);
        if (hit != null && fresh(hit)) {
            return serve(hit, exchange);
        }
        boolean refresher = refreshing.putIfAbsent(key, Boolean.TRUE) == null;
        if (!refresher && hit != null && usable(hit)) {
            return serve(hit, exchange);
        }
        Mono<Void> through = chain.filter(recorded(exchange, key));
        return refresher ? through.doFinally(signal -> refreshing.remove(key)) : through;
    }

    /**
     * The exchange a miss goes down the chain with: without {@code If-None-Match}, so that the full
     * 200 comes back to be kept, and with a response that keeps it (answering the 304 itself).
     */
    private ServerWebExchange recorded(ServerWebExchange exchange, String key) {
        List<String> ifNoneMatch = exchange.getRequest().getHeaders().getOrEmpty(IF_NONE_MATCH);
        Recording recording = new Recording(exchange, key, generation.get(), ifNoneMatch);
        ServerWebExchange.Builder builder = exchange.mutate().response(recording);
        if (ifNoneMatch.isEmpty()) {
            return builder.build();
        }
        builder.request(r -> r.headers(h -> h.remove(IF_NONE_MATCH)));
        return new Unconditional(builder.build());
    }

    /**
     * A mutated exchange still answers {@code checkNotModified} from the original request, which
     * has the {@code If-None-Match} that the miss took away: the handler would send its 304 past
     * the recording, and a client that only revalidates would never refill the cache.
     */
    private static final class Unconditional extends ServerWebExchangeDecorator {

        Unconditional(ServerWebExchange delegate) {
            super(delegate);
        }

        @Override
        public boolean checkNotModified(java.time.Instant lastModified) {
            return false;
        }

        @Override
        public boolean checkNotModified(String etag) {
            return false;
        }

        @Override
        public boolean checkNotModified(String etag, java.time.Instant lastModified) {
            return false;
        }
    }

    private void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }

    private boolean fresh(Entry entry) {
        return entry.generation() == generation.get()
                && ticker.getAsLong() - entry.storedAt() < ttlNanos;
    }

    /** Past its TTL, but less than one more: served while another request refreshes it. */
    private boolean usable(Entry entry) {
        return entry.generation() == generation.get()
                && ticker.getAsLong() - entry.storedAt() < 2 * ttlNanos;
    }

    private static boolean anonymousApiRead(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        return request.getPath().value().startsWith("/api/v1/")
                && !headers.containsHeader(HttpHeaders.AUTHORIZATION)
                && !headers.containsHeader(HttpHeaders.COOKIE);
    }

    private static String key(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        String query = request.getURI().getRawQuery();
        return request.getPath().value()
                + (query == null ? "" : "?" + query)
                + '\n'
                + headers.getFirst(HttpHeaders.ACCEPT)
                + '\n'
                + headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE)
                + '\n'
                + headers.getFirst(HttpHeaders.ORIGIN);
    }

    private static Mono<Void> serve(Entry entry, ServerWebExchange exchange) {
        if (entry.pattern() != null) {
            exchange.getAttributes()
                    .put(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, entry.pattern());
        }
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        entry.headers().forEach(headers::put);
        List<String> tags = exchange.getRequest().getHeaders().getOrEmpty(IF_NONE_MATCH);
        if (matches(tags, entry.headers().getETag())) {
            return notModified(response);
        }
        response.setStatusCode(HttpStatus.OK);
        return response.writeWith(Mono.fromSupplier(() -> wrap(response, entry)));
    }

    private static Mono<Void> notModified(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.NOT_MODIFIED);
        HttpHeaders headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_TYPE);
        headers.remove(HttpHeaders.CONTENT_LENGTH);
        headers.remove(HttpHeaders.LINK);
        return response.setComplete();
    }

    private static DataBuffer wrap(ServerHttpResponse response, Entry entry) {
        return response.bufferFactory().wrap(entry.body());
    }

    /** If-None-Match's weak comparison against the stored tag; {@code *} matches. */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        String current = opaque(etag);
        for (String value : ifNoneMatch) {
            for (String tag : value.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || opaque(t).equals(current)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private void store(String key, Entry entry) {
        if (entry.generation() != generation.get()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, entry);
    }

    /** A response kept for the cache, with what is needed to send it again. */
    record Entry(
            byte[] body, HttpHeaders headers, Object pattern, long generation, long storedAt) {}

    /**
     * Copies a single-buffer 200 with an ETag on its way out, and stores it once sent (headers as
     * committed, so with those added just before the commit). Answers the request's own {@code
     * If-None-Match} with a 304 when it matches.
     */
    private final class Recording extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;
        private final String key;
        private final long seen;
        private final List<String> ifNoneMatch;

        Recording(ServerWebExchange exchange, String key, long seen, List<String> ifNoneMatch) {
            super(exchange.getResponse());
            this.exchange = exchange;
            this.key = key;
            this.seen = seen;
            this.ifNoneMatch = ifNoneMatch;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            if (!(body instanceof Mono<? extends DataBuffer> single) || !cacheable()) {
                return super.writeWith(body);
            }
            return single.flatMap(this::copyAndWrite);
        }

        private boolean cacheable() {
            HttpStatusCode status = getStatusCode();
            boolean ok = status == null || status.value() == 200;
            return ok && getHeaders().getETag() != null;
        }

        private Mono<Void> copyAndWrite(DataBuffer buffer) {
            int size = buffer.readableByteCount();
            if (size > MAX_BYTES) {
                return super.writeWith(Mono.just(buffer));
            }
            byte[] bytes = new byte[size];
            buffer.toByteBuffer(buffer.readPosition(), java.nio.ByteBuffer.wrap(bytes), 0, size);
            HttpHeaders content = copy(getHeaders());
            content.setContentLength(size);
            if (!matches(ifNoneMatch, getHeaders().getETag())) {
                return super.writeWith(Mono.just(buffer)).doOnSuccess(done -> keep(bytes, content));
            }
            DataBufferUtils.release(buffer);
            return notModified(getDelegate()).doOnSuccess(done -> keep(bytes, content));
        }

        /** Keeps the committed headers, with the content's own that a 304 leaves out. */
        private void keep(byte[] bytes, HttpHeaders content) {
            HttpHeaders headers = copy(getHeaders());
            UNCACHED_HEADERS.forEach(headers::remove);
            CONTENT_HEADERS.forEach(name -> restore(headers, content, name));
            Object pattern =
                    exchange.getAttributes().get(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            store(key, new Entry(bytes, headers, pattern, seen, ticker.getAsLong()));
        }
    }

    private static void restore(HttpHeaders headers, HttpHeaders content, String name) {
        List<String> values = content.get(name);
        if (values != null) {
            headers.put(name, values);
        }
    }

    private static HttpHeaders copy(HttpHeaders from) {
        HttpHeaders to = new HttpHeaders();
        from.forEach(to::put);
        return to;
    }
}
