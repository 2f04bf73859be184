package org.minka.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.MinioAsyncClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minka.support.BlockHoundSupport;
import org.minka.support.CuttableProxy;
import org.minka.support.LocalServers;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A pod that starts while object storage is down: its one try to create the bucket fails, and
 * readiness must not stay DOWN after storage comes back. Real S3Proxy, reached through a forwarder
 * the test cuts and heals.
 */
class StorageReadinessTests {

    static {
        // Before the first storage call starts Reactor's timer threads (see BlockHoundSupport).
        BlockHoundSupport.install();
    }

    private final CuttableProxy proxy = proxy();
    private final String bucket = "readiness-" + UUID.randomUUID();

    @AfterEach
    void close() throws Exception {
        proxy.close();
    }

    @Test
    void readinessWhenStorageWasDownAtStartThenBucketCreatedAndUpOnceStorageIsBack() {
        ObjectStore store = store(true);
        proxy.cut();
        assertThat(
                        store.ensureBucket()
                                .onErrorComplete()
                                .then(store.bucketExists())
                                .onErrorReturn(false)
                                .block())
                .isFalse();
        StorageReadiness readiness = new StorageReadiness(store, true);

        Health down = readiness.health().block();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("bucket", bucket).containsKey("error");

        proxy.heal();
        // Probes repeat, as a kubelet's do: the first after the heal may still meet a connection
        // the cut left half-closed.
        Health up = down;
        for (int probe = 0; probe < 5 && up.getStatus() != Status.UP; probe++) {
            up = readiness.health().block();
        }
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(store.bucketExists().block()).isTrue();
    }

    @Test
    void readinessWhenBucketMissingAndCreationOffThenDownAndNothingCreated() {
        ObjectStore store = store(false);
        StorageReadiness readiness = new StorageReadiness(store, false);

        Health health = readiness.health().block();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("bucket", bucket).doesNotContainKey("error");
        assertThat(store.bucketExists().block()).isFalse();
    }

    /**
     * The start-up listener and the first readiness probes ensure the bucket at the same time; the
     * losers of the race meet "BucketAlreadyOwnedByYou" and must succeed, not report an outage.
     */
    @Test
    void ensureBucketWhenManyCallersRaceThenEverySucceeds() {
        ObjectStore store = store(true);

        List<Throwable> failures =
                Flux.range(0, 8)
                        .flatMap(i -> failureOf(store.ensureBucket()))
                        .collectList()
                        .block();

        assertThat(failures).isEmpty();
        assertThat(store.bucketExists().block()).isTrue();
    }

    private static Mono<Throwable> failureOf(Mono<Void> call) {
        return call.subscribeOn(Schedulers.parallel())
                .then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just);
    }

    private ObjectStore store(boolean createBucket) {
        StorageProperties properties =
                new StorageProperties(
                        proxy.endpoint(),
                        LocalServers.S3_ACCESS_KEY,
                        LocalServers.S3_SECRET_KEY,
                        bucket,
                        "us-east-1",
                        createBucket,
                        Duration.ofSeconds(10),
                        null);
        MinioAsyncClient client =
                MinioAsyncClient.builder()
                        .endpoint(properties.endpoint())
                        .region(properties.region())
                        .credentials(properties.accessKey(), properties.secretKey())
                        .build();
        return new ObjectStore(client, properties);
    }

    private static CuttableProxy proxy() {
        try {
            return new CuttableProxy(URI.create(LocalServers.forTests().s3Endpoint()));
        } catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
