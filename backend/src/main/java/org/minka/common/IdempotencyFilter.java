package org.minka.common;

import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} for POSTs that a client may retry: the first request with a key runs and
 * its successful response is stored; a retry with the same key and body gets that response again
 * ({@code Idempotent-Replayed: true}) instead of a second write. The same key with another body is
 * refused (422), and a retry while the first is still running gets 409. Keys are scoped to the
 * caller and kept for 24 hours. State lives in PostgreSQL, so every instance sees it.
 */
@Component
class IdempotencyFilter implements WebFilter {

    /** WebFlux names each filter in a checkpoint on every request: a constant, not Object's. */
    @Override
    public String toString() {
        return "IdempotencyFilter";
    }

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9_.:-]{8,200}");
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final DatabaseClient db;
    private final ProblemFactory problems;
    private final int maxBytes;

    IdempotencyFilter(
            DatabaseClient db,
            ProblemFactory problems,
            @Value("${spring.http.codecs.max-in-memory-size:1MB}") DataSize maxBytes) {
        this.db = db;
        this.problems = problems;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE, maxBytes.toBytes());
    }

    private record Stored(
            String method,
            String path,
            String hash,
            Integer status,
            String contentType,
            String location,
            String etag,
            byte[] body) {}

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (key == null
                || exchange.getRequest().getMethod() != HttpMethod.POST
                || isMultipart(exchange)) {
            // Multipart uploads stream; buffering them to hash the body would defeat that.
            return chain.filter(exchange);
        }
        if (!VALID_KEY.matcher(key).matches()) {
            return problems.write(
                    exchange,
                    MinkaException.invalid(
                            HEADER, "must be 8 to 200 characters of A-Z a-z 0-9 _ . : -"));
        }
        // Anonymous requests pass without a key. (A switchIfEmpty after withKey would run the
        // chain a second time: a Mono<Void> always completes empty.)
        return exchange.getPrincipal()
                .map(Principal::getName)
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(principal -> keyedOrNot(exchange, chain, principal, key));
    }

    private Mono<Void> keyedOrNot(
            ServerWebExchange exchange,
            WebFilterChain chain,
            java.util.Optional<String> principal,
            String key) {
        return principal.isPresent()
                ? withKey(exchange, chain, principal.get(), key)
                : chain.filter(exchange);
    }

    private static boolean isMultipart(ServerWebExchange exchange) {
        var type = exchange.getRequest().getHeaders().getContentType();
        return type != null
                && org.springframework.http.MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type);
    }

    /**
     * Reads the body (at most the codecs' in-memory limit, counted while it streams; past it the
     * body limit's 413 applies), then runs the request once per key.
     */
    private Mono<Void> withKey(
            ServerWebExchange exchange, WebFilterChain chain, String principal, String key) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .map(IdempotencyFilter::bytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> claimOrReplay(exchange, chain, principal, key, body));
    }

    private Mono<Void> claimOrReplay(
            ServerWebExchange exchange,
            WebFilterChain chain,
            String principal,
            String key,
            byte[] body) {
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        String hash = hash(method, path, body);
        return claim(principal, key, method, path, hash)
                .flatMap(
                        claimed ->
                                claimed
                                        ? run(exchange, chain, principal, key, body)
                                        : replay(exchange, principal, key, hash));
    }

    private Mono<Void> replay(
            ServerWebExchange exchange, String principal, String key, String hash) {
        return find(principal, key).flatMap(stored -> answer(exchange, stored, hash));
    }

    /** Inserts the key, or takes over an expired one; false when a live row already holds it. */
    private Mono<Boolean> claim(
            String principal, String key, String method, String path, String hash) {
        return db.sql(
                        "insert into idempotency_keys (principal, key, method, path, request_hash)"
                                + " values (:principal, :key, :method, :path, :hash)"
                                + " on conflict (principal, key) do update set method = excluded.method, path = excluded.path,"
                                + " request_hash = excluded.request_hash, status = null, content_type = null, location = null,"
                                + " etag = null, body = null, created_at = now(), completed_at = null"
                                + " where idempotency_keys.created_at < now() - make_interval(secs => :retention)"
                                + "")
                .bind("principal", principal)
                .bind("key", key)
                .bind("method", method)
                .bind("path", path)
                .bind("hash", hash)
                .bind("retention", (double) RETENTION.toSeconds())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    private Mono<Void> run(
            ServerWebExchange exchange,
            WebFilterChain chain,
            String principal,
            String key,
            byte[] body) {
        ServerHttpRequestDecorator request =
                new ServerHttpRequestDecorator(exchange.getRequest()) {
                    @Override
                    public Flux<DataBuffer> getBody() {
                        return Flux.defer(
                                () -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
                    }
                };
        ServerHttpResponse original = exchange.getResponse();
        java.util.concurrent.atomic.AtomicBoolean settled =
                new java.util.concurrent.atomic.AtomicBoolean();
        ServerHttpResponseDecorator response =
                new ServerHttpResponseDecorator(original) {

                    private Mono<Void> settleOnce(byte[] bytes) {
                        return settled.compareAndSet(false, true)
                                ? settle(principal, key, getStatusCode(), getHeaders(), bytes)
                                : Mono.empty();
                    }

                    @Override
                    public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
                        return DataBufferUtils.join(Flux.from(content))
                                .map(IdempotencyFilter::bytes)
                                .defaultIfEmpty(new byte[0])
                                .flatMap(bytes -> settleOnce(bytes).then(write(bytes)));
                    }

                    private Mono<Void> write(byte[] bytes) {
                        return Mono.defer(
                                () -> super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
                    }

                    @Override
                    public Mono<Void> setComplete() {
                        return settleOnce(new byte[0]).then(Mono.defer(super::setComplete));
                    }
                };
        return chain.filter(exchange.mutate().request(request).response(response).build())
                .onErrorResume(error -> release(principal, key).then(Mono.error(error)));
    }

    /** Stores a successful response for replay; any other outcome frees the key for a retry. */
    private Mono<Void> settle(
            String principal, String key, HttpStatusCode status, HttpHeaders headers, byte[] body) {
        if (status == null || !status.is2xxSuccessful()) {
            return release(principal, key);
        }
        return db.sql(
                        "update idempotency_keys set status = :status, content_type = :type, location = :location, etag = :etag,"
                                + " body = :body, completed_at = now() where principal = :principal and key = :key")
                .bind("status", status.value())
                .bind("type", Parameter.fromOrEmpty(contentType(headers), String.class))
                .bind(
                        "location",
                        Parameter.fromOrEmpty(headers.getFirst(HttpHeaders.LOCATION), String.class))
                .bind("etag", Parameter.fromOrEmpty(headers.getETag(), String.class))
                .bind("body", body)
                .bind("principal", principal)
                .bind("key", key)
                .then();
    }

    private static String contentType(HttpHeaders headers) {
        return headers.getContentType() == null ? null : headers.getContentType().toString();
    }

    private Mono<Void> release(String principal, String key) {
        return db.sql(
                        "delete from idempotency_keys where principal = :principal and key = :key and completed_at is null")
                .bind("principal", principal)
                .bind("key", key)
                .then();
    }

    private Mono<Stored> find(String principal, String key) {
        return db.sql(
                        "select method, path, request_hash, status, content_type, location, etag, body"
                                + " from idempotency_keys where principal = :principal and key = :key")
                .bind("principal", principal)
                .bind("key", key)
                .map(IdempotencyFilter::toStored)
                .one()
                .switchIfEmpty(
                        Mono.error(() -> new MinkaException(ProblemType.IDEMPOTENCY_IN_PROGRESS)));
    }

    private Mono<Void> answer(ServerWebExchange exchange, Stored stored, String hash) {
        if (!stored.hash().equals(hash)) {
            return problems.write(exchange, new MinkaException(ProblemType.IDEMPOTENCY_KEY_REUSED));
        }
        if (stored.status() == null) {
            return problems.write(
                    exchange, new MinkaException(ProblemType.IDEMPOTENCY_IN_PROGRESS));
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(stored.status()));
        HttpHeaders headers = response.getHeaders();
        headers.set(REPLAYED, "true");
        if (stored.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, stored.contentType());
        }
        if (stored.location() != null) {
            headers.set(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            headers.set(HttpHeaders.ETAG, stored.etag());
        }
        headers.setContentLength(stored.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
    }

    /** Deletes keys past their retention, so the table does not grow forever. */
    Mono<Long> reap() {
        return db.sql(
                        "delete from idempotency_keys where created_at < now() - make_interval(secs => :retention)")
                .bind("retention", (double) RETENTION.toSeconds())
                .fetch()
                .rowsUpdated();
    }

    private static Stored toStored(Readable row, Object meta) {
        return new Stored(
                row.get("method", String.class),
                row.get("path", String.class),
                row.get("request_hash", String.class),
                row.get("status", Integer.class),
                row.get("content_type", String.class),
                row.get("location", String.class),
                row.get("etag", String.class),
                row.get("body", byte[].class));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static String hash(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
