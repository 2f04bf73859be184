package org.minka.voting;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The per-event HMAC-SHA256 keys that hash a ballot's client address and user agent, so that no raw
 * address is stored while ballots from one address still share a hash. A key is created with the
 * event's first ballot and replaced (its generation + 1) once the event is archived (RESULTS
 * closed), after which old hashes can no longer be linked to new traffic. Keys are kept in memory
 * for a minute.
 */
@Component
class VotingKeys {

    private static final String ALGORITHM = "HmacSHA256";
    private static final long TTL_NANOS = 60_000_000_000L;

    /**
     * A key and its generation, with a MAC set up on it once: each hash works on a copy, as looking
     * the algorithm up and setting the key up were most of a hash's cost.
     */
    record Key(int generation, byte[] secret, Mac prototype) {

        static Key of(int generation, byte[] secret) {
            return new Key(generation, secret, mac(secret));
        }

        /** HMAC-SHA256 of the text (UTF-8) under this key. */
        byte[] hash(String text) {
            return copy().doFinal(text.getBytes(StandardCharsets.UTF_8));
        }

        private Mac copy() {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException ex) {
                return mac(secret);
            }
        }

        private static Mac mac(byte[] secret) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(secret, ALGORITHM));
                return mac;
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException("HmacSHA256 unavailable", ex);
            }
        }
    }

    private record Cached(Key key, long until) {}

    private final DatabaseClient db;
    private final EventAccess events;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    VotingKeys(DatabaseClient db, EventAccess events) {
        this.db = db;
        this.events = events;
    }

    /** The event's current key, created on first use. */
    Mono<Key> current(UUID eventId) {
        Cached known = cache.get(eventId);
        if (known != null && known.until() - System.nanoTime() > 0) {
            return Mono.just(known.key());
        }
        return load(eventId)
                .switchIfEmpty(Mono.defer(() -> stored(eventId)))
                .doOnNext(key -> remember(eventId, key));
    }

    /** The stored key: when another transaction created it while this one tried. */
    private Mono<Key> stored(UUID eventId) {
        return db.sql("select generation, secret from voting_keys where event_id = :event")
                .bind("event", eventId)
                .map((row, meta) -> key(row))
                .one();
    }

    private static Key key(io.r2dbc.spi.Readable row) {
        return Key.of(row.get("generation", Integer.class), row.get("secret", byte[].class));
    }

    private Mono<Key> load(UUID eventId) {
        return db.sql(
                        """
                        with made as (
                            insert into voting_keys (event_id) values (:event)
                            on conflict (event_id) do nothing
                            returning generation, secret)
                        select generation, secret from made
                        union all
                        select generation, secret from voting_keys
                        where event_id = :event and not exists (select 1 from made)""")
                .bind("event", eventId)
                .map((row, meta) -> key(row))
                .one();
    }

    private void remember(UUID eventId, Key key) {
        if (cache.size() > 10_000) {
            cache.clear();
        }
        cache.put(eventId, new Cached(key, System.nanoTime() + TTL_NANOS));
    }

    /** Rotates the keys of events archived since their last rotation; the count rotated. */
    Mono<Long> rotateArchived() {
        return db.sql("select event_id from voting_keys where archived_at is null")
                .map((row, meta) -> row.get("event_id", UUID.class))
                .all()
                .filterWhen(id -> events.hasClosed(id, Phase.RESULTS))
                .concatMap(this::rotate)
                .reduce(0L, Long::sum);
    }

    /** Replaces the event's key now (archive, or an operator's request). */
    Mono<Long> rotate(UUID eventId) {
        cache.remove(eventId);
        return db.sql(
                        """
                        update voting_keys set generation = generation + 1,
                            secret = uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()),
                            created_at = now(), archived_at = now()
                        where event_id = :event and archived_at is null""")
                .bind("event", eventId)
                .fetch()
                .rowsUpdated();
    }
}
