package org.minka.catalog;

import java.time.Duration;
import java.util.UUID;
import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Re-reads linked datasets and checks their URLs on a cluster-singleton {@link PeriodicTask}: one
 * instance at a time runs it, and the lease in the database stays as a second guard.
 */
@Configuration(proxyBeanMethods = false)
class CatalogRefreshScheduler {

    private static final Logger log = LoggerFactory.getLogger(CatalogRefreshScheduler.class);

    /** The job, one instance at a time, unless {@code minka.catalog.refresh.enabled} is false. */
    @Bean
    static SmartLifecycle catalogRefreshJob(
            CatalogRefresh refresh,
            @Value("${minka.catalog.refresh.every:PT6H}") Duration every,
            @Value("${minka.catalog.refresh.first-after:PT5M}") Duration firstAfter,
            @Value("${minka.catalog.refresh.batch:200}") int batch,
            @Value("${minka.catalog.refresh.enabled:true}") boolean enabled,
            ClusterLocks locks) {
        String holder = "instance-" + UUID.randomUUID();
        return new PeriodicTask(
                        "Catalog refresh",
                        firstAfter,
                        every,
                        () -> runOnce(refresh, batch, holder, every),
                        enabled)
                .clusterSingleton(locks);
    }

    private static Mono<CatalogRefresh.ReachabilityRun> runOnce(
            CatalogRefresh refresh, int batch, String holder, Duration every) {
        return refresh.refreshDue(batch, holder, every)
                .doOnNext(CatalogRefreshScheduler::logRun)
                .then(refresh.checkReachabilityDue(batch, holder, every));
    }

    private static void logRun(CatalogRefresh.RefreshRun run) {
        if (run.ran()) {
            log.info(
                    "catalog refresh: {} unchanged, {} changed, {} failed",
                    run.unchanged(),
                    run.changed(),
                    run.failed());
        }
    }
}
