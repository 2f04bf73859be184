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
 * comes at its time. Jobs that several instances run must make their own work safe for that.
 */
public final class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration firstAfter;
    private final Duration every;
    private final Supplier<Mono<?>> run;
    private final boolean enabled;
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
        this.name = name;
        this.firstAfter = firstAfter;
        this.every = every;
        this.run = run;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        task =
                Flux.interval(firstAfter, every)
                        .onBackpressureDrop()
                        .concatMap(
                                tick ->
                                        Mono.defer(run)
                                                .onErrorResume(
                                                        ex -> {
                                                            log.warn(
                                                                    "{} failed: {}",
                                                                    name,
                                                                    ex.toString());
                                                            return Mono.empty();
                                                        }))
                        .subscribe(result -> log.debug("{}: {}", name, result));
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
