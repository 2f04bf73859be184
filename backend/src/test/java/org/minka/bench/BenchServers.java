package org.minka.bench;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.minka.support.DemoUsers;
import org.minka.support.LocalServers;

/**
 * {@code make bench-read} and {@code make bench-startup}: starts PostgreSQL, S3Proxy and the dev
 * issuer in this JVM (as {@code make run} does, data in a fresh directory), writes the Spring
 * properties that point Minka at them to the file named by the first argument, and keeps them up
 * until killed. The production jar is then started against them in its own JVM.
 */
public final class BenchServers {

    private BenchServers() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path data = Files.createTempDirectory("minka-bench-");
        LocalServers servers = LocalServers.forLocalRun(data, 0, DemoUsers.issuerConfig());
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    servers.close();
                                    delete(data);
                                },
                                "bench-servers"));
        createBucket(servers);
        Properties properties = new Properties();
        properties.putAll(servers.properties());
        Path partial = out.resolveSibling(out.getFileName() + ".tmp");
        try (var writer = Files.newBufferedWriter(partial)) {
            properties.store(writer, "make bench-*: servers for the production jar");
        }
        Files.move(partial, out);
        System.out.println("bench servers up: " + out);
        Thread.currentThread().join();
    }

    /**
     * The bucket exists before the app starts: on a loaded machine the app's own attempt at
     * start-up can time out, and it does not try again, so readiness would stay DOWN.
     */
    private static void createBucket(LocalServers servers) throws Exception {
        MinioClient client =
                MinioClient.builder()
                        .endpoint(servers.s3Endpoint())
                        .credentials(LocalServers.S3_ACCESS_KEY, LocalServers.S3_SECRET_KEY)
                        .region("us-east-1")
                        .build();
        String bucket = LocalServers.S3_BUCKET;
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
