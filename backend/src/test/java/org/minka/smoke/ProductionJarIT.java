package org.minka.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.minka.support.Http;
import org.minka.support.LocalServers;
import org.minka.support.Tokens;

/**
 * Starts the built production jar with {@code java -jar}, configured only through the deployment
 * variables, against real PostgreSQL, S3 and OIDC servers. Proves the jar carries everything it
 * needs (the MinIO SDK's OkHttp among them), outside the test classpath.
 */
class ProductionJarIT {

    /** A hang here once held a CI run for 80 minutes; now it fails with the jar's threads. */
    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void jarStartsAgainstPostgresS3AndIssuerThenServesRequests() throws Exception {
        Path jar = Path.of(System.getProperty("minka.jar", "target/minka-backend.jar"));
        assertThat(jar).exists();
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            assertThat(
                            zip.stream()
                                    .map(java.util.zip.ZipEntry::getName)
                                    .filter(n -> n.contains("kotlin-reflect")))
                    .as(
                            "no kotlin-reflect in the production jar (its BlockHound allowance is test-only)")
                    .isEmpty();
        }
        LocalServers servers = LocalServers.forTests();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("minka-jar-", ".log");
        ProcessBuilder builder =
                new ProcessBuilder(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx512m",
                                "-jar",
                                jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet()
                .removeIf(
                        key ->
                                key.startsWith("SPRING_")
                                        || key.startsWith("S3_")
                                        || key.startsWith("OIDC_"));
        String databaseUrl = System.getenv("DATABASE_URL");
        env.put(
                "DATABASE_URL",
                databaseUrl != null && !databaseUrl.isBlank()
                        ? databaseUrl
                        : "postgresql://postgres@localhost:"
                                + servers.postgres().getPort()
                                + "/postgres");
        env.put("S3_ENDPOINT", servers.s3Endpoint());
        env.put("S3_ACCESS_KEY", LocalServers.S3_ACCESS_KEY);
        env.put("S3_SECRET_KEY", LocalServers.S3_SECRET_KEY);
        env.put("S3_BUCKET", "minka-jar-smoke");
        env.put("OIDC_ISSUER_URI", servers.issuerUri());
        env.put("OIDC_AUDIENCE", LocalServers.AUDIENCE);
        env.put("PORT", String.valueOf(port));
        Process app = builder.start();
        try {
            checkRequests(Http.client(), "http://localhost:" + port, servers, app, log);
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /** Readiness, a signed-in and an anonymous call, and the API description. */
    private static void checkRequests(
            HttpClient http, String base, LocalServers servers, Process app, Path log)
            throws Exception {
        try {
            HttpResponse<String> readiness =
                    waitForReady(http, base + "/actuator/health/readiness", app, log);
            assertThat(readiness.body()).contains("\"status\":\"UP\"");
            String token = new Tokens(servers.issuer()).user("jar-smoke", false);
            HttpResponse<String> me =
                    http.send(
                            Http.request(URI.create(base + "/api/v1/me"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
            assertThat(me.body()).contains("jar-smoke@example.org");
            HttpResponse<String> anonymous =
                    http.send(
                            Http.request(URI.create(base + "/api/v1/me")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> swagger =
                    http.send(
                            Http.request(URI.create(base + "/v3/api-docs")).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(swagger.statusCode()).isEqualTo(200);
        } catch (Exception | AssertionError failure) {
            // threads first: a CI report keeps the start and the end of a long message
            throw new AssertionError(
                    failure
                            + "\n--- the jar's threads:\n"
                            + threads(app)
                            + "\n--- its log:\n"
                            + tail(log),
                    failure);
        }
    }

    /** The jar's thread dump, taken with the JDK's jcmd, for a request that did not finish. */
    private static String threads(Process app) {
        if (!app.isAlive()) {
            return "(exited with " + app.exitValue() + ")";
        }
        try {
            Process jcmd =
                    new ProcessBuilder(
                                    Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                            .toString(),
                                    String.valueOf(app.pid()),
                                    "Thread.print")
                            .redirectErrorStream(true)
                            .start();
            String dump = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return applicationThreads(dump);
        } catch (Exception ex) {
            return "(no thread dump: " + ex + ")";
        }
    }

    /** The JVM's own threads (GC, compiler, VM), which never explain a hang, by their names. */
    private static final java.util.List<String> VM_THREADS =
            java.util.List.of(
                    "\"GC ",
                    "\"G1 ",
                    "\"VM ",
                    "\"C1 CompilerThread",
                    "\"C2 CompilerThread",
                    "\"Sweeper",
                    "\"Service Thread",
                    "\"Monitor Deflation",
                    "\"Signal Dispatcher",
                    "\"Attach Listener",
                    "\"Notification Thread",
                    "\"Reference Handler",
                    "\"Finalizer",
                    "\"Common-Cleaner",
                    "JNI global",
                    "Threads class SMR");

    /** The dump without the JVM's own threads. */
    private static String applicationThreads(String dump) {
        StringBuilder kept = new StringBuilder();
        for (String thread : dump.split("\n\n")) {
            String head = thread.strip();
            if (!head.isEmpty() && VM_THREADS.stream().noneMatch(head::startsWith)) {
                kept.append(head).append("\n\n");
            }
        }
        return kept.toString();
    }

    private static HttpResponse<String> waitForReady(
            HttpClient http, String url, Process app, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new AssertionError(
                        "the jar exited with " + app.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> response =
                        http.send(
                                Http.request(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the jar was not ready in 120 s:\n" + tail(log));
    }

    private static String tail(Path log) throws java.io.IOException {
        var lines = Files.readAllLines(log);
        return String.join(
                File.separator.equals("/") ? "\n" : "\r\n",
                lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
