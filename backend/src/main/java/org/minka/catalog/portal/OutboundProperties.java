package org.minka.catalog.portal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on every outbound fetch of the catalog. {@code deadline}: one total time for a user-facing
 * operation (registering a portal, linking a dataset), across all its requests and retries. {@code
 * backgroundDeadline}: the same for one dataset's re-read or one URL's check in a background
 * refresh. {@code allow}: CIDRs that the address guard lets through anyway (for example {@code
 * 127.0.0.0/8} and {@code ::1/128} in local runs and tests); empty in production.
 */
@ConfigurationProperties("minka.catalog.outbound")
public record OutboundProperties(
        Duration deadline, Duration backgroundDeadline, List<String> allow) {

    public OutboundProperties {
        deadline = deadline == null ? Duration.ofSeconds(20) : deadline;
        backgroundDeadline =
                backgroundDeadline == null ? Duration.ofMinutes(2) : backgroundDeadline;
        allow = allow == null ? List.of() : allow.stream().filter(a -> !a.isBlank()).toList();
    }

    /** Loopback allowed: for local runs and tests against servers on this machine. */
    public static List<String> loopback() {
        return List.of("127.0.0.0/8", "::1/128");
    }
}
