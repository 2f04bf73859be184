package org.minka.common;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client address of a request, for modules that limit or audit per address (voting): the
 * connection's, or the nearest untrusted hop of {@code X-Forwarded-For} when the connection comes
 * from a proxy in {@code minka.rate-limit.trusted-proxies}; the same rule the write limits use.
 */
@Component
public class ClientAddresses {

    private final ClientAddress resolver;

    ClientAddresses(RateLimitProperties properties) {
        this.resolver = new ClientAddress(properties.trustedProxies());
    }

    /** The client's address as text ({@code unknown} when the connection has none). */
    public String of(ServerHttpRequest request) {
        return resolver.of(request);
    }
}
