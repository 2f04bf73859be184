package org.minka.results;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.minka.results.ResultsRows.Award;
import org.minka.results.ResultsRows.DatasetRef;
import org.minka.results.ResultsRows.Disqualification;
import org.minka.results.ResultsRows.Edition;
import org.minka.results.ResultsRows.Placement;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The results tables: editions, disqualifications, placements, awards and who was notified. */
@Repository
class ResultsRepository {

    private static final TypeReference<List<DatasetRef>> DATASETS = new TypeReference<>() {};

    private static final String EDITION =
            "event_id, places, overall_winner, licence, language, built_at, publish_at,"
                    + " announced_at, version";

    private static final String AWARD =
            "id, kind, generated, challenge_id, place, submission_id, team_id, publisher_id,"
                    + " dataset_id, title_es, title_en, reason_es, reason_en, uses";

    private final DatabaseClient db;
    private final JsonMapper json;

    ResultsRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Edition> edition(UUID eventId) {
        return db.sql("select " + EDITION + " from results_editions where event_id = :e")
                .bind("e", eventId)
                .map(r -> edition(r))
                .one();
    }

    /** The event's edition with these settings (null keeps), built now; empty when published. */
    Mono<Edition> built(UUID eventId, ResultsSettings settings, UUID by, Instant now) {
        return db.sql(
                        """
                        insert into results_editions as r (event_id, places, overall_winner,
                            licence, language, built_at, updated_by, updated_at)
                        values (:e, coalesce(:places, 3), coalesce(:overall, false),
                            coalesce(:licence, 'CC-BY-4.0'), coalesce(:language, 'es'),
                            :now, :by, :now)
                        on conflict (event_id) do update set
                            places = coalesce(:places, r.places),
                            overall_winner = coalesce(:overall, r.overall_winner),
                            licence = coalesce(:licence, r.licence),
                            language = coalesce(:language, r.language),
                            built_at = :now, updated_by = :by, updated_at = :now,
                            version = r.version + 1
                        where r.publish_at is null
                        returning\s"""
                                + EDITION)
                .bind("e", eventId)
                .bind("places", Parameter.fromOrEmpty(settings.places(), Integer.class))
                .bind("overall", Parameter.fromOrEmpty(settings.overallWinner(), Boolean.class))
                .bind("licence", Parameter.fromOrEmpty(settings.licence(), String.class))
                .bind("language", Parameter.fromOrEmpty(settings.language(), String.class))
                .bind("now", now)
                .bind("by", by)
                .map(r -> edition(r))
                .one();
    }

    /** Bumps the version of an unpublished edition; empty when it is published or missing. */
    Mono<Edition> touched(UUID eventId, UUID by, Instant now) {
        return db.sql(
                        "update results_editions set version = version + 1, updated_by = :by,"
                                + " updated_at = :now where event_id = :e and publish_at is null"
                                + " returning "
                                + EDITION)
                .bind("e", eventId)
                .bind("by", by)
                .bind("now", now)
                .map(r -> edition(r))
                .one();
    }

    Flux<Disqualification> disqualifications(UUID eventId) {
        return db.sql(
                        "select submission_id, reason, created_by, created_at"
                                + " from results_disqualifications where event_id = :e"
                                + " order by created_at, submission_id")
                .bind("e", eventId)
                .map(
                        row ->
                                new Disqualification(
                                        row.get("submission_id", UUID.class),
                                        row.get("reason", String.class),
                                        row.get("created_by", UUID.class),
                                        row.get("created_at", Instant.class)))
                .all();
    }

    Mono<Void> disqualify(UUID eventId, UUID submissionId, String reason, UUID by) {
        return db.sql(
                        """
                        insert into results_disqualifications (event_id, submission_id, reason,
                            created_by)
                        values (:e, :s, :reason, :by)
                        on conflict (event_id, submission_id)
                        do update set reason = excluded.reason""")
                .bind("e", eventId)
                .bind("s", submissionId)
                .bind("reason", reason)
                .bind("by", by)
                .then();
    }

    /** Removes a disqualification; false when there was none. */
    Mono<Boolean> requalify(UUID eventId, UUID submissionId) {
        return db.sql(
                        "delete from results_disqualifications where event_id = :e"
                                + " and submission_id = :s")
                .bind("e", eventId)
                .bind("s", submissionId)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** Replaces the event's placements with these, in one statement each way. */
    Mono<Void> replacePlacements(UUID eventId, List<Placement> placements) {
        Mono<Void> delete =
                db.sql("delete from results_placements where event_id = :e")
                        .bind("e", eventId)
                        .then();
        if (placements.isEmpty()) {
            return delete;
        }
        Mono<Void> insert =
                db.sql(
                                """
                                insert into results_placements (event_id, submission_id,
                                    challenge_id, team_id, place, tied, score, votes, source,
                                    datasets)
                                select :e, x."submissionId", x."challengeId", x."teamId",
                                    x.place, x.tied, x.score, x.votes, x.source,
                                    coalesce(x.datasets, '[]'::jsonb)
                                from jsonb_to_recordset(cast(:rows as jsonb)) as x(
                                    "submissionId" uuid, "challengeId" uuid, "teamId" uuid,
                                    place int, tied boolean, score double precision,
                                    votes bigint, source text, datasets jsonb)""")
                        .bind("e", eventId)
                        .bind("rows", json.writeValueAsString(placements))
                        .then();
        return delete.then(insert);
    }

    Flux<Placement> placements(UUID eventId) {
        return db.sql(
                        """
                        select submission_id, challenge_id, team_id, place, tied, score, votes,
                          source, datasets::text as datasets
                        from results_placements where event_id = :e
                        order by challenge_id, place nulls last, score desc nulls last,
                          submission_id""")
                .bind("e", eventId)
                .map(r -> placement(r))
                .all();
    }

    /** Replaces the built awards (distinctions stay). */
    Mono<Void> replaceBuiltAwards(UUID eventId, List<Award> awards) {
        Mono<Void> delete =
                db.sql("delete from results_awards where event_id = :e and generated")
                        .bind("e", eventId)
                        .then();
        if (awards.isEmpty()) {
            return delete;
        }
        Mono<Void> insert =
                db.sql(
                                """
                                insert into results_awards (id, event_id, kind, generated,
                                    challenge_id, place, submission_id, team_id, publisher_id,
                                    dataset_id, uses)
                                select x.id, :e, x.kind, true, x."challengeId", x.place,
                                    x."submissionId", x."teamId", x."publisherId",
                                    x."datasetId", x.uses
                                from jsonb_to_recordset(cast(:rows as jsonb)) as x(
                                    id uuid, kind text, "challengeId" uuid, place int,
                                    "submissionId" uuid, "teamId" uuid, "publisherId" uuid,
                                    "datasetId" uuid, uses int)""")
                        .bind("e", eventId)
                        .bind("rows", json.writeValueAsString(awards))
                        .then();
        return delete.then(insert);
    }

    Flux<Award> awards(UUID eventId) {
        return db.sql(
                        "select "
                                + AWARD
                                + " from results_awards where event_id = :e order by"
                                + " array_position(array['OVERALL','PLACE','PEOPLES_CHOICE',"
                                + "'DISTINCTION','PUBLISHER','DATASET'], kind), challenge_id"
                                + " nulls first, place, created_at, id")
                .bind("e", eventId)
                .map(r -> award(r))
                .all();
    }

    Mono<Award> insertDistinction(UUID eventId, Award a, UUID by) {
        return db.sql(
                        "insert into results_awards (id, event_id, kind, generated, team_id,"
                                + " publisher_id, title_es, title_en, reason_es, reason_en,"
                                + " created_by) values (:id, :e, 'DISTINCTION', false, :team,"
                                + " :publisher, :tes, :ten, :res, :ren, :by) returning "
                                + AWARD)
                .bind("id", a.id())
                .bind("e", eventId)
                .bind("team", Parameter.fromOrEmpty(a.teamId(), UUID.class))
                .bind("publisher", Parameter.fromOrEmpty(a.publisherId(), UUID.class))
                .bind("tes", a.titleEs())
                .bind("ten", a.titleEn())
                .bind("res", a.reasonEs())
                .bind("ren", a.reasonEn())
                .bind("by", by)
                .map(r -> award(r))
                .one();
    }

    /** Deletes a distinction; false when the event has no such distinction. */
    Mono<Boolean> deleteDistinction(UUID eventId, UUID awardId) {
        return db.sql(
                        "delete from results_awards where event_id = :e and id = :id"
                                + " and kind = 'DISTINCTION'")
                .bind("e", eventId)
                .bind("id", awardId)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** Sets the publication time; empty when one is set already. */
    Mono<Edition> publish(UUID eventId, Instant at, UUID by, Instant now) {
        return db.sql(
                        "update results_editions set publish_at = :at, announced_at = null,"
                                + " version = version + 1, updated_by = :by, updated_at = :now"
                                + " where event_id = :e and publish_at is null returning "
                                + EDITION)
                .bind("e", eventId)
                .bind("at", at)
                .bind("by", by)
                .bind("now", now)
                .map(r -> edition(r))
                .one();
    }

    /** Clears the publication; empty when none was set. */
    Mono<Edition> unpublish(UUID eventId, UUID by, Instant now) {
        return db.sql(
                        "update results_editions set publish_at = null, announced_at = null,"
                                + " version = version + 1, updated_by = :by, updated_at = :now"
                                + " where event_id = :e and publish_at is not null returning "
                                + EDITION)
                .bind("e", eventId)
                .bind("by", by)
                .bind("now", now)
                .map(r -> edition(r))
                .one();
    }

    /** Editions whose publication time has come and whose winners were not told yet. */
    Flux<UUID> due(Instant now) {
        return db.sql(
                        "select event_id from results_editions where publish_at <= :now"
                                + " and announced_at is null order by publish_at, event_id")
                .bind("now", now)
                .map(row -> row.get("event_id", UUID.class))
                .all();
    }

    /** Marks the publication announced; false when it was already, or is not due. */
    Mono<Boolean> claimAnnouncement(UUID eventId, Instant now) {
        return db.sql(
                        "update results_editions set announced_at = :now where event_id = :e"
                                + " and publish_at <= :now and announced_at is null")
                .bind("e", eventId)
                .bind("now", now)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    /** Records these users as told of the event's results; answers those not told before. */
    Flux<UUID> firstNotified(UUID eventId, Collection<UUID> users) {
        if (users.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(
                        "insert into results_notified (event_id, user_id)"
                                + " select :e, u from unnest(cast(:users as uuid[])) as u"
                                + " on conflict do nothing returning user_id")
                .bind("e", eventId)
                .bind("users", users.toArray(UUID[]::new))
                .map(row -> row.get("user_id", UUID.class))
                .all();
    }

    private static Edition edition(Readable row) {
        return new Edition(
                row.get("event_id", UUID.class),
                row.get("places", Integer.class),
                row.get("overall_winner", Boolean.class),
                row.get("licence", String.class),
                row.get("language", String.class),
                row.get("built_at", Instant.class),
                row.get("publish_at", Instant.class),
                row.get("announced_at", Instant.class),
                row.get("version", Long.class));
    }

    private Placement placement(Readable row) {
        String datasets = row.get("datasets", String.class);
        return new Placement(
                row.get("submission_id", UUID.class),
                row.get("challenge_id", UUID.class),
                row.get("team_id", UUID.class),
                row.get("place", Integer.class),
                row.get("tied", Boolean.class),
                row.get("score", Double.class),
                row.get("votes", Long.class),
                row.get("source", String.class),
                datasets == null ? List.of() : json.readValue(datasets, DATASETS));
    }

    private static Award award(Readable row) {
        return new Award(
                row.get("id", UUID.class),
                AwardKind.valueOf(row.get("kind", String.class)),
                row.get("generated", Boolean.class),
                row.get("challenge_id", UUID.class),
                row.get("place", Integer.class),
                row.get("submission_id", UUID.class),
                row.get("team_id", UUID.class),
                row.get("publisher_id", UUID.class),
                row.get("dataset_id", UUID.class),
                row.get("title_es", String.class),
                row.get("title_en", String.class),
                row.get("reason_es", String.class),
                row.get("reason_en", String.class),
                row.get("uses", Integer.class));
    }

    /** Who last built or published the event's results (the organizer a publication acts for). */
    Mono<UUID> lastUpdatedBy(UUID eventId) {
        return db.sql("select updated_by from results_editions where event_id = :e")
                .bind("e", eventId)
                .map(r -> r.get("updated_by", UUID.class))
                .one();
    }
}
