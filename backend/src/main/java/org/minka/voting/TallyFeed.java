package org.minka.voting;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Live tallies across instances. A cast or retract here marks its event changed; at most once per
 * {@code minka.voting.tally-interval} per event this instance sends one NOTIFY for it. Every
 * instance LISTENs ({@link TallyListener}); for an event that has open streams here it reads the
 * tallies once, at most once per interval, and hands the same payload to every stream in memory.
 */
@Component
class TallyFeed implements SmartLifecycle, ApplicationListener<ContextClosedEvent> {

    /** The open streams of one event on this instance. */
    private static final class Streams {
        final Sinks.Many<Tallies> sink = Sinks.many().multicast().directBestEffort();
        int subscribers;
    }

    private final TallyReads reads;
    private final TallyListener listener;
    private final Coalescer notifier;
    private final Coalescer publisher;
    private final Map<UUID, Streams> streams = new ConcurrentHashMap<>();
    private final Sinks.One<Boolean> closing = Sinks.one();
    private volatile Disposable listening;

    TallyFeed(
            TallyRepository tallies,
            TallyReads reads,
            TallyListener listener,
            VotingProperties properties) {
        this.reads = reads;
        this.listener = listener;
        this.notifier = new Coalescer(properties.tallyInterval(), tallies::notifyChanged);
        this.publisher = new Coalescer(properties.tallyInterval(), this::publish);
    }

    /** The event's tallies changed on this instance (a cast or retract). */
    void changed(UUID eventId) {
        notifier.signal(eventId);
    }

    /** The event's tallies from now on, each time they change (at most once per interval). */
    Flux<Tallies> updates(UUID eventId) {
        return Flux.defer(() -> subscribe(eventId)).takeUntilOther(closing.asMono());
    }

    /** Completes when this instance shuts down, for streams to end with. */
    Mono<Boolean> closing() {
        return closing.asMono();
    }

    private Flux<Tallies> subscribe(UUID eventId) {
        Streams s = streams.compute(eventId, (id, existing) -> joined(existing));
        return s.sink.asFlux().onBackpressureLatest().doFinally(signal -> left(eventId));
    }

    private static Streams joined(Streams existing) {
        Streams s = existing == null ? new Streams() : existing;
        s.subscribers++;
        return s;
    }

    private void left(UUID eventId) {
        streams.computeIfPresent(eventId, (id, s) -> --s.subscribers <= 0 ? null : s);
        if (!streams.containsKey(eventId)) {
            publisher.forget(eventId);
        }
    }

    /** Subscribers on this instance, per event (for the benchmark and tests). */
    int subscribers(UUID eventId) {
        Streams s = streams.get(eventId);
        return s == null ? 0 : s.subscribers;
    }

    private void heard(UUID eventId) {
        if (TallyListener.RESYNC.equals(eventId)) {
            streams.keySet().forEach(publisher::signal);
        } else if (streams.containsKey(eventId)) {
            publisher.signal(eventId);
        }
    }

    private Mono<Void> publish(UUID eventId) {
        return reads.read(eventId).doOnNext(t -> emit(eventId, t)).then();
    }

    private void emit(UUID eventId, Tallies t) {
        Streams s = streams.get(eventId);
        if (s != null) {
            s.sink.tryEmitNext(t);
        }
    }

    @Override
    public void start() {
        listening = listener.changes().subscribe(this::heard);
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing.tryEmitValue(Boolean.TRUE);
    }
}
