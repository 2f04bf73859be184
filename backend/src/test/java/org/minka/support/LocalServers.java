package org.minka.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * The servers Minka needs, started in this JVM from Maven Central artifacts: PostgreSQL (embedded
 * binaries, unless {@code DATABASE_URL} is set), S3Proxy over HTTP, and mock-oauth2-server as the
 * OIDC issuer. Used by the tests and by {@code make run}.
 */
public final class LocalServers implements AutoCloseable {

    public static final String ISSUER_ID = "minka";
    public static final String AUDIENCE = "minka-api";
    public static final String S3_ACCESS_KEY = "minka-local";
    public static final String S3_SECRET_KEY = "minka-local-secret";
    public static final String S3_BUCKET = "minka";

    private static LocalServers forTests;

    private final EmbeddedPostgres postgres;
    private final S3Proxy s3;
    private final MockOAuth2Server issuer;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private LocalServers(EmbeddedPostgres postgres, S3Proxy s3, MockOAuth2Server issuer) {
        this.postgres = postgres;
        this.s3 = s3;
        this.issuer = issuer;
        if (postgres != null) {
            String base = "postgresql://localhost:" + postgres.getPort() + "/postgres";
            properties.put("spring.r2dbc.url", "r2dbc:" + base);
            properties.put("spring.r2dbc.username", "postgres");
            properties.put("spring.r2dbc.password", "");
            properties.put("spring.flyway.url", "jdbc:" + base);
            properties.put("spring.flyway.user", "postgres");
            properties.put("spring.flyway.password", "");
        }
        if (s3 != null) {
            properties.put("minka.storage.endpoint", "http://127.0.0.1:" + s3.getPort());
            properties.put("minka.storage.access-key", S3_ACCESS_KEY);
            properties.put("minka.storage.secret-key", S3_SECRET_KEY);
            properties.put("minka.storage.bucket", S3_BUCKET);
        }
        if (issuer != null) {
            properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuerUri());
            properties.put("spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
            properties.put("minka.security.cors-origins", "http://localhost:5173");
        }
        // the catalog's fake portals (tests) and demo data (make run) are on this machine
        properties.put("minka.catalog.outbound.allow", "127.0.0.0/8,::1/128");
    }

    /** One set of servers per test JVM, with throwaway data, started on first use. */
    public static synchronized LocalServers forTests() {
        if (forTests == null) {
            try {
                Path dir = Files.createTempDirectory("minka-test-");
                String databaseUrl = System.getenv("DATABASE_URL");
                forTests =
                        new LocalServers(
                                blank(databaseUrl) ? startPostgres(dir.resolve("pg"), false) : null,
                                startS3(new TransientNio2BlobStore()),
                                startIssuer(new MockOAuth2Server(), 0));
                Runtime.getRuntime().addShutdownHook(new Thread(forTests::close));
            } catch (Exception ex) {
                throw new IllegalStateException("Could not start the test servers", ex);
            }
        }
        return forTests;
    }

    /**
     * Servers for {@code make run}: data kept under {@code dataDir}, and each server skipped when
     * its environment variable points elsewhere.
     */
    public static LocalServers forLocalRun(Path dataDir, int issuerPort, String issuerConfigJson)
            throws Exception {
        String databaseUrl = System.getenv("DATABASE_URL");
        EmbeddedPostgres pg =
                blank(databaseUrl) ? startPostgres(dataDir.resolve("postgres"), true) : null;
        S3Proxy s3 = null;
        if (blank(System.getenv("S3_ENDPOINT"))) {
            Path blobs = dataDir.resolve("s3");
            Files.createDirectories(blobs);
            s3 = startS3(new FilesystemNio2BlobStore(blobs.toString()));
        }
        MockOAuth2Server issuer =
                blank(System.getenv("OIDC_ISSUER_URI"))
                        ? startIssuer(
                                new MockOAuth2Server(
                                        OAuth2Config.Companion.fromJson(issuerConfigJson)),
                                issuerPort)
                        : null;
        return new LocalServers(pg, s3, issuer);
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, boolean keep) throws IOException {
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(!keep)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                // TCP only: no socket and lock file in /tmp, where a server killed earlier (perhaps
                // another user's) can leave one on the port picked now, and PostgreSQL won't start
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("fsync", keep ? "on" : "off")
                .setServerConfig("synchronous_commit", keep ? "on" : "off")
                .setServerConfig("full_page_writes", keep ? "on" : "off")
                .start();
    }

    private static S3Proxy startS3(BlobStore store) throws Exception {
        S3Proxy proxy =
                S3Proxy.builder()
                        .blobStore(store)
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .awsAuthentication(
                                AuthenticationType.AWS_V2_OR_V4, S3_ACCESS_KEY, S3_SECRET_KEY)
                        .build();
        proxy.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return proxy;
    }

    private static MockOAuth2Server startIssuer(MockOAuth2Server server, int port)
            throws IOException {
        server.start(port);
        return server;
    }

    /** Spring properties that point the app at these servers. */
    public Map<String, String> properties() {
        return properties;
    }

    public MockOAuth2Server issuer() {
        return issuer;
    }

    public String issuerUri() {
        return issuer.issuerUrl(ISSUER_ID).toString();
    }

    public String s3Endpoint() {
        return properties.get("minka.storage.endpoint");
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    @Override
    public void close() {
        closeQuietly(
                () -> {
                    if (issuer != null) issuer.shutdown();
                });
        closeQuietly(
                () -> {
                    if (s3 != null) s3.stop();
                });
        closeQuietly(
                () -> {
                    if (postgres != null) postgres.close();
                });
    }

    private static void closeQuietly(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
