package org.minka.bench;

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

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
