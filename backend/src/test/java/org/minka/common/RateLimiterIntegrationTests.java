package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/**
 * {@link RateLimiter#enforceAll}: several keys counted in one statement, on the shared database.
 * The filters and voting that use it are tested with limits on in {@code
 * MultiInstanceIntegrationTests}.
 */
class RateLimiterIntegrationTests extends IntegrationTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Autowired RateLimiter limiter;

    @Test
    void enforceAllWhenWithinEveryLimitThenEachKeyCountedOnce() {
        String a = key("a");
        String b = key("b");

        limiter.enforceAll(WINDOW, limits(a, 3, b, 3)).block(Duration.ofSeconds(10));
        limiter.enforceAll(WINDOW, limits(b, 3, a, 3)).block(Duration.ofSeconds(10));

        assertThat(count(a)).isEqualTo(2);
        assertThat(count(b)).isEqualTo(2);
    }

    @Test
    void enforceAllWhenOneKeyIsOverThenRateLimitedWithItsRetryAfterAndBothCounted() {
        String tight = key("tight");
        String loose = key("loose");
        limiter.enforceAll(WINDOW, limits(tight, 1, loose, 10)).block(Duration.ofSeconds(10));

        assertThatThrownBy(
                        () ->
                                limiter.enforceAll(WINDOW, limits(tight, 1, loose, 10))
                                        .block(Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        ex ->
                                assertThat(ex.retryAfterSeconds())
                                        .isPositive()
                                        .isLessThanOrEqualTo(WINDOW.toSeconds()));
        assertThat(count(tight)).isEqualTo(2);
        assertThat(count(loose)).isEqualTo(2);
    }

    @Test
    void enforceAllWhenTheSameKeyTwiceThenCountedOnceAgainstTheLowerLimit() {
        String k = key("twice");
        List<RateLimiter.Limit> twice =
                List.of(new RateLimiter.Limit(k, 5), new RateLimiter.Limit(k, 1));

        limiter.enforceAll(WINDOW, twice).block(Duration.ofSeconds(10));

        assertThat(count(k)).isEqualTo(1);
        assertThatThrownBy(() -> limiter.enforceAll(WINDOW, twice).block(Duration.ofSeconds(10)))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void enforceAllWhenManyRequestsShareKeysInEitherOrderThenNoDeadlockAndEveryOneCounted() {
        String a = key("shared-a");
        String b = key("shared-b");
        int requests = 60;

        Flux.range(0, requests)
                .flatMap(
                        i ->
                                limiter.enforceAll(
                                        WINDOW,
                                        i % 2 == 0
                                                ? limits(a, 1000, b, 1000)
                                                : limits(b, 1000, a, 1000)),
                        16)
                .then()
                .block(Duration.ofSeconds(60));

        assertThat(count(a)).isEqualTo(requests);
        assertThat(count(b)).isEqualTo(requests);
    }

    private static List<RateLimiter.Limit> limits(String k1, int l1, String k2, int l2) {
        return List.of(new RateLimiter.Limit(k1, l1), new RateLimiter.Limit(k2, l2));
    }

    private static String key(String name) {
        return "test:" + name + ":" + UUID.randomUUID();
    }

    private long count(String key) {
        return db.sql("select count::bigint from rate_limit_counters where key = $1")
                .bind(0, key)
                .map((row, meta) -> row.get(0, Long.class))
                .one()
                .block(Duration.ofSeconds(10));
    }
}
