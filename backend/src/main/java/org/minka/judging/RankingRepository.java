package org.minka.judging;

import io.r2dbc.spi.Readable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What round 1's aggregation reads of an event: one query each, whatever its size. */
@Repository
class RankingRepository {

    /** A submitted score with the version it judged and its values per criterion. */
    record Submitted(
            UUID judgeId,
            UUID submissionId,
            int versionNumber,
            double total,
            Map<String, Integer> values) {}

    /** An active conflict of interest. */
    record ActiveConflict(UUID judgeId, UUID submissionId, String source) {}

    /** A stored rubric: the event's (challengeId null) or a challenge's. */
    record ScopedRubric(UUID challengeId, Rubric rubric) {}

    private static final TypeReference<List<Rubric.Criterion>> CRITERIA = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    RankingRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Every submitted score of the event. */
    Flux<Submitted> submittedScores(java.util.UUID eventId) {
        return db.sql(
                        """
                        select judge_id, submission_id, version_number, total::float8 as total,
                          (select coalesce(jsonb_object_agg(m.key, m.value -> 'value'), '{}')
                           from jsonb_each(marks) m
                           where jsonb_typeof(m.value -> 'value') = 'number')::text as vals
                        from judging_scores where event_id = :event and status = 'SUBMITTED'""")
                .bind("event", eventId)
                .map((row, meta) -> toSubmitted(row))
                .all();
    }

    /** The event's active conflicts. */
    Flux<ActiveConflict> activeConflicts(UUID eventId) {
        return db.sql(
                        "select judge_id, submission_id, source from judging_conflicts"
                                + " where event_id = :event and lifted_at is null")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new ActiveConflict(
                                        row.get("judge_id", UUID.class),
                                        row.get("submission_id", UUID.class),
                                        row.get("source", String.class)))
                .all();
    }

    /** The event's stored rubrics: its own and its challenges' overrides. */
    Flux<ScopedRubric> rubrics(UUID eventId) {
        return db.sql(
                        "select challenge_id, criteria::text as criteria from judging_rubrics"
                                + " where event_id = :event")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new ScopedRubric(
                                        row.get("challenge_id", UUID.class),
                                        new Rubric(
                                                json.readValue(
                                                        row.get("criteria", String.class),
                                                        CRITERIA))))
                .all();
    }

    private Submitted toSubmitted(Readable row) {
        Map<String, Integer> values = new HashMap<>();
        Map<String, Number> raw =
                json.readValue(
                        row.get("vals", String.class), new TypeReference<Map<String, Number>>() {});
        raw.forEach((key, value) -> values.put(key, value.intValue()));
        return new Submitted(
                row.get("judge_id", UUID.class),
                row.get("submission_id", UUID.class),
                row.get("version_number", Integer.class),
                row.get("total", Double.class),
                values);
    }
}
