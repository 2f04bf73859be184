package org.minka.judging;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stored conflicts of interest. Rows are never deleted: a conflict is lifted, with a reason. */
@Repository
class Conflicts {

    /** A conflict found or asked for, before it is stored. */
    record Found(UUID submissionId, UUID judgeId, ConflictView.Source source, String reason) {}

    private static final String COLUMNS =
            "id, event_id, submission_id, judge_id, source, reason, created_by, created_at,"
                    + " lifted_at, lifted_by, lift_reason";

    private final DatabaseClient db;
    private final org.minka.event.EventAccess events;

    Conflicts(DatabaseClient db, org.minka.event.EventAccess events) {
        this.db = db;
        this.events = events;
    }

    /** The stored conflicts of one judge with one submission, as every instance may keep them. */
    private record Pair(UUID submissionId, UUID judgeId) {}

    /**
     * {@link #ofPair} from this instance's memory of the event when it has it: every write below
     * makes every instance forget the event's kept facts.
     */
    Mono<List<ConflictView>> ofPairKept(UUID eventId, UUID submissionId, UUID judgeId) {
        return events.remembered(
                eventId,
                new Pair(submissionId, judgeId),
                () -> ofPair(submissionId, judgeId).collectList());
    }

    private Flux<ConflictView> forgotten(UUID eventId, List<ConflictView> written) {
        if (written.isEmpty()) {
            return Flux.empty();
        }
        return events.forgetEverywhere(eventId).thenMany(Flux.fromIterable(written));
    }

    /** Stores those not yet recorded (lifted ones stay lifted); the rows added. */
    Flux<ConflictView> insertFound(UUID eventId, List<Found> found) {
        if (found.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(
                        """
                        insert into judging_conflicts
                          (event_id, submission_id, judge_id, source, reason)
                        select :event, t.s, t.j, t.src, t.r
                        from unnest(cast(:submissions as uuid[]), cast(:judges as uuid[]),
                                    cast(:sources as text[]), cast(:reasons as text[]))
                             as t(s, j, src, r)
                        on conflict (submission_id, judge_id, source) do nothing
                        returning """
                                + " "
                                + COLUMNS)
                .bind("event", eventId)
                .bind("submissions", found.stream().map(Found::submissionId).toArray(UUID[]::new))
                .bind("judges", found.stream().map(Found::judgeId).toArray(UUID[]::new))
                .bind("sources", found.stream().map(f -> f.source().name()).toArray(String[]::new))
                .bind("reasons", found.stream().map(Found::reason).toArray(String[]::new))
                .map((row, meta) -> view(row))
                .all()
                .collectList()
                .flatMapMany(written -> forgotten(eventId, written));
    }

    /**
     * Records a declared or organizer-added conflict, or makes a lifted one of the same source
     * active again; empty when one is already active.
     */
    Mono<ConflictView> record(UUID eventId, Found found, UUID by) {
        return db.sql(
                        """
                        insert into judging_conflicts
                          (event_id, submission_id, judge_id, source, reason, created_by)
                        values (:event, :submission, :judge, :source, :reason, :by)
                        on conflict (submission_id, judge_id, source) do update
                          set reason = excluded.reason, created_by = excluded.created_by,
                              created_at = now(), lifted_at = null, lifted_by = null,
                              lift_reason = null
                          where judging_conflicts.lifted_at is not null
                        returning """
                                + " "
                                + COLUMNS)
                .bind("event", eventId)
                .bind("submission", found.submissionId())
                .bind("judge", found.judgeId())
                .bind("source", found.source().name())
                .bind("reason", found.reason())
                .bind("by", by)
                .map((row, meta) -> view(row))
                .one()
                .flatMap(v -> events.forgetEverywhere(eventId).thenReturn(v));
    }

    /** Lifts an active conflict of the event; empty when there is none by that id, or lifted. */
    Mono<ConflictView> lift(UUID eventId, UUID id, UUID by, String reason) {
        return db.sql(
                        """
                        update judging_conflicts
                        set lifted_at = now(), lifted_by = :by, lift_reason = :reason
                        where event_id = :event and id = :id and lifted_at is null
                        returning """
                                + " "
                                + COLUMNS)
                .bind("event", eventId)
                .bind("id", id)
                .bind("by", by)
                .bind("reason", reason)
                .map((row, meta) -> view(row))
                .one()
                .flatMap(v -> events.forgetEverywhere(eventId).thenReturn(v));
    }

    /** One conflict of the event. */
    Mono<ConflictView> find(UUID eventId, UUID id) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from judging_conflicts where event_id = :event and id = :id")
                .bind("event", eventId)
                .bind("id", id)
                .map((row, meta) -> view(row))
                .one();
    }

    /**
     * A page of the event's conflicts (one judge's when judgeId is given), oldest first: those
     * after the page's cursor, one more than the page to tell whether another follows.
     */
    Flux<ConflictView> page(UUID eventId, UUID judgeId, PageRequest page) {
        Cursor after = page.after();
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from judging_conflicts where event_id = :event"
                                + " and (cast(:judge as uuid) is null or judge_id = :judge)"
                                + " and (cast(:at as timestamptz) is null"
                                + " or (created_at, id) > (:at, :id))"
                                + " order by created_at, id limit :limit")
                .bind("event", eventId)
                .bind("judge", Parameter.fromOrEmpty(judgeId, UUID.class))
                .bind(
                        "at",
                        Parameter.fromOrEmpty(
                                after == null ? null : after.createdAt(), Instant.class))
                .bind("id", Parameter.fromOrEmpty(after == null ? null : after.id(), UUID.class))
                .bind("limit", page.fetchSize())
                .map((row, meta) -> view(row))
                .all();
    }

    /** The event's active conflicts as judge × submission pairs. */
    Flux<AssignmentPlanner.Pair> activePairs(UUID eventId) {
        return db.sql(
                        "select distinct submission_id, judge_id from judging_conflicts"
                                + " where event_id = :event and lifted_at is null")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new AssignmentPlanner.Pair(
                                        row.get("submission_id", UUID.class),
                                        row.get("judge_id", UUID.class)))
                .all();
    }

    /** The conflicts stored for one judge and submission. */
    Flux<ConflictView> ofPair(UUID submissionId, UUID judgeId) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from judging_conflicts where submission_id = :s"
                                + " and judge_id = :j")
                .bind("s", submissionId)
                .bind("j", judgeId)
                .map((row, meta) -> view(row))
                .all();
    }

    /** The stored conflicts of one judge with any of these submissions, in one statement. */
    Flux<ConflictView> ofPairs(java.util.Collection<UUID> submissionIds, UUID judgeId) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from judging_conflicts where submission_id = any(:s)"
                                + " and judge_id = :j")
                .bind("s", submissionIds.toArray(UUID[]::new))
                .bind("j", judgeId)
                .map((row, meta) -> view(row))
                .all();
    }

    private static ConflictView view(Readable row) {
        Instant lifted = row.get("lifted_at", Instant.class);
        return new ConflictView(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("submission_id", UUID.class),
                row.get("judge_id", UUID.class),
                ConflictView.Source.valueOf(row.get("source", String.class)),
                row.get("reason", String.class),
                row.get("created_by", UUID.class),
                row.get("created_at", Instant.class),
                lifted == null,
                lifted,
                row.get("lifted_by", UUID.class),
                row.get("lift_reason", String.class));
    }
}
