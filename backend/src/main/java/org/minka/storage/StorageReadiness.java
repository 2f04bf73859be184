package org.minka.storage;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Readiness of object storage: the bucket answers. When the deployment lets Minka create its bucket
 * and the bucket is missing, the probe creates it, so a pod that started while storage was down
 * becomes ready once storage is back, without a restart.
 */
final class StorageReadiness implements ReactiveHealthIndicator {

    private final ObjectStore store;
    private final boolean createBucket;

    StorageReadiness(ObjectStore store, boolean createBucket) {
        this.store = store;
        this.createBucket = createBucket;
    }

    @Override
    public Mono<Health> health() {
        return present().map(this::report).onErrorResume(this::unreachable);
    }

    private Mono<Boolean> present() {
        return store.bucketExists().flatMap(this::createIfMissing);
    }

    private Mono<Boolean> createIfMissing(boolean exists) {
        if (exists || !createBucket) {
            return Mono.just(exists);
        }
        return store.ensureBucket().thenReturn(true);
    }

    private Health report(boolean exists) {
        return (exists ? Health.up() : Health.down()).withDetail("bucket", store.bucket()).build();
    }

    private Mono<Health> unreachable(Throwable ex) {
        return Mono.just(
                Health.down()
                        .withDetail("bucket", store.bucket())
                        .withDetail("error", ex.getClass().getSimpleName())
                        .build());
    }
}
