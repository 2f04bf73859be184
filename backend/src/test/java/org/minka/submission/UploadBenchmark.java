package org.minka.submission;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.minka.MinkaApplication;
import org.minka.storage.ObjectStore;
import org.minka.support.DemoUsers;
import org.minka.support.Http;
import org.minka.support.LocalServers;
import org.minka.support.Tokens;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code make bench-upload}: streams a 1 GiB file through the API (multipart, into S3Proxy) and the
 * same file straight to the same S3 server with the MinIO SDK, and prints both throughputs, their
 * ratio and the JVM heap in use (after a GC) before and after the first API upload. The two sides
 * alternate for {@code bench.rounds} rounds (at least three; odd rounds start with the API, even
 * ones with the direct upload), and the last line gives the medians, so one noisy run does not
 * decide the ratio. Not a test.
 */
public final class UploadBenchmark {

    private static final long SIZE = Long.getLong("bench.bytes", 1024L * 1024 * 1024);
    private static final String BOUNDARY = "minka-bench-boundary";
    private static final int ROUNDS = Math.max(3, Integer.getInteger("bench.rounds", 3));
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private UploadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("minka-bench-");
        LocalServers servers = LocalServers.forLocalRun(dir, 0, DemoUsers.issuerConfig());
        servers.properties().forEach(System::setProperty);
        System.setProperty("server.port", "0");
        System.setProperty("minka.submission.reaper-interval", "0s");
        System.setProperty("logging.level.root", "warn");
        ConfigurableApplicationContext app = SpringApplication.run(MinkaApplication.class);
        int exit = 0;
        try {
            String api =
                    "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            Path file = dir.resolve("extract.csv");
            write(file, SIZE);
            Tokens tokens = new Tokens(servers.issuer());
            String admin = tokens.user("bench-admin", true);
            String captain = tokens.user("bench-captain", false);
            UUID submission = setUp(api, admin, captain, servers.properties());

            Path warm = dir.resolve("warm.csv");
            write(warm, 64L * 1024 * 1024);
            viaApi(api, captain, submission, warm);
            MinioClient minio =
                    MinioClient.builder()
                            .endpoint(servers.properties().get("minka.storage.endpoint"))
                            .region("us-east-1")
                            .credentials(LocalServers.S3_ACCESS_KEY, LocalServers.S3_SECRET_KEY)
                            .build();
            direct(minio, warm, "bench/warm", null);

            long before = heapAfterGc();
            HeapPeak peak = HeapPeak.start();
            double firstApi = viaApi(api, captain, submission, file);
            long peakUsed = peak.stop();
            long after = heapAfterGc();
            java.util.List<Round> rounds = new java.util.ArrayList<>();
            double mib = SIZE / (1024.0 * 1024.0);
            for (int i = 1; i <= ROUNDS; i++) {
                double apiSeconds;
                double directSeconds;
                if (i == 1) {
                    apiSeconds = firstApi;
                    directSeconds = direct(minio, file, "bench/direct-" + UUID.randomUUID(), null);
                } else if (apiFirst(i)) {
                    apiSeconds = viaApi(api, captain, submission, file);
                    directSeconds = direct(minio, file, "bench/direct-" + UUID.randomUUID(), null);
                } else {
                    directSeconds = direct(minio, file, "bench/direct-" + UUID.randomUUID(), null);
                    apiSeconds = viaApi(api, captain, submission, file);
                }
                Round round = new Round(apiSeconds, directSeconds);
                rounds.add(round);
                System.out.printf(
                        Locale.ROOT,
                        "round %d (%s first): api %.1f MiB/s, direct %.1f MiB/s, ratio %.2f%n",
                        i,
                        apiFirst(i) ? "api" : "direct",
                        mib / apiSeconds,
                        mib / directSeconds,
                        round.ratio());
            }
            // the same direct upload with the part checksum the API path asks for, to show how much
            // of the ratio that choice explains; the last line compares with the SDK's defaults
            double directShaSeconds =
                    direct(
                            minio,
                            file,
                            "bench/direct-sha-" + UUID.randomUUID(),
                            io.minio.Checksum.Algorithm.SHA256);

            double apiSeconds = median(rounds.stream().map(Round::apiSeconds).toList());
            double directSeconds = median(rounds.stream().map(Round::directSeconds).toList());
            double apiRate = mib / apiSeconds;
            double directRate = mib / directSeconds;
            long max = Runtime.getRuntime().maxMemory();
            System.out.printf(
                    Locale.ROOT,
                    "file: %.0f MiB; JVM max heap %d MiB; part size %d MiB; %d rounds%n",
                    mib,
                    max / (1024 * 1024),
                    ObjectStore.PART_SIZE / (1024 * 1024),
                    rounds.size());
            System.out.printf(
                    Locale.ROOT,
                    "through the API : %.1f s, %.1f MiB/s (median)%n",
                    apiSeconds,
                    apiRate);
            System.out.printf(
                    Locale.ROOT,
                    "direct (MinIO SDK): %.1f s, %.1f MiB/s (median)%n",
                    directSeconds,
                    directRate);
            System.out.printf(
                    Locale.ROOT,
                    "direct (MinIO SDK, SHA-256 part checksums like the API): %.1f s, %.1f MiB/s;"
                            + " api ratio against it %.2f%n",
                    directShaSeconds,
                    mib / directShaSeconds,
                    apiRate / (mib / directShaSeconds));
            System.out.printf(
                    Locale.ROOT,
                    "heap in use after GC: before %.1f MiB, after %.1f MiB; highest sampled during"
                            + " the API upload (garbage included) %.1f MiB%n",
                    before / 1048576.0,
                    after / 1048576.0,
                    peakUsed / 1048576.0);
            System.out.println(lastLine(rounds, mib, Math.max(0, after - before)));
        } catch (Exception ex) {
            ex.printStackTrace();
            exit = 1;
        } finally {
            app.close();
            servers.close();
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(exit);
    }

    /** One round's timings of the same file, through the API and straight to the store. */
    record Round(double apiSeconds, double directSeconds) {

        /** API throughput over direct throughput. */
        double ratio() {
            return directSeconds / apiSeconds;
        }
    }

    /** Odd rounds start with the API, even ones with the direct upload. */
    static boolean apiFirst(int round) {
        return round % 2 == 1;
    }

    static double median(java.util.List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The summary line: median throughputs, their ratio and the heap growth, as before, then the
     * number of rounds and the median of the per-round ratios (the figure to compare).
     */
    static String lastLine(java.util.List<Round> rounds, double mib, long heapGrowthBytes) {
        double apiRate = mib / median(rounds.stream().map(Round::apiSeconds).toList());
        double directRate = mib / median(rounds.stream().map(Round::directSeconds).toList());
        double medianRatio = median(rounds.stream().map(Round::ratio).toList());
        return String.format(
                Locale.ROOT,
                "upload-bench: api_mib_s=%.1f direct_mib_s=%.1f ratio=%.2f heap_growth_mib=%.1f"
                        + " rounds=%d median_ratio=%.2f",
                apiRate,
                directRate,
                apiRate / directRate,
                heapGrowthBytes / 1048576.0,
                rounds.size(),
                medianRatio);
    }

    /** Samples the heap in use while the upload runs. */
    private static final class HeapPeak {
        private volatile boolean running = true;
        private volatile long peak;
        private Thread thread;

        static HeapPeak start() {
            HeapPeak p = new HeapPeak();
            p.thread =
                    new Thread(
                            () -> {
                                var memory = ManagementFactory.getMemoryMXBean();
                                while (p.running) {
                                    p.peak =
                                            Math.max(p.peak, memory.getHeapMemoryUsage().getUsed());
                                    try {
                                        Thread.sleep(20);
                                    } catch (InterruptedException ex) {
                                        return;
                                    }
                                }
                            });
            p.thread.setDaemon(true);
            p.thread.start();
            return p;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak;
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        var usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return usage.getUsed();
    }

    private static void write(Path file, long size) throws Exception {
        byte[] chunk = Uploads.csvChunk();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
        }
    }

    private static double viaApi(String api, String token, UUID submission, Path file)
            throws Exception {
        String head =
                "--"
                        + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"extract.csv\""
                        + "\r\nContent-Type: text/csv\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        api
                                                + "/api/v1/submissions/"
                                                + submission
                                                + "/artifacts?kind=DATA"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(
                                HttpRequest.BodyPublishers.concat(
                                        HttpRequest.BodyPublishers.ofString(head),
                                        HttpRequest.BodyPublishers.ofFile(file),
                                        HttpRequest.BodyPublishers.ofString(tail)))
                        .build();
        long start = System.nanoTime();
        HttpResponse<String> response =
                Http.client().send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "upload answered " + response.statusCode() + ": " + response.body());
        }
        return seconds;
    }

    /** A plain SDK upload of the file; {@code checksum} null keeps the SDK's default. */
    private static double direct(
            MinioClient minio, Path file, String key, io.minio.Checksum.Algorithm checksum)
            throws Exception {
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            var args =
                    PutObjectArgs.builder().bucket(LocalServers.S3_BUCKET).object(key).stream(
                                    in, Files.size(file), ObjectStore.PART_SIZE)
                            .contentType("text/csv");
            if (checksum != null) {
                args.checksum(checksum);
            }
            minio.putObject(args.build());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** An event with SUBMISSION open, a team in a challenge, and its submission. */
    private static UUID setUp(String api, String admin, String captain, Map<String, String> props)
            throws Exception {
        HttpClient http = Http.client();
        String captainId = id(send(http, api, "GET", "/api/v1/me", captain, null));
        String event =
                id(
                        send(
                                http,
                                api,
                                "POST",
                                "/api/v1/events",
                                admin,
                                "{\"slug\":\"bench-"
                                        + UUID.randomUUID().toString().substring(0, 8)
                                        + "\",\"title\":\"Bench\",\"phases\":["
                                        + phase("REGISTRATION", 1, 10)
                                        + ","
                                        + phase("SUBMISSION", 10, 20)
                                        + ","
                                        + phase("JUDGING", 20, 30)
                                        + ","
                                        + phase("VOTING", 25, 30)
                                        + ","
                                        + phase("RESULTS", 30, 40)
                                        + "],\"settings\":{\"maxFileBytes\":2147483648,\"maxTeamBytes\":10737418240}}"));
        send(http, api, "POST", "/api/v1/events/" + event + "/publish", admin, null);
        String challenge =
                id(
                        send(
                                http,
                                api,
                                "POST",
                                "/api/v1/events/" + event + "/challenges",
                                admin,
                                "{\"title\":\"Bench\",\"statement\":\"x\",\"datasets\":[{\"title\":\"D\","
                                        + "\"landingUrl\":\"https://data.example.org/d\"}]}"));
        UUID team = UUID.randomUUID();
        try (Connection c =
                DriverManager.getConnection(
                        props.get("spring.flyway.url"),
                        props.get("spring.flyway.user"),
                        props.get("spring.flyway.password"))) {
            c.createStatement()
                    .execute(
                            "insert into teams (id, event_id, name, captain_id, join_code, max_size, member_count)"
                                    + " values ('"
                                    + team
                                    + "','"
                                    + event
                                    + "','Bench','"
                                    + captainId
                                    + "','BENCH"
                                    + team.toString().substring(0, 6)
                                    + "',5,1)");
            c.createStatement()
                    .execute(
                            "insert into team_members (team_id, user_id, event_id, role) values ('"
                                    + team
                                    + "','"
                                    + captainId
                                    + "','"
                                    + event
                                    + "','CAPTAIN')");
            c.createStatement()
                    .execute(
                            "insert into team_challenges (team_id, challenge_id, event_id) values ('"
                                    + team
                                    + "','"
                                    + challenge
                                    + "','"
                                    + event
                                    + "')");
            c.createStatement()
                    .execute(
                            "update event_phases set opens_at = now() - interval '1 hour' - (closes_at - opens_at) * 0,"
                                    + " closes_at = now() + interval '1 day' where event_id = '"
                                    + event
                                    + "' and phase = 'SUBMISSION';"
                                    + " update event_phases set opens_at = now() - interval '10 days',"
                                    + " closes_at = now() - interval '1 hour' where event_id = '"
                                    + event
                                    + "' and phase = 'REGISTRATION'");
        }
        return UUID.fromString(
                id(
                        send(
                                http,
                                api,
                                "POST",
                                "/api/v1/events/" + event + "/submissions",
                                captain,
                                "{\"teamId\":\""
                                        + team
                                        + "\",\"challengeId\":\""
                                        + challenge
                                        + "\",\"title\":\"Bench\",\"datasets\":[{\"url\":"
                                        + "\"https://data.example.org/d\"}],\"licence\":\"CC-BY-4.0\"}")));
    }

    private static String phase(String name, int fromDays, int toDays) {
        java.time.Instant now = java.time.Instant.now();
        return "{\"phase\":\""
                + name
                + "\",\"opensAt\":\""
                + now.plus(java.time.Duration.ofDays(fromDays))
                + "\",\"closesAt\":\""
                + now.plus(java.time.Duration.ofDays(toDays))
                + "\"}";
    }

    private static String send(
            HttpClient http, String api, String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(api + path))
                        .header("Authorization", "Bearer " + token);
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }
}
