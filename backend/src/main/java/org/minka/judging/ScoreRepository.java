package org.minka.judging;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Judges' assignments (read) and their scores (read and written). */
@Repository
class ScoreRepository {

    /** A judge's assignment: the counted version of a submission they judge. */
    record Assignment(UUID eventId, UUID challengeId, UUID submissionId, int versionNumber) {}

    /** A stored score. */
    record Row(
            UUID id,
            UUID eventId,
            UUID challengeId,
            UUID submissionId,
            int versionNumber,
            UUID judgeId,
            UUID rubricId,
            Map<String, Score.Mark> marks,
            String comment,
            Score.Status status,
            Double total,
            Instant submittedAt,
            Instant updatedAt,
            long version) {}

    /** One line of a judge's queue: the assignment and their score's state. */
    record QueueLine(
            Assignment assignment, Instant assignedAt, Score.Status status, Long scoreVersion) {}

    private static final TypeReference<LinkedHashMap<String, Score.Mark>> MARKS =
            new TypeReference<>() {};

    private static final String COLUMNS =
            "id, event_id, challenge_id, submission_id, version_number, judge_id, rubric_id,"
                    + " marks::text as marks, comment, status, total::float8 as total,"
                    + " submitted_at, updated_at, version";

    private static final String NOT_CONFLICTED =
            " not exists (select 1 from judging_conflicts c where c.submission_id = %s"
                    + " and c.judge_id = %s and c.lifted_at is null)";

    private final DatabaseClient db;
    private final JsonMapper json;

    ScoreRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** The judge's assignments in the event, without those they are conflicted with. */
    Flux<QueueLine> queue(UUID eventId, UUID judgeId) {
        return db.sql(
                        "select a.event_id, a.challenge_id, a.submission_id, a.version_number,"
                                + " a.assigned_at, s.status, s.version"
                                + " from judging_assignments a left join judging_scores s"
                                + " on s.submission_id = a.submission_id and s.judge_id = a.judge_id"
                                + " where a.event_id = :event and a.judge_id = :judge and"
                                + NOT_CONFLICTED.formatted("a.submission_id", "a.judge_id")
                                + " order by a.challenge_id, a.assigned_at, a.submission_id")
                .bind("event", eventId)
                .bind("judge", judgeId)
                .map((row, meta) -> toQueueLine(row))
                .all();
    }

    /** The judge's assignment to this submission, unless they are conflicted with it. */
    Mono<Assignment> assignment(UUID eventId, UUID submissionId, UUID judgeId) {
        return db.sql(
                        "select a.event_id, a.challenge_id, a.submission_id, a.version_number"
                                + " from judging_assignments a where a.event_id = :event"
                                + " and a.submission_id = :submission and a.judge_id = :judge and"
                                + NOT_CONFLICTED.formatted("a.submission_id", "a.judge_id"))
                .bind("event", eventId)
                .bind("submission", submissionId)
                .bind("judge", judgeId)
                .map((row, meta) -> toAssignment(row))
                .one();
    }

    /** The judge's score of this submission in the event, unless they are conflicted with it. */
    Mono<Row> find(UUID eventId, UUID submissionId, UUID judgeId) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from judging_scores s where s.event_id = :event"
                                + " and s.submission_id = :submission and s.judge_id = :judge and"
                                + NOT_CONFLICTED.formatted("s.submission_id", "s.judge_id"))
                .bind("event", eventId)
                .bind("submission", submissionId)
                .bind("judge", judgeId)
                .map((row, meta) -> toRow(row))
                .one();
    }

    /** Writes a first draft; empty when a concurrent request wrote one first. */
    Mono<Row> insertDraft(
            Assignment a, UUID judgeId, UUID rubricId, Map<String, Score.Mark> marks, String c) {
        return db.sql(
                        "insert into judging_scores (event_id, challenge_id, submission_id,"
                                + " version_number, judge_id, rubric_id, marks, comment, status)"
                                + " values (:event, :challenge, :submission, :number, :judge,"
                                + " :rubric, cast(:marks as jsonb), :comment, 'DRAFT')"
                                + " on conflict (submission_id, judge_id) do nothing returning "
                                + COLUMNS)
                .bind("event", a.eventId())
                .bind("challenge", a.challengeId())
                .bind("submission", a.submissionId())
                .bind("number", a.versionNumber())
                .bind("judge", judgeId)
                .bind("rubric", rubricId)
                .bind("marks", json.writeValueAsString(marks))
                .bind("comment", Parameter.fromOrEmpty(c, String.class))
                .map((row, meta) -> toRow(row))
                .one();
    }

    /**
     * Changes marks and comment of the score at this version (a submitted one keeps its status,
     * with the new total); empty when the version moved on.
     */
    Mono<Row> update(Row row, Map<String, Score.Mark> marks, String comment, Double total) {
        return db.sql(
                        "update judging_scores set marks = cast(:marks as jsonb),"
                                + " comment = :comment, total = :total, updated_at = now(),"
                                + " version = version + 1 where id = :id and version = :version"
                                + " returning "
                                + COLUMNS)
                .bind("marks", json.writeValueAsString(marks))
                .bind("comment", Parameter.fromOrEmpty(comment, String.class))
                .bind("total", Parameter.fromOrEmpty(total, Double.class))
                .bind("id", row.id())
                .bind("version", row.version())
                .map((r, meta) -> toRow(r))
                .one();
    }

    /** Submits the draft at this version with its total; empty when the version moved on. */
    Mono<Row> submit(Row row, double total) {
        return db.sql(
                        "update judging_scores set status = 'SUBMITTED', total = :total,"
                                + " submitted_at = now(), updated_at = now(),"
                                + " version = version + 1 where id = :id and version = :version"
                                + " returning "
                                + COLUMNS)
                .bind("total", total)
                .bind("id", row.id())
                .bind("version", row.version())
                .map((r, meta) -> toRow(r))
                .one();
    }

    private QueueLine toQueueLine(Readable row) {
        String status = row.get("status", String.class);
        return new QueueLine(
                toAssignment(row),
                row.get("assigned_at", Instant.class),
                status == null ? Score.Status.NOT_STARTED : Score.Status.valueOf(status),
                row.get("version", Long.class));
    }

    private static Assignment toAssignment(Readable row) {
        return new Assignment(
                row.get("event_id", UUID.class),
                row.get("challenge_id", UUID.class),
                row.get("submission_id", UUID.class),
                row.get("version_number", Integer.class));
    }

    private Row toRow(Readable row) {
        return new Row(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("challenge_id", UUID.class),
                row.get("submission_id", UUID.class),
                row.get("version_number", Integer.class),
                row.get("judge_id", UUID.class),
                row.get("rubric_id", UUID.class),
                json.readValue(row.get("marks", String.class), MARKS),
                row.get("comment", String.class),
                Score.Status.valueOf(row.get("status", String.class)),
                row.get("total", Double.class),
                row.get("submitted_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("version", Long.class));
    }
}
