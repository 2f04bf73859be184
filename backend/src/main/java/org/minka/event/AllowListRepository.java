package org.minka.event;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for the allow-lists of events. */
@Repository
class AllowListRepository {

    private final DatabaseClient db;
    private final EventFactsCache cache;

    AllowListRepository(DatabaseClient db, EventFactsCache cache) {
        this.db = db;
        this.cache = cache;
    }

    /** The event's entries, domains first, then by value. */
    Flux<AllowListEntry> list(UUID eventId) {
        return db.sql(
                        """
                        select id, kind, value, created_at from event_allow_list
                        where event_id = :e order by kind, value""")
                .bind("e", eventId)
                .map(AllowListRepository::toEntry)
                .all();
    }

    /** Adds the entries in one statement; returns those that were new (duplicates are kept). */
    Flux<AllowListEntry> add(UUID eventId, List<AllowListEntry.Parsed> entries, UUID by) {
        return db.sql(
                        """
                        insert into event_allow_list (event_id, kind, value, created_by)
                        select :e, k, v, :by from unnest(cast(:kinds as text[]),
                          cast(:values as text[])) as t(k, v)
                        on conflict (event_id, kind, value) do nothing
                        returning id, kind, value, created_at""")
                .bind("e", eventId)
                .bind("by", by)
                .bind("kinds", entries.stream().map(p -> p.kind().name()).toArray(String[]::new))
                .bind(
                        "values",
                        entries.stream().map(AllowListEntry.Parsed::value).toArray(String[]::new))
                .map(AllowListRepository::toEntry)
                .all()
                .concatWith(Mono.defer(() -> cache.forgetting(eventId)).then(Mono.empty()));
    }

    /** Removes one entry of the event; empty when there is none. */
    Mono<AllowListEntry> remove(UUID eventId, UUID entryId) {
        return db.sql(
                        """
                        delete from event_allow_list where event_id = :e and id = :id
                        returning id, kind, value, created_at""")
                .bind("e", eventId)
                .bind("id", entryId)
                .map(AllowListRepository::toEntry)
                .one()
                .flatMap(e -> cache.forgetting(eventId).thenReturn(e));
    }

    private static AllowListEntry toEntry(Readable row) {
        AllowListEntry.Parsed parsed =
                new AllowListEntry.Parsed(
                        AllowListEntry.Kind.valueOf(row.get("kind", String.class)),
                        row.get("value", String.class));
        return new AllowListEntry(
                row.get("id", UUID.class),
                parsed.kind(),
                parsed.display(),
                row.get("created_at", Instant.class));
    }
}
