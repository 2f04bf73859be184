package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A keep-alive connection keeps serving requests after a request that arrived while the previous
 * one was still finishing. Reactor Netty buffers such a request; in 1.3.6, when the buffered
 * request was answered at once (an anonymous 401 is), the connection stopped reading, and the next
 * request on it never got an answer (reactor-netty#4347, #4361; a CI run of {@code ProductionJarIT}
 * hung so on GET /v3/api-docs after GET /api/v1/me without a token). A client that pipelines makes
 * the buffering certain: the readiness probe (PostgreSQL and S3, answered on another thread) and
 * the 401 go out in one write, and a third request follows their answers.
 */
class KeepAliveIntegrationTests extends IntegrationTest {

    private static final int ATTEMPTS = 5;

    @LocalServerPort int port;

    @Test
    void getWhenPreviousRequestWasBufferedAndAnsweredAtOnceThenConnectionStillServes()
            throws Exception {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Socket socket = new Socket("localhost", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(
                        (get("/actuator/health/readiness") + get("/api/v1/me"))
                                .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(status(in)).as("readiness, attempt %d", attempt).isEqualTo(200);
                assertThat(status(in)).as("anonymous /me, attempt %d", attempt).isEqualTo(401);

                out.write(get("/api/v1/me").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(statusOrTimeout(in))
                        .as("the request after them on the same connection, attempt %d", attempt)
                        .isEqualTo(401);
            }
        }
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n";
    }

    private static int statusOrTimeout(InputStream in) throws IOException {
        try {
            return status(in);
        } catch (SocketTimeoutException timedOut) {
            return -1;
        }
    }

    /** Reads one response (headers and a Content-Length body) and returns its status. */
    private static int status(InputStream in) throws IOException {
        String head = head(in);
        int status = Integer.parseInt(head.substring(9, 12));
        long length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        assertThat(head.toLowerCase(Locale.ROOT)).doesNotContain("transfer-encoding: chunked");
        in.readNBytes((int) length);
        return status;
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + bytes);
            }
            bytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
