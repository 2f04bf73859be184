package org.minka.submission;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.minka.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Removes what failed uploads leave behind: the objects of expired upload records (slots never
 * finalized, streams that died with the instance), and objects under {@code artifacts/} or {@code
 * previews/} that no row refers to. Safe with many instances: expired records are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, and one instance at a time sweeps the bucket under a
 * transaction-scoped advisory lock.
 */
@Component
class UploadReaper {

    private static final Logger log = LoggerFactory.getLogger(UploadReaper.class);
    static final List<String> PREFIXES = List.of("artifacts/", "previews/");

    private final ArtifactRepository repository;
    private final ObjectStore store;
    private final TransactionalOperator tx;

    UploadReaper(
            ArtifactRepository repository,
            ObjectStore store,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.store = store;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** What one run removed. */
    record Report(long expiredUploads, long orphanObjects) {}

    /** The reaper, one instance at a time, every {@code reaperInterval} (off when zero or less). */
    @Bean
    static SmartLifecycle uploadReaperJob(
            UploadReaper reaper, SubmissionProperties properties, ClusterLocks locks) {
        Duration every = properties.reaperInterval();
        boolean enabled = !every.isZero() && !every.isNegative();
        return new PeriodicTask(
                        "Upload reaper",
                        enabled ? every : Duration.ofDays(1),
                        enabled ? every : Duration.ofDays(1),
                        () -> reaper.reap(properties.orphanAge()).doOnNext(UploadReaper::logged),
                        enabled)
                .clusterSingleton(locks);
    }

    private static void logged(Report r) {
        if (r.expiredUploads() + r.orphanObjects() > 0) {
            log.info("Reaper removed {}", r);
        }
    }

    /** One run: expired uploads first, then objects older than {@code orphanAge} with no row. */
    Mono<Report> reap(Duration orphanAge) {
        return reapExpired().flatMap(expired -> sweep(orphanAge).map(o -> new Report(expired, o)));
    }

    /** Claims expired upload records in batches and deletes their objects. */
    Mono<Long> reapExpired() {
        return reapExpiredBatch()
                .expand(n -> n == 100 ? reapExpiredBatch() : Mono.empty())
                .reduce(0L, Long::sum);
    }

    private Mono<Long> reapExpiredBatch() {
        return repository
                .takeExpiredUploads(100)
                .concatMap(key -> store.delete(key).thenReturn(key))
                .count()
                .as(tx::transactional);
    }

    /** Deletes objects that no row refers to, when no other instance is sweeping. */
    Mono<Long> sweep(Duration orphanAge) {
        Instant before = Instant.now().minus(orphanAge);
        Mono<Long> sweep =
                Flux.fromIterable(PREFIXES)
                        .concatMap(store::list)
                        .filter(o -> o.lastModified() == null || o.lastModified().isBefore(before))
                        .map(ObjectStore.ObjectInfo::key)
                        .buffer(200)
                        .concatMap(this::unreferenced)
                        .concatMap(k -> store.delete(k).thenReturn(k))
                        .count();
        return repository
                .tryReaperLock()
                .flatMap(locked -> locked ? sweep : Mono.just(0L))
                .as(tx::transactional);
    }

    /** Of these keys, those that no row refers to. */
    private Flux<String> unreferenced(List<String> keys) {
        return repository
                .referencedKeys(keys)
                .collect(Collectors.toCollection(HashSet::new))
                .flatMapMany(keep -> Flux.fromIterable(keys).filter(k -> !keep.contains(k)));
    }
}
