package org.minka.common;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counts requests per key in PostgreSQL, so that every instance shares one count. A key (a scope
 * and a caller, such as {@code write:user:<id>}) gets a fixed window that starts at its first
 * request; each request adds one in a single upsert, and a request after the window's end starts a
 * new window. Times are the database's, so instances' clocks do not matter. Use one key per policy:
 * a key checked with two windows shares one count.
 */
@Component
public class RateLimiter {

    private final DatabaseClient db;

    RateLimiter(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The outcome of one counted request.
     *
     * @param allowed whether the request is within the limit
     * @param count requests in the key's window, this one included
     * @param retryAfterSeconds seconds until the window ends (at least 1)
     */
    public record Decision(boolean allowed, int count, long retryAfterSeconds) {}

    /**
     * Counts one request against {@code key}: allowed while the window's count is at most limit.
     */
    public Mono<Decision> check(String key, int limit, Duration window) {
        return count(window, Map.of(key, limit)).single();
    }

    /**
     * Counts one request against {@code key}; fails with {@link RateLimitedException} (a 429
     * problem with {@code Retry-After}) when it is over the limit.
     */
    public Mono<Void> enforce(String key, int limit, Duration window) {
        return check(key, limit, window).flatMap(RateLimiter::allowedOrRefused);
    }

    private static Mono<Void> allowedOrRefused(Decision decision) {
        return decision.allowed()
                ? Mono.empty()
                : Mono.error(new RateLimitedException(decision.retryAfterSeconds()));
    }

    /** A key and its limit, for {@link #enforceAll}. */
    public record Limit(String key, int limit) {}

    /**
     * Counts one request against each key, all in one statement (one round trip however many
     * policies a request falls under), and fails with {@link RateLimitedException} when any is over
     * its limit; Retry-After is the longest wait among those over. The rows are locked in key
     * order, so two requests that share keys never wait on each other in a cycle.
     */
    public Mono<Void> enforceAll(Duration window, List<Limit> limits) {
        Map<String, Integer> byKey = new TreeMap<>();
        limits.forEach(l -> byKey.merge(l.key(), l.limit(), Math::min));
        return count(window, byKey)
                .filter(decision -> !decision.allowed())
                .map(Decision::retryAfterSeconds)
                .reduce(Math::max)
                .flatMap(wait -> Mono.error(new RateLimitedException(wait)));
    }

    /** One request counted against each key (in the map's order), in one statement. */
    private Flux<Decision> count(Duration window, Map<String, Integer> limits) {
        return db.sql(
                        """
                        insert into rate_limit_counters as c
                            (key, window_start, window_end, count)
                        select k, now(), now() + make_interval(secs => :secs), 1
                        from unnest(cast(:keys as text[])) with ordinality as u(k, n)
                        order by n
                        on conflict (key) do update set
                            count = case when c.window_end > now()
                                then c.count + 1 else 1 end,
                            window_start = case when c.window_end > now()
                                then c.window_start else now() end,
                            window_end = case when c.window_end > now()
                                then c.window_end
                                else now() + make_interval(secs => :secs) end
                        returning key, count, greatest(1,
                            ceil(extract(epoch from window_end - now())))::bigint
                            as retry_after
                        """)
                .bind("keys", limits.keySet().toArray(String[]::new))
                .bind("secs", window.toMillis() / 1000.0)
                .map((row, meta) -> decision(row, limits))
                .all();
    }

    private static Decision decision(io.r2dbc.spi.Row row, Map<String, Integer> limits) {
        int count = row.get("count", Integer.class);
        return new Decision(
                count <= limits.get(row.get("key", String.class)),
                count,
                row.get("retry_after", Long.class));
    }

    /** Deletes counters whose window has ended. */
    Mono<Long> purge() {
        return db.sql("delete from rate_limit_counters where window_end < now()")
                .fetch()
                .rowsUpdated();
    }
}
