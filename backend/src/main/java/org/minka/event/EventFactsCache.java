package org.minka.event;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * This instance's memory of the rarely changing facts of events, per caller: the event's row
 * (visibility, settings), its phase edges, and the caller's roles and allow-list entry, as {@link
 * EventRepository#findWithStanding} reads them in one statement. Where the phases stand is not
 * kept: callers compute it from the edges with the injected clock.
 *
 * <p>Invalidation, so that no answer outlives a change:
 *
 * <ul>
 *   <li>the writing instance forgets the event when it writes, and again when the write's
 *       transaction ends ({@link #forgetting});
 *   <li>every instance forgets it when the database's trigger (migration V61) NOTIFYs the change on
 *       {@link #CHANNEL}, which {@link EventFactsListener} hears;
 *   <li>nothing is kept while the listener is not connected, and everything is forgotten when it
 *       (re)connects, since NOTIFYs sent meanwhile were lost;
 *   <li>an entry expires after {@code minka.event-cache.ttl} (a backstop; 0s turns the cache off).
 * </ul>
 *
 * A load that began before an invalidation is not kept (an epoch counter), so a slow read cannot
 * put back what a change just removed.
 */
@Component
class EventFactsCache {

    /** The channel the database's trigger NOTIFYs, with the event's id ("*": every event). */
    static final String CHANNEL = "minka_event_facts";

    /** The caller a standing is for: user and verified email (both null for anonymous). */
    record Caller(UUID userId, String email) {}

    /** An entry: a fact of an event, named by {@code what} (a caller, or a module's own key). */
    private record Key(UUID eventId, Object what) {}

    private record Entry(Object value, long expiresAt) {}

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong heard = new AtomicLong();
    private final long ttlNanos;
    private final int maxEntries;
    private volatile boolean listening;

    private final org.springframework.r2dbc.core.DatabaseClient db;

    EventFactsCache(
            org.springframework.r2dbc.core.DatabaseClient db,
            @Value("${minka.event-cache.ttl:30s}") Duration ttl,
            @Value("${minka.event-cache.max-entries:50000}") int maxEntries) {
        this.db = db;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    /**
     * The event's fact named {@code what} from memory, else read by {@code load} and kept (when it
     * may be). {@code what} must be a value of the asking module's own type, so that keys of
     * different modules never collide.
     */
    @SuppressWarnings("unchecked")
    <T> Mono<T> get(UUID eventId, Object what, Supplier<Mono<T>> load) {
        if (!enabled()) {
            return load.get();
        }
        Key key = new Key(eventId, what);
        Entry entry = entries.get(key);
        if (entry != null && System.nanoTime() - entry.expiresAt() < 0) {
            return Mono.just((T) entry.value());
        }
        return Mono.defer(() -> loadAndKeep(key, load));
    }

    private <T> Mono<T> loadAndKeep(Key key, Supplier<Mono<T>> load) {
        long before = epoch.get();
        return load.get().doOnNext(value -> keep(key, value, before));
    }

    private void keep(Key key, Object value, long before) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry(value, System.nanoTime() + ttlNanos));
        if (epoch.get() != before || !listening) {
            entries.remove(key);
        }
    }

    private boolean enabled() {
        return ttlNanos > 0 && listening;
    }

    /** Forgets everything known of the event, on this instance. */
    void forget(UUID eventId) {
        epoch.incrementAndGet();
        entries.keySet().removeIf(key -> key.eventId().equals(eventId));
    }

    /** Forgets every event, on this instance. */
    void forgetAll() {
        epoch.incrementAndGet();
        entries.clear();
        resets.incrementAndGet();
    }

    /**
     * Forgets the event now and, when a transaction is running, again once it ends: a read between
     * the write and its commit could otherwise keep the old facts.
     */
    Mono<Void> forgetting(UUID eventId) {
        forget(eventId);
        return org.springframework.transaction.reactive.TransactionSynchronizationManager
                .forCurrentTransaction()
                .doOnNext(tx -> afterCompletion(tx, () -> forget(eventId)))
                .onErrorResume(
                        org.springframework.transaction.NoTransactionException.class,
                        ex -> Mono.empty())
                .then();
    }

    /**
     * {@link #forgetting} here, and a NOTIFY that makes every other instance forget the event when
     * the running transaction commits: for changes that no trigger reports (facts other modules
     * keep, tables of other modules).
     */
    Mono<Void> forgettingEverywhere(UUID eventId) {
        return db.sql("select pg_notify(:channel, :event)")
                .bind("channel", CHANNEL)
                .bind("event", eventId.toString())
                .then()
                .then(Mono.defer(() -> forgetting(eventId)));
    }

    /** {@link #forgetting} for every event (a change spanning events). */
    Mono<Void> forgettingAll() {
        forgetAll();
        return org.springframework.transaction.reactive.TransactionSynchronizationManager
                .forCurrentTransaction()
                .doOnNext(tx -> afterCompletion(tx, this::forgetAll))
                .onErrorResume(
                        org.springframework.transaction.NoTransactionException.class,
                        ex -> Mono.empty())
                .then();
    }

    private static void afterCompletion(
            org.springframework.transaction.reactive.TransactionSynchronizationManager tx,
            Runnable forget) {
        if (!tx.isSynchronizationActive()) {
            return;
        }
        tx.registerSynchronization(
                new org.springframework.transaction.reactive.TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCompletion(int status) {
                        return Mono.fromRunnable(forget);
                    }
                });
    }

    /** The listener is connected (true) or lost its connection (false); either way, forget. */
    void listening(boolean connected) {
        listening = connected;
        forgetAll();
    }

    /** A NOTIFY on {@link #CHANNEL}: an event's id, or "*" for every event. */
    void heard(String payload) {
        heard.incrementAndGet();
        UUID eventId = parse(payload);
        if (eventId == null) {
            forgetAll();
        } else {
            forget(eventId);
        }
    }

    private static UUID parse(String payload) {
        try {
            return UUID.fromString(payload);
        } catch (IllegalArgumentException | NullPointerException ex) {
            return null;
        }
    }

    /** How many NOTIFYs this instance heard (for tests that wait for one). */
    long heard() {
        return heard.get();
    }

    /** How many times everything was forgotten (for tests that wait for a NOTIFY). */
    long resets() {
        return resets.get();
    }

    /** Whether the cache is in use: a TTL above zero and the listener connected. */
    boolean active() {
        return enabled();
    }
}
