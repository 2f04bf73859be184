package org.minka.judging;

import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored rubrics. A challenge judges on its own rubric when it has one, else on its event's; an
 * event without a stored rubric judges on {@link Rubric#DEFAULT}, written on first use so that
 * scores can name the rubric they were given against.
 */
@Repository
class Rubrics {

    /** A stored rubric: its row id, scope and version (for If-Match), and its criteria. */
    record Stored(UUID id, UUID eventId, UUID challengeId, long version, Rubric rubric) {}

    private static final TypeReference<List<Rubric.Criterion>> CRITERIA = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    Rubrics(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /**
     * The rubric that applies to a challenge's submissions: the challenge's override, else the
     * event's, which is written from the default when the event has none yet.
     */
    Mono<Stored> effective(UUID eventId, UUID challengeId) {
        return override(challengeId).switchIfEmpty(Mono.defer(() -> eventRubric(eventId)));
    }

    /** The challenge's own rubric, if it has one. */
    Mono<Stored> override(UUID challengeId) {
        return db.sql(
                        "select id, event_id, challenge_id, version, criteria::text as criteria"
                                + " from judging_rubrics where challenge_id = :challenge")
                .bind("challenge", challengeId)
                .map((row, meta) -> toStored(row))
                .one();
    }

    /**
     * The event's rubric, written from the default on first use. When another request writes it
     * between this statement's snapshot and its insert, the second read finds it.
     */
    Mono<Stored> eventRubric(UUID eventId) {
        return writeDefaultOrRead(eventId).switchIfEmpty(Mono.defer(() -> storedEvent(eventId)));
    }

    private Mono<Stored> storedEvent(UUID eventId) {
        return db.sql(
                        "select id, event_id, challenge_id, version, criteria::text as criteria"
                                + " from judging_rubrics"
                                + " where event_id = :event and challenge_id is null")
                .bind("event", eventId)
                .map((row, meta) -> toStored(row))
                .one();
    }

    private Mono<Stored> writeDefaultOrRead(UUID eventId) {
        return db.sql(
                        """
                        with added as (
                          insert into judging_rubrics (event_id, criteria)
                          values (:event, cast(:criteria as jsonb))
                          on conflict (event_id) where challenge_id is null do nothing
                          returning id, event_id, challenge_id, version, criteria)
                        select id, event_id, challenge_id, version, criteria::text as criteria
                        from added
                        union all
                        select id, event_id, challenge_id, version, criteria::text
                        from judging_rubrics
                        where event_id = :event and challenge_id is null
                        limit 1""")
                .bind("event", eventId)
                .bind("criteria", json.writeValueAsString(Rubric.DEFAULT.criteria()))
                .map((row, meta) -> toStored(row))
                .one();
    }

    private Stored toStored(io.r2dbc.spi.Readable row) {
        return new Stored(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("challenge_id", UUID.class),
                row.get("version", Long.class),
                new Rubric(json.readValue(row.get("criteria", String.class), CRITERIA)));
    }

    // Reads and writes for the rubric API (RubricService).

    /** The event's stored rubric, without writing the default. */
    Mono<Stored> findEvent(UUID eventId) {
        return storedEvent(eventId);
    }

    /** Whether any score was given against this rubric. */
    Mono<Boolean> scored(UUID rubricId) {
        return db.sql("select exists (select 1 from judging_scores where rubric_id = :id) as s")
                .bind("id", rubricId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("s", Boolean.class)))
                .one();
    }

    /**
     * Writes the event's rubric (challengeId null) or a challenge's override: inserts it at version
     * 1, or replaces the criteria of version {@code current} with the next version. Empty when the
     * stored version is no longer {@code current}. The frozen-rubric trigger refuses a change once
     * scored.
     */
    Mono<Stored> write(UUID eventId, UUID challengeId, Rubric rubric, long current, UUID by) {
        String target =
                challengeId == null
                        ? "(event_id) where challenge_id is null"
                        : "(challenge_id) where challenge_id is not null";
        return db.sql(
                        """
                        insert into judging_rubrics (event_id, challenge_id, criteria, version,
                          updated_by)
                        values (:event, :challenge, cast(:criteria as jsonb), 1, :by)
                        on conflict %s do update
                          set criteria = excluded.criteria,
                              version = judging_rubrics.version + 1,
                              updated_by = excluded.updated_by, updated_at = now()
                          where judging_rubrics.version = :current
                        returning id, event_id, challenge_id, version, criteria::text as criteria"""
                                .formatted(target))
                .bind("event", eventId)
                .bind(
                        "challenge",
                        org.springframework.r2dbc.core.Parameter.fromOrEmpty(
                                challengeId, UUID.class))
                .bind("criteria", json.writeValueAsString(rubric.criteria()))
                .bind("current", current)
                .bind("by", by)
                .map((row, meta) -> toStored(row))
                .one();
    }

    /** Deletes a challenge's override at this version; the number of rows deleted. */
    Mono<Long> deleteOverride(UUID challengeId, long version) {
        return db.sql(
                        "delete from judging_rubrics where challenge_id = :challenge"
                                + " and version = :version")
                .bind("challenge", challengeId)
                .bind("version", version)
                .fetch()
                .rowsUpdated();
    }
}
