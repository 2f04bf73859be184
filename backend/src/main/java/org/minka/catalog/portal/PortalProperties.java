package org.minka.catalog.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Minka reads portals: time-out per read, retries with backoff (5xx and time-outs only), the
 * User-Agent it sends (PNDA's firewall answers 418 to default ones) and the cap on one response.
 */
@ConfigurationProperties("minka.catalog.portal")
public record PortalProperties(
        Duration timeout,
        Duration totalTimeout,
        int retries,
        Duration backoff,
        int maxBytes,
        String userAgent) {

    public static final String BROWSER_USER_AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                    + " Chrome/131.0.0.0 Safari/537.36 Minka/0.1";

    public PortalProperties {
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        totalTimeout = totalTimeout == null ? Duration.ofSeconds(60) : totalTimeout;
        backoff = backoff == null ? Duration.ofMillis(500) : backoff;
        maxBytes = maxBytes <= 0 ? 32 * 1024 * 1024 : maxBytes;
        userAgent = userAgent == null || userAgent.isBlank() ? BROWSER_USER_AGENT : userAgent;
    }
}
