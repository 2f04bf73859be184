package org.minka.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A hostile client's HTTP/1.1 over a plain socket: it writes a head, then a body as fast as the
 * server takes it (on another thread), and reads the answer while it writes, so a test can see that
 * the server answered early and stopped reading.
 */
public final class RawHttp {

    private RawHttp() {}

    /** What a raw exchange gave back, and how much of the body the server took. */
    public record Raw(
            int status, Map<String, String> headers, String body, long sent, boolean cut) {}

    /**
     * Sends the head, then {@code prefix} and spaces up to {@code bodyBytes} (chunked or raw), and
     * reads the response. {@code cut} tells whether the server closed the connection before the
     * whole body went out.
     */
    public static Raw send(int port, String head, String prefix, long bodyBytes, boolean chunked)
            throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            AtomicLong sent = new AtomicLong();
            CompletableFuture<Boolean> writer =
                    CompletableFuture.supplyAsync(
                            () -> write(out, prefix, bodyBytes, chunked, sent));
            Raw response = read(socket.getInputStream());
            boolean cut = bodyBytes > 0 && writer.get(30, TimeUnit.SECONDS);
            return new Raw(response.status(), response.headers(), response.body(), sent.get(), cut);
        }
    }

    /** Writes the body; true when the server cut the connection before it was all sent. */
    private static boolean write(
            OutputStream out, String prefix, long total, boolean chunked, AtomicLong sent) {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        if (prefix != null) {
            byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(p, 0, chunk, 0, p.length);
        }
        try {
            while (sent.get() < total) {
                if (chunked) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes());
                }
                out.write(chunk);
                if (chunked) {
                    out.write("\r\n".getBytes());
                }
                sent.addAndGet(chunk.length);
                Arrays.fill(chunk, (byte) ' ');
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes());
            }
            out.flush();
            return false;
        } catch (IOException closed) {
            return true;
        }
    }

    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4
                    && h[n - 4] == '\r'
                    && h[n - 3] == '\n'
                    && h[n - 2] == '\r'
                    && h[n - 1] == '\n') {
                break;
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Raw(status, headers, new String(body, StandardCharsets.UTF_8), 0, false);
    }
}
