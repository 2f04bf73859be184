package org.minka.submission;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.minka.support.Fixtures.User;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Multipart uploads and generated content for the artifact tests. */
final class Uploads {

    private Uploads() {}

    /**
     * A fixed boundary: the client would otherwise draw one from SecureRandom on its event loop,
     * which BlockHound reports.
     */
    static final MediaType MULTIPART =
            new MediaType(
                    MediaType.MULTIPART_FORM_DATA, java.util.Map.of("boundary", Uploads.BOUNDARY));

    static WebTestClient.ResponseSpec upload(
            WebTestClient web,
            UUID submission,
            User user,
            String kind,
            String filename,
            byte[] bytes) {
        return upload(
                web,
                submission,
                user,
                kind,
                filename,
                Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
    }

    static WebTestClient.ResponseSpec upload(
            WebTestClient web,
            UUID submission,
            User user,
            String kind,
            String filename,
            Flux<DataBuffer> content) {
        Flux<DataBuffer> body = multipart("file", filename, content);
        var spec =
                web.mutate()
                        .responseTimeout(Duration.ofMinutes(5))
                        .build()
                        .post()
                        .uri("/api/v1/submissions/{id}/artifacts?kind={kind}", submission, kind);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        return spec.contentType(MULTIPART).body(body, DataBuffer.class).exchange();
    }

    static final String BOUNDARY = "minka-test-boundary-7MA4YWxkTrZu0gW";

    /** One part, framed by hand so the body streams as the content does. */
    static Flux<DataBuffer> multipart(String name, String filename, Flux<DataBuffer> content) {
        String head =
                "--"
                        + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\""
                        + name
                        + "\""
                        + (filename == null
                                ? ""
                                : "; filename=\"" + filename.replace("\"", "%22") + "\"")
                        + "\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        return Flux.concat(Flux.just(wrap(head)), content, Flux.just(wrap(tail)));
    }

    private static DataBuffer wrap(String s) {
        return DefaultDataBufferFactory.sharedInstance.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code chunks} chunks of 64 KiB of CSV text, generated lazily. */
    static Flux<DataBuffer> csv(int chunks) {
        byte[] chunk = csvChunk();
        return Flux.range(0, chunks)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.clone()));
    }

    static byte[] csvChunk() {
        byte[] line =
                "distrito,dosis,fecha\nMiraflores,12345,2026-11-26\n"
                        .getBytes(StandardCharsets.UTF_8);
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = line[i % line.length];
        }
        return chunk;
    }

    static String sha256OfCsv(int chunks) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = csvChunk();
        for (int i = 0; i < chunks; i++) {
            digest.update(chunk);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static final byte[] PNG = {
        (byte) 0x89,
        'P',
        'N',
        'G',
        13,
        10,
        26,
        10,
        0,
        0,
        0,
        13,
        'I',
        'H',
        'D',
        'R',
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        1,
        8,
        6,
        0,
        0,
        0,
        0x1f,
        0x15,
        (byte) 0xc4,
        (byte) 0x89
    };

    static final byte[] PDF =
            "%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
                    .getBytes(StandardCharsets.US_ASCII);
}
