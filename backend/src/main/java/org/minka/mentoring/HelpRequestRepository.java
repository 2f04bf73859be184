package org.minka.mentoring;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for help requests. State changes are conditional updates. */
@Repository
class HelpRequestRepository {

    static final String THREAD = "HELP_REQUEST";

    private static final String COLUMNS =
            "id, event_id, challenge_id, team_id, opened_by, topic, body, status, claimed_by, claimed_at,"
                    + " resolved_at, created_at";

    private final DatabaseClient db;

    HelpRequestRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<HelpRequest> insert(UUID eventId, HelpRequest.Open open, UUID by) {
        return db.sql(
                        "insert into help_requests (event_id, challenge_id, team_id, opened_by, topic, body)"
                                + " values (:event, :challenge, :team, :by, :topic, :body) returning "
                                + COLUMNS)
                .bind("event", eventId)
                .bind("challenge", open.challengeId())
                .bind("team", open.teamId())
                .bind("by", by)
                .bind("topic", open.topic().strip())
                .bind("body", open.text().strip())
                .map(HelpRequestRepository::toRequest)
                .one();
    }

    Mono<HelpRequest> find(UUID eventId, UUID id) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from help_requests where event_id = :event and id = :id")
                .bind("event", eventId)
                .bind("id", id)
                .map(HelpRequestRepository::toRequest)
                .one();
    }

    /** What a page of the queue may hold: filters, and the challenges the caller may see. */
    record Filter(UUID teamId, UUID challengeId, String status, Set<UUID> onlyChallenges) {}

    /**
     * Requests of the event, oldest first, after the cursor; optionally of one team, challenge or
     * status, and only of some challenges ({@code onlyChallenges} null: of any).
     */
    Flux<HelpRequest> list(UUID eventId, Filter filter, PageRequest page) {
        Cursor after = page.after();
        String sql =
                "select "
                        + COLUMNS
                        + " from help_requests where event_id = :event"
                        + (filter.teamId() == null ? "" : " and team_id = :team")
                        + (filter.challengeId() == null ? "" : " and challenge_id = :challenge")
                        + (filter.status() == null ? "" : " and status = :status")
                        + (filter.onlyChallenges() == null
                                ? ""
                                : " and challenge_id = any(cast(:only as uuid[]))")
                        + (after == null ? "" : " and (created_at, id) > (:at, :id)")
                        + " order by created_at, id limit :limit";
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql).bind("event", eventId).bind("limit", page.fetchSize());
        if (filter.teamId() != null) {
            spec = spec.bind("team", filter.teamId());
        }
        if (filter.challengeId() != null) {
            spec = spec.bind("challenge", filter.challengeId());
        }
        if (filter.status() != null) {
            spec = spec.bind("status", filter.status());
        }
        if (filter.onlyChallenges() != null) {
            spec = spec.bind("only", filter.onlyChallenges().toArray(UUID[]::new));
        }
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(HelpRequestRepository::toRequest).all();
    }

    /** Claims an open request for the mentor; 0 when someone else was first. */
    Mono<Long> claim(UUID id, UUID mentor) {
        return db.sql(
                        "update help_requests set status = 'CLAIMED', claimed_by = :mentor, claimed_at = now(),"
                                + " updated_at = now() where id = :id and status = 'OPEN'")
                .bind("id", id)
                .bind("mentor", mentor)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> resolve(UUID id) {
        return db.sql(
                        "update help_requests set status = 'RESOLVED', resolved_at = now(), updated_at = now()"
                                + " where id = :id and status <> 'RESOLVED'")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    /** Back to its mentor when it had one, else to the queue. */
    Mono<Long> reopen(UUID id) {
        return db.sql(
                        "update help_requests set status = case when claimed_by is null then 'OPEN' else 'CLAIMED' end,"
                                + " resolved_at = null, updated_at = now() where id = :id and status = 'RESOLVED'")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    Mono<HelpRequest.Stats> stats(UUID eventId) {
        return db.sql(
                        "select count(*) filter (where status = 'OPEN') as open,"
                                + " count(*) filter (where status = 'CLAIMED') as claimed,"
                                + " count(*) filter (where status = 'RESOLVED') as resolved,"
                                + " extract(epoch from now() - min(created_at) filter (where status = 'OPEN'))::bigint as oldest,"
                                + " (percentile_cont(0.5) within group (order by extract(epoch from claimed_at - created_at))"
                                + " filter (where claimed_at is not null))::bigint as median"
                                + " from help_requests where event_id = :event")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new HelpRequest.Stats(
                                        row.get("open", Long.class),
                                        row.get("claimed", Long.class),
                                        row.get("resolved", Long.class),
                                        row.get("oldest", Long.class),
                                        row.get("median", Long.class),
                                        java.util.List.of()))
                .one();
    }

    /** Each mentor's load, without names (the user directory has them). */
    Flux<HelpRequest.MentorLoad> mentorLoad(UUID eventId) {
        return db.sql(
                        """
                        select claimed_by, count(*) filter (where status = 'CLAIMED') as in_progress,
                        count(*) filter (where status = 'RESOLVED') as resolved
                        from help_requests where event_id = :event and claimed_by is not null
                        group by claimed_by order by in_progress desc, claimed_by""")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new HelpRequest.MentorLoad(
                                        row.get("claimed_by", UUID.class),
                                        null,
                                        row.get("in_progress", Long.class),
                                        row.get("resolved", Long.class)))
                .all();
    }

    private static HelpRequest toRequest(Readable row, Object meta) {
        return new HelpRequest(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("challenge_id", UUID.class),
                row.get("team_id", UUID.class),
                row.get("opened_by", UUID.class),
                row.get("topic", String.class),
                row.get("body", String.class),
                row.get("status", String.class),
                row.get("claimed_by", UUID.class),
                row.get("claimed_at", Instant.class),
                row.get("resolved_at", Instant.class),
                row.get("created_at", Instant.class));
    }
}
