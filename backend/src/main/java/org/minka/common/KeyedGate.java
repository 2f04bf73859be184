package org.minka.common;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Lets at most {@code permits} calls per key run at once on this instance, and queues up to {@code
 * queued} more in memory, in arrival order; a call beyond that fails at once with a 429 {@link
 * RateLimitedException}. Nothing waits on a thread: a queued call is a subscriber that is resumed
 * when a running one ends (completes, fails or is cancelled).
 *
 * <p>It keeps one caller from holding many pooled database connections at once, for example a voter
 * firing hundreds of casts that would all wait on the same row lock.
 */
public final class KeyedGate {

    private final int permits;
    private final int queued;
    private final Map<Object, Lane> lanes = new ConcurrentHashMap<>();

    public KeyedGate(int permits, int queued) {
        if (permits < 1 || queued < 0) {
            throw new IllegalArgumentException("permits >= 1 and queued >= 0");
        }
        this.permits = permits;
        this.queued = queued;
    }

    /** Runs {@code work} once the key has a free permit; releases it when the work ends. */
    public <T> Mono<T> run(Object key, Mono<T> work) {
        return Mono.defer(() -> admitted(key, work));
    }

    /** Keys with calls running or queued (for tests and metrics). */
    int activeKeys() {
        return lanes.size();
    }

    private <T> Mono<T> admitted(Object key, Mono<T> work) {
        AtomicBoolean held = new AtomicBoolean();
        return Mono.<Boolean>create(sink -> enter(key, sink, held))
                .then(work)
                .doFinally(signal -> leaveIfHeld(key, held));
    }

    private void enter(Object key, MonoSink<Boolean> sink, AtomicBoolean held) {
        Waiter waiter = new Waiter(sink, held);
        Admission admission = new Admission();
        sink.onCancel(() -> cancelled(key, waiter));
        lanes.compute(key, (k, lane) -> admit(lane, waiter, admission));
        switch (admission.outcome) {
            case RUN -> startOrPass(key, waiter);
            case QUEUED -> {}
            case REFUSED -> sink.error(new RateLimitedException(1));
        }
    }

    private Lane admit(Lane lane, Waiter waiter, Admission admission) {
        Lane current = lane == null ? new Lane() : lane;
        if (current.running < permits) {
            current.running++;
            admission.outcome = Outcome.RUN;
        } else if (current.waiting.size() < queued) {
            current.waiting.add(waiter);
            admission.outcome = Outcome.QUEUED;
        } else {
            admission.outcome = Outcome.REFUSED;
        }
        return current.running == 0 && current.waiting.isEmpty() ? null : current;
    }

    private void leaveIfHeld(Object key, AtomicBoolean held) {
        if (held.compareAndSet(true, false)) {
            leave(key);
        }
    }

    /** Gives the key's permit to the next waiter, or frees it. */
    private void leave(Object key) {
        Handover handover = new Handover();
        lanes.computeIfPresent(key, (k, lane) -> handOver(lane, handover));
        if (handover.next != null) {
            startOrPass(key, handover.next);
        }
    }

    /** Starts the waiter, or, when it was cancelled meanwhile, passes its permit on. */
    private void startOrPass(Object key, Waiter waiter) {
        if (!waiter.start()) {
            leave(key);
        }
    }

    private void cancelled(Object key, Waiter waiter) {
        if (waiter.cancel()) {
            withdraw(key, waiter);
        }
    }

    private static Lane handOver(Lane lane, Handover handover) {
        handover.next = lane.waiting.poll();
        if (handover.next == null) {
            lane.running--;
        }
        return lane.running == 0 ? null : lane;
    }

    private void withdraw(Object key, Waiter waiter) {
        lanes.computeIfPresent(key, (k, lane) -> withoutWaiter(lane, waiter));
    }

    private static Lane withoutWaiter(Lane lane, Waiter waiter) {
        lane.waiting.remove(waiter);
        return lane.running == 0 && lane.waiting.isEmpty() ? null : lane;
    }

    private enum Outcome {
        RUN,
        QUEUED,
        REFUSED
    }

    /** Mutable result of one compute call (compute's function may not touch the map). */
    private static final class Admission {
        Outcome outcome;
    }

    private static final class Handover {
        Waiter next;
    }

    /** Guarded by the map's per-key compute. */
    private static final class Lane {
        int running;
        final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    }

    /** A queued call: started once, or cancelled once, whichever comes first. */
    private static final class Waiter {
        private static final int WAITING = 0;
        private static final int STARTED = 1;
        private static final int CANCELLED = 2;

        private final MonoSink<Boolean> sink;
        private final AtomicBoolean held;
        private final AtomicInteger state = new AtomicInteger(WAITING);

        Waiter(MonoSink<Boolean> sink, AtomicBoolean held) {
            this.sink = sink;
            this.held = held;
        }

        /** False when the call was cancelled first: its permit is not taken. */
        boolean start() {
            if (!state.compareAndSet(WAITING, STARTED)) {
                return false;
            }
            held.set(true);
            sink.success(true);
            return true;
        }

        boolean cancel() {
            return state.compareAndSet(WAITING, CANCELLED);
        }
    }
}
