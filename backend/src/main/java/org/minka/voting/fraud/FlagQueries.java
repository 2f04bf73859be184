package org.minka.voting.fraud;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Organizers read an event's fraud flags: newest first, a page at a time, by kind and status. */
@Service
class FlagQueries {

    private final EventAccess events;
    private final DatabaseClient db;
    private final JsonMapper json;

    FlagQueries(EventAccess events, DatabaseClient db, JsonMapper json) {
        this.events = events;
        this.db = db;
        this.json = json;
    }

    /** What to list: one kind and one status (all when null), after the page's cursor. */
    record Query(FlagKind kind, FlagView.Status status) {}

    private record Found(FlagView view, Instant raisedAt, UUID id) {}

    Mono<CursorPage<FlagView>> page(UUID eventId, Query query, PageRequest page, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(rows(eventId, query, page))
                .map(rows -> CursorPage.of(rows, page, Found::raisedAt, Found::id, Found::view));
    }

    /** Fails unless the user organizes the event: 403 when they see it, 404 otherwise. */
    Mono<Void> requireOrganizer(UUID eventId, CurrentUser user) {
        return events.requireOrganizer(eventId, user);
    }

    Mono<FlagView> one(UUID eventId, UUID flagId, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(flag(eventId, flagId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("flag")));
    }

    private static final String COLUMNS =
            """
            select f.id, f.kind, f.status, f.subject, f.score, f.evidence::text as evidence,
                   f.raised_at, f.updated_at, f.reviewed_at,
                   array(select fb.ballot_id from voting_fraud_flag_ballots fb
                         where fb.flag_id = f.id order by fb.ballot_id) as ballot_ids,
                   (select count(*) from voting_fraud_flag_ballots fb
                    join voting_ballots b on b.id = fb.ballot_id
                    where fb.flag_id = f.id and b.status = 'VALID') as valid
            from voting_fraud_flags f
            """;

    private Mono<List<Found>> rows(UUID eventId, Query query, PageRequest page) {
        Instant at = page.after() == null ? null : page.after().createdAt();
        UUID id = page.after() == null ? null : page.after().id();
        return db.sql(
                        COLUMNS
                                + """
                                where f.event_id = :event
                                  and (cast(:kind as text) is null or f.kind = cast(:kind as text))
                                  and (cast(:status as text) is null
                                       or f.status = cast(:status as text))
                                  and (cast(:at as timestamptz) is null
                                       or (f.raised_at, f.id)
                                          < (cast(:at as timestamptz), cast(:id as uuid)))
                                order by f.raised_at desc, f.id desc
                                limit :limit
                                """)
                .bind("event", eventId)
                .bind("kind", Parameter.fromOrEmpty(name(query.kind()), String.class))
                .bind("status", Parameter.fromOrEmpty(name(query.status()), String.class))
                .bind("at", Parameter.fromOrEmpty(at, Instant.class))
                .bind("id", Parameter.fromOrEmpty(id, UUID.class))
                .bind("limit", page.fetchSize())
                .map(row -> new Found(view(row), row.get("raised_at", Instant.class), id(row)))
                .all()
                .collectList();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static UUID id(Readable row) {
        return row.get("id", UUID.class);
    }

    private Mono<FlagView> flag(UUID eventId, UUID flagId) {
        return db.sql(COLUMNS + " where f.id = :flag and f.event_id = :event")
                .bind("flag", flagId)
                .bind("event", eventId)
                .map(this::view)
                .one();
    }

    private FlagView view(Readable row) {
        UUID[] ballots = row.get("ballot_ids", UUID[].class);
        return new FlagView(
                id(row),
                FlagKind.valueOf(row.get("kind", String.class)),
                FlagView.Status.valueOf(row.get("status", String.class)),
                row.get("subject", String.class),
                row.get("score", Double.class),
                json.readValue(
                        row.get("evidence", String.class),
                        new TypeReference<Map<String, Object>>() {}),
                ballots == null ? List.of() : List.of(ballots),
                row.get("valid", Long.class),
                row.get("raised_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("reviewed_at", Instant.class));
    }
}
