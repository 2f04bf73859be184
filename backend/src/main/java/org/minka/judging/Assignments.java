package org.minka.judging;

import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Stored round-1 assignments; every write in bulk, one statement for all rows. */
@Repository
class Assignments {

    /** One stored assignment, and whether its judge has scored it (draft or submitted). */
    record Row(
            UUID submissionId, UUID challengeId, int versionNumber, UUID judgeId, boolean scored) {}

    /** A row to insert. */
    record New(UUID submissionId, UUID challengeId, int versionNumber, UUID judgeId) {}

    private static final String ROWS =
            """
            select a.submission_id, a.challenge_id, a.version_number, a.judge_id,
                   exists (select 1 from judging_scores s where s.submission_id = a.submission_id
                           and s.judge_id = a.judge_id) as scored
            from judging_assignments a
            """;

    private final DatabaseClient db;

    Assignments(DatabaseClient db) {
        this.db = db;
    }

    /** The event's assignments, by submission then judge. */
    Flux<Row> of(UUID eventId) {
        return db.sql(ROWS + " where a.event_id = :event order by a.submission_id, a.judge_id")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new Row(
                                        row.get("submission_id", UUID.class),
                                        row.get("challenge_id", UUID.class),
                                        row.get("version_number", Integer.class),
                                        row.get("judge_id", UUID.class),
                                        Boolean.TRUE.equals(row.get("scored", Boolean.class))))
                .all();
    }

    /** Inserts every row in one statement; the conflict trigger refuses a conflicted judge. */
    Mono<Long> insert(UUID eventId, List<New> rows, UUID by) {
        if (rows.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql(
                        """
                        insert into judging_assignments
                          (event_id, challenge_id, submission_id, version_number, judge_id,
                           assigned_by)
                        select :event, t.c, t.s, t.v, t.j, :by
                        from unnest(cast(:challenges as uuid[]), cast(:submissions as uuid[]),
                                    cast(:versions as int[]), cast(:judges as uuid[]))
                             as t(c, s, v, j)""")
                .bind("event", eventId)
                .bind("by", by)
                .bind("challenges", rows.stream().map(New::challengeId).toArray(UUID[]::new))
                .bind("submissions", rows.stream().map(New::submissionId).toArray(UUID[]::new))
                .bind("versions", rows.stream().map(New::versionNumber).toArray(Integer[]::new))
                .bind("judges", rows.stream().map(New::judgeId).toArray(UUID[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** Deletes the event's assignments that have no score; the submissions they were on. */
    Flux<UUID> deleteUnscored(UUID eventId, UUID judgeId) {
        return db.sql(
                        """
                        delete from judging_assignments a
                        where a.event_id = :event
                          and (cast(:judge as uuid) is null or a.judge_id = :judge)
                          and not exists (select 1 from judging_scores s
                                          where s.submission_id = a.submission_id
                                            and s.judge_id = a.judge_id)
                        returning a.submission_id""")
                .bind("event", eventId)
                .bind(
                        "judge",
                        org.springframework.r2dbc.core.Parameter.fromOrEmpty(judgeId, UUID.class))
                .map((row, meta) -> row.get("submission_id", UUID.class))
                .all();
    }

    /** Deletes one assignment, scored or not; the number deleted (0 or 1). */
    Mono<Long> delete(UUID eventId, UUID submissionId, UUID judgeId) {
        return db.sql(
                        "delete from judging_assignments where event_id = :event"
                                + " and submission_id = :submission and judge_id = :judge")
                .bind("event", eventId)
                .bind("submission", submissionId)
                .bind("judge", judgeId)
                .fetch()
                .rowsUpdated();
    }

    /** Whether the judge has a score (draft or submitted) of the submission. */
    Mono<Boolean> scored(UUID submissionId, UUID judgeId) {
        return db.sql(
                        "select exists (select 1 from judging_scores where submission_id = :s"
                                + " and judge_id = :j) as scored")
                .bind("s", submissionId)
                .bind("j", judgeId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("scored", Boolean.class)))
                .one();
    }
}
