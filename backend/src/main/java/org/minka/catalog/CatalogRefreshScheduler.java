package org.minka.catalog;

import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Re-reads linked datasets on a Reactor interval. Every instance runs the timer; the lease in the
 * database lets one of them refresh at a time.
 */
@Component
@ConditionalOnProperty(
        name = "minka.catalog.refresh.enabled",
        havingValue = "true",
        matchIfMissing = true)
class CatalogRefreshScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CatalogRefreshScheduler.class);

    private final CatalogService catalog;
    private final Duration every;
    private final Duration firstAfter;
    private final int batch;
    private final String holder = "instance-" + UUID.randomUUID();
    private volatile Disposable task;

    CatalogRefreshScheduler(
            CatalogService catalog,
            @Value("${minka.catalog.refresh.every:PT6H}") Duration every,
            @Value("${minka.catalog.refresh.first-after:PT5M}") Duration firstAfter,
            @Value("${minka.catalog.refresh.batch:200}") int batch) {
        this.catalog = catalog;
        this.every = every;
        this.firstAfter = firstAfter;
        this.batch = batch;
    }

    @Override
    public void start() {
        task =
                Flux.interval(firstAfter, every)
                        .onBackpressureDrop()
                        .concatMap(
                                tick ->
                                        catalog.refreshDue(batch, holder, every)
                                                .doOnNext(
                                                        run -> {
                                                            if (run.ran()) {
                                                                log.info(
                                                                        "catalog refresh: {} unchanged, {} changed, {} failed",
                                                                        run.unchanged(),
                                                                        run.changed(),
                                                                        run.failed());
                                                            }
                                                        })
                                                .then(
                                                        catalog.checkReachabilityDue(
                                                                batch, holder, every))
                                                .onErrorResume(
                                                        e -> {
                                                            log.warn("catalog refresh failed", e);
                                                            return reactor.core.publisher.Mono
                                                                    .empty();
                                                        }))
                        .subscribe();
    }

    @Override
    public void stop() {
        Disposable t = task;
        if (t != null) {
            t.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable t = task;
        return t != null && !t.isDisposed();
    }
}
