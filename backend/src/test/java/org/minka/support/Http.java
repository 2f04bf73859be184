package org.minka.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * The JDK HTTP client as the tests, the demo loaders and the benches use it: HTTP/1.1 only, and a
 * time limit on every connection and request, so that a server that never answers fails a test
 * instead of hanging the build.
 *
 * <p>The JDK client's default version is HTTP/2, which on plain {@code http://} sends an {@code
 * Upgrade: h2c} request first; Reactor Netty serves HTTP/1.1 only here and ignores it, so no client
 * here asks for the upgrade. A CI run once hung for 80 minutes in {@code ProductionJarIT} (GET
 * /v3/api-docs sent, no response read, no timeout); the time limits below turn such a hang into a
 * failure. Its cause was Reactor Netty's, not the upgrade: a keep-alive connection that stopped
 * reading (see {@code KeepAliveIntegrationTests}).
 */
public final class Http {

    /** How long a request may wait for its response headers. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private Http() {}

    /** HTTP/1.1, a 5 s connect timeout, redirects not followed. */
    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A request builder with {@link #REQUEST_TIMEOUT}. */
    public static HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
    }

    /** A request builder with {@link #REQUEST_TIMEOUT}. */
    public static HttpRequest.Builder request(String uri) {
        return request(URI.create(uri));
    }
}
