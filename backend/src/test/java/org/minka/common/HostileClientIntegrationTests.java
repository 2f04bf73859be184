package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.RawHttp;
import org.minka.support.RawHttp.Raw;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Issue 12 as a hostile client drives it: bodies far over the limit (with and without an
 * idempotency key), URLs the firewall rejects, and RFC 9110 conditional requests.
 */
class HostileClientIntegrationTests extends IntegrationTest {

    private static final long HUGE = 64L * 1024 * 1024;
    private static final long LIMIT = 1024 * 1024;

    @LocalServerPort int port;

    @Test
    void postWhenKeyedBodyFarOverLimitThen413AndServerStopsReading() throws Exception {
        Raw raw = streamJson(fixtures.admin(), "huge-" + UUID.randomUUID());
        assertTooLargeAndCut(raw);
    }

    @Test
    void postWhenUnkeyedBodyFarOverLimitThen413AndServerStopsReading() throws Exception {
        Raw raw = streamJson(fixtures.admin(), null);
        assertTooLargeAndCut(raw);
    }

    @Test
    void postWhenDeclaredLengthOverLimitThen413BeforeReading() throws Exception {
        User admin = fixtures.admin();
        String head =
                "POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer "
                        + admin.token()
                        + "\r\nContent-Type: application/json\r\nContent-Length: "
                        + HUGE
                        + "\r\nIdempotency-Key: declared-"
                        + UUID.randomUUID()
                        + "\r\n\r\n";
        Raw raw = send(head, HUGE, false);
        assertTooLargeAndCut(raw);
    }

    private void assertTooLargeAndCut(Raw raw) {
        assertThat(raw.status()).isEqualTo(413);
        assertThat(raw.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(raw.body())
                .contains("https://minka.dev/problems/payload-too-large")
                .contains("requestId");
        assertThat(raw.cut()).as("the server closed the connection").isTrue();
        assertThat(raw.sent())
                .as("bytes the server took before it stopped reading")
                .isLessThan(16 * LIMIT);
    }

    @Test
    void getWhenFirewallRejectsUrlThenProblemJson() throws Exception {
        for (String path :
                new String[] {
                    "/api/v1/events/a%2Fb", "/api/v1/events/%2e%2e/x", "/api/v1/events/a%00b"
                }) {
            Raw raw = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 0, false);
            assertThat(raw.status()).as(path).isEqualTo(400);
            assertThat(raw.headers().get("content-type"))
                    .as(path)
                    .startsWith("application/problem+json");
            assertThat(raw.body())
                    .as(path)
                    .contains("https://minka.dev/problems/malformed-request")
                    .contains("\"requestId\"");
        }
    }

    @Test
    void getWhenReadHeaderHoldsControlCharacterThenProblemJsonAndTabIsFine() throws Exception {
        // the firewall checks a header when the app reads it: the bearer filter reads this one
        String path = "/api/v1/events";
        Raw control =
                send(
                        "GET "
                                + path
                                + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer a\u0085b\r\n\r\n",
                        0,
                        false);
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(control.body()).contains("https://minka.dev/problems/malformed-request");

        Raw tab =
                send(
                        "GET "
                                + path
                                + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json,\tapplication/problem+json\r\n\r\n",
                        0,
                        false);
        assertThat(tab.status()).isEqualTo(200);
    }

    @Test
    void getWhenIfNoneMatchStarOrListedWeakTagThenNotModified() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, true);
        String etag =
                web.get()
                        .uri("/api/v1/events/{id}", event)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getETag();
        web.get()
                .uri("/api/v1/events/{id}", event)
                .header(HttpHeaders.IF_NONE_MATCH, "*")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, etag)
                .expectBody()
                .isEmpty();
        web.get()
                .uri("/api/v1/events/{id}", event)
                .header(HttpHeaders.IF_NONE_MATCH, "\"nope\", W/" + etag)
                .exchange()
                .expectStatus()
                .isNotModified();
        web.get()
                .uri("/api/v1/events/{id}", UUID.randomUUID())
                .header(HttpHeaders.IF_NONE_MATCH, "*")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void patchWhenIfMatchStarThenAppliedAndWeakTagThenPreconditionFailed() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        String etag =
                web.get()
                        .uri("/api/v1/events/{id}", event)
                        .headers(h -> h.setBearerAuth(admin.token()))
                        .exchange()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getETag();
        web.patch()
                .uri("/api/v1/events/{id}", event)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, "W/" + etag)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Weakly matched"))
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/stale-version");
        assertThat(
                        count(
                                "select count(*) from events where id = $1 and title = $2",
                                event,
                                "Weakly matched"))
                .isZero();
        web.patch()
                .uri("/api/v1/events/{id}", event)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, "*")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Any version"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Any version");
    }

    /** POSTs a chunked JSON body of 64 MiB, keyed or not, as fast as the server takes it. */
    private Raw streamJson(User user, String key) throws Exception {
        String head =
                "POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer "
                        + user.token()
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                        + (key == null ? "" : "Idempotency-Key: " + key + "\r\n")
                        + "\r\n";
        return send(head, HUGE, true);
    }

    private Raw send(String head, long bodyBytes, boolean chunked) throws Exception {
        return RawHttp.send(port, head, bodyBytes == 0 ? null : "[", bodyBytes, chunked);
    }
}
