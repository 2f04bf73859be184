package org.minka.common;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code minka.rate-limit.*}: limits on writes (POST, PUT, PATCH, DELETE) per signed-in user and
 * per client address, counted over {@code window} in PostgreSQL and shared by every instance.
 *
 * @param enabled whether writes are limited at all
 * @param perUser writes per window for one signed-in user
 * @param perIp writes per window from one client address, signed in or not
 * @param window the length of a counting window
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For}
 *     is believed; empty: the connection's address is the client's
 * @param purgeEvery how often ended windows are deleted
 */
@ConfigurationProperties("minka.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("120") int perUser,
        @DefaultValue("1200") int perIp,
        @DefaultValue("1m") Duration window,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("10m") Duration purgeEvery) {

    RateLimitProperties {
        trustedProxies =
                trustedProxies == null
                        ? List.of()
                        : trustedProxies.stream().filter(p -> !p.isBlank()).toList();
        if (perUser < 1 || perIp < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException(
                    "minka.rate-limit: per-user and per-ip must be positive, window longer than 0");
        }
    }
}
