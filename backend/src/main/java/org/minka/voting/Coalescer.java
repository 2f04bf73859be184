package org.minka.voting;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Runs an action per key at most once per interval, leading and trailing: the first signal runs it
 * at once, signals during a run or within the interval after it fold into one more run at the
 * interval's end. Runs of one key never overlap. State is this instance's only.
 */
final class Coalescer {

    private static final Logger log = LoggerFactory.getLogger(Coalescer.class);

    private final long intervalNanos;
    private final Function<UUID, Mono<?>> action;
    private final Map<UUID, State> states = new ConcurrentHashMap<>();

    /** One key's state, guarded by its own monitor. */
    private static final class State {
        long lastStart = Long.MIN_VALUE;
        boolean running;
        boolean again;
    }

    Coalescer(Duration interval, Function<UUID, Mono<?>> action) {
        this.intervalNanos = interval.toNanos();
        this.action = action;
    }

    /** Asks for a run for this key (now, or at the interval's end). */
    void signal(UUID key) {
        State state = states.computeIfAbsent(key, k -> new State());
        long wait;
        synchronized (state) {
            if (state.running) {
                state.again = true;
                return;
            }
            state.running = true;
            wait =
                    state.lastStart == Long.MIN_VALUE
                            ? 0
                            : Math.max(0, state.lastStart + intervalNanos - System.nanoTime());
        }
        schedule(key, state, wait);
    }

    private Disposable schedule(UUID key, State state, long waitNanos) {
        Mono<Long> start = waitNanos == 0 ? Mono.just(0L) : Mono.delay(Duration.ofNanos(waitNanos));
        return start.then(Mono.defer(() -> run(key, state)))
                .onErrorResume(this::logged)
                .doFinally(signal -> finished(key, state))
                .subscribe();
    }

    private Mono<Void> run(UUID key, State state) {
        synchronized (state) {
            state.lastStart = System.nanoTime();
        }
        return action.apply(key).then();
    }

    private Mono<Void> logged(Throwable error) {
        log.warn("Tally update failed; the next change retries", error);
        return Mono.empty();
    }

    private void finished(UUID key, State state) {
        boolean again;
        synchronized (state) {
            state.running = false;
            again = state.again;
            state.again = false;
        }
        if (again) {
            signal(key);
        }
    }

    /** Forgets a key that has no pending run (its stream closed). */
    void forget(UUID key) {
        states.computeIfPresent(key, (k, s) -> idle(s) ? null : s);
    }

    private static boolean idle(State state) {
        synchronized (state) {
            return !state.running && !state.again;
        }
    }
}
