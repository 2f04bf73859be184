package org.minka.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code make bench-read}'s load when wrk is not installed: N keep-alive HTTP/1.1 connections, one
 * thread each, sending the same GET for the given seconds. Prints {@code <req/s> <p99 ms>}.
 * Arguments: URL, connections, seconds, and optionally an {@code If-None-Match} value.
 */
public final class LoadGenerator {

    /** Latencies in buckets of 0.1 ms, up to 10 s. */
    private static final int BUCKETS = 100_000;

    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int connections = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        String ifNoneMatch = args.length > 3 ? "If-None-Match: " + args[3] + "\r\n" : "";
        String target =
                uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String host = uri.getHost() + ":" + uri.getPort();
        byte[] request =
                ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + ifNoneMatch + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long[] own = new long[BUCKETS];
            histograms.add(own);
            Thread thread = new Thread(() -> run(uri, request, running, own));
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(seconds * 1000);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        long[] total = new long[BUCKETS];
        for (long[] h : histograms) {
            Arrays.setAll(total, i -> total[i] + h[i]);
        }
        long count = Arrays.stream(total).sum();
        long seen = 0;
        int bucket = 0;
        while (bucket < BUCKETS - 1 && seen + total[bucket] < Math.ceil(count * 0.99)) {
            seen += total[bucket++];
        }
        System.out.printf("%.1f %.2f%n", count / (double) seconds, (bucket + 1) / 10.0);
    }

    /** One connection's loop, counting its latencies into {@code histogram}. */
    private static void run(URI uri, byte[] request, AtomicBoolean running, long[] histogram) {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream os = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            while (running.get()) {
                long start = System.nanoTime();
                os.write(request);
                os.flush();
                readResponse(in);
                long tenths = (System.nanoTime() - start) / 100_000;
                histogram[(int) Math.min(tenths, BUCKETS - 1)]++;
            }
        } catch (IOException ex) {
            System.err.println("connection failed: " + ex);
        }
    }

    private static void readResponse(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        long length = 0;
        boolean status = true;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
                continue;
            }
            if (line.isEmpty()) {
                break;
            }
            String header = line.toString();
            boolean ok = header.startsWith("HTTP/1.1 2") || header.startsWith("HTTP/1.1 304");
            if (status && !ok) {
                throw new IOException("unexpected status: " + header);
            }
            status = false;
            if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(header.substring(15).trim());
            }
            line.setLength(0);
        }
        in.skipNBytes(length);
    }
}
