package org.minka.common;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A job on a Reactor interval (no thread waits between runs), started with the application and
 * stopped with it. Runs never overlap on one instance; a failed run is logged and the next one
 * comes at its time. By default every instance runs the job (right for work about the instance
 * itself, such as its streams' heartbeat). A job made {@link #clusterSingleton cluster-singleton}
 * runs on one instance at a time: each run first takes the job's {@link ClusterLocks lock}, and an
 * instance that finds it taken skips that run.
 */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration firstAfter;
    private final Duration every;
    private final Supplier<Mono<?>> run;
    private final boolean enabled;
    private final ClusterLocks locks;
    private volatile Disposable task;

    public PeriodicTask(String name, Duration firstAfter, Duration every, Supplier<Mono<?>> run) {
        this(name, firstAfter, every, run, true);
    }

    /** A task that does nothing when {@code enabled} is false (switched off by configuration). */
    public PeriodicTask(
            String name,
            Duration firstAfter,
            Duration every,
            Supplier<Mono<?>> run,
            boolean enabled) {
        this(name, firstAfter, every, run, enabled, null);
    }

    private PeriodicTask(
            String name,
            Duration firstAfter,
            Duration every,
            Supplier<Mono<?>> run,
            boolean enabled,
            ClusterLocks locks) {
        this.name = name;
        this.firstAfter = firstAfter;
        this.every = every;
        this.run = run;
        this.enabled = enabled;
        this.locks = locks;
    }

    /**
     * This task, run by one instance at a time across all instances: each run holds the lock named
     * after the task, and an instance that finds it held skips that run.
     */
    public PeriodicTask clusterSingleton(ClusterLocks locks) {
        return new PeriodicTask(name, firstAfter, every, run, enabled, locks);
    }

    /** The task's name, which also names its cluster lock. */
    public String name() {
        return name;
    }

    /** Whether one instance at a time runs this task. */
    public boolean isClusterSingleton() {
        return locks != null;
    }

    /**
     * One run now, as a tick would start it, whether or not the schedule is enabled.
     *
     * @return true once it has run here; false when it is cluster-singleton and another instance
     *     was running it
     */
    public Mono<Boolean> runNow() {
        if (locks == null) {
            return once().then(Mono.just(true));
        }
        return locks.runExclusive(name, this::once);
    }

    private Mono<?> once() {
        return Mono.defer(run).doOnNext(result -> log.debug("{}: {}", name, result));
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        task =
                Flux.interval(firstAfter, every)
                        .onBackpressureDrop()
                        .concatMap(tick -> tick())
                        .subscribe();
    }

    private Mono<Boolean> tick() {
        return runNow().onErrorResume(this::failed);
    }

    private Mono<Boolean> failed(Throwable error) {
        log.warn("{} failed: {}", name, error.toString());
        return Mono.empty();
    }

    @Override
    public void stop() {
        Disposable running = task;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable running = task;
        return running != null && !running.isDisposed();
    }
}
