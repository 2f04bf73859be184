package org.minka.certificate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import reactor.core.publisher.Mono;

/**
 * Deletes PDFs under {@code certificates/} that no row refers to (an instance stopped between
 * storing the PDF and writing its row). Rows never lack their PDF: the row is written after it.
 */
@Component
class CertificateReaper {

    private static final Logger log = LoggerFactory.getLogger(CertificateReaper.class);

    private final CertificateRepository repository;
    private final ObjectStore store;
    private final Clock clock;
    private final TransactionalOperator tx;

    CertificateReaper(
            CertificateRepository repository,
            ObjectStore store,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.store = store;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** The sweep, one instance at a time, every {@code reaperInterval} (off when zero). */
    @Bean
    static SmartLifecycle certificateReaperJob(
            CertificateReaper reaper, CertificateProperties properties, ClusterLocks locks) {
        Duration every = properties.reaperInterval();
        boolean enabled = !every.isZero() && !every.isNegative();
        Duration period = enabled ? every : Duration.ofDays(1);
        return new PeriodicTask(
                        "Certificate reaper",
                        period,
                        period,
                        () ->
                                reaper.sweep(properties.orphanAge())
                                        .doOnNext(CertificateReaper::logged),
                        enabled)
                .clusterSingleton(locks);
    }

    private static void logged(long removed) {
        if (removed > 0) {
            log.info("Certificate reaper removed {} PDFs without a row", removed);
        }
    }

    /** Deletes the PDFs older than {@code orphanAge} that no row refers to. */
    Mono<Long> sweep(Duration orphanAge) {
        Instant before = clock.instant().minus(orphanAge);
        Mono<Long> sweep =
                store.list(Certificates.PREFIX)
                        .filter(o -> o.lastModified() == null || o.lastModified().isBefore(before))
                        .map(ObjectStore.ObjectInfo::key)
                        .buffer(200)
                        .concatMap(repository::unreferenced)
                        .concatMap(key -> store.delete(key).thenReturn(key))
                        .count();
        return repository
                .trySweepLock()
                .flatMap(locked -> locked ? sweep : Mono.just(0L))
                .as(tx::transactional);
    }
}
