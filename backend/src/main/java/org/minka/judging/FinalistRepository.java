package org.minka.judging;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Finalist lists and the judges' final ballots. */
@Repository
class FinalistRepository {

    /** A stored list's head. */
    record Head(
            UUID challengeId,
            String reason,
            UUID confirmedBy,
            Instant confirmedAt,
            long version,
            boolean ranked) {}

    private final DatabaseClient db;

    FinalistRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The challenge's stored list head, if any. */
    Mono<Head> head(UUID challengeId) {
        return db.sql(
                        "select challenge_id, reason, confirmed_by, confirmed_at, version,"
                                + " exists (select 1 from judging_final_ballots b"
                                + " where b.challenge_id = f.challenge_id) as ranked"
                                + " from judging_finals f where challenge_id = :challenge")
                .bind("challenge", challengeId)
                .map((row, meta) -> toHead(row))
                .one();
    }

    /** The stored finalists in seed order. */
    Flux<FinalistList.Finalist> finalists(UUID challengeId) {
        return db.sql(
                        "select submission_id, position, round1_rank, round1_score, source"
                                + " from judging_finalists where challenge_id = :challenge"
                                + " order by position")
                .bind("challenge", challengeId)
                .map(
                        (row, meta) ->
                                new FinalistList.Finalist(
                                        row.get("submission_id", UUID.class),
                                        row.get("position", Integer.class),
                                        row.get("round1_rank", Integer.class),
                                        row.get("round1_score", Double.class),
                                        row.get("source", String.class)))
                .all();
    }

    /**
     * Writes the list head (a new version), or empty when {@code expected} is given and stale.
     * Locks the row until the transaction ends, so two organizers write one after the other.
     */
    Mono<Head> writeHead(UUID eventId, UUID challengeId, String reason, UUID by, Long expected) {
        return db.sql(
                        """
                        insert into judging_finals (challenge_id, event_id, reason, confirmed_by)
                        values (:challenge, :event, :reason, :by)
                        on conflict (challenge_id) do update set reason = excluded.reason,
                          confirmed_by = excluded.confirmed_by, confirmed_at = now(),
                          version = judging_finals.version + 1
                        where cast(:expected as bigint) is null
                          or judging_finals.version = cast(:expected as bigint)
                        returning challenge_id, reason, confirmed_by, confirmed_at, version,
                          false as ranked""")
                .bind("challenge", challengeId)
                .bind("event", eventId)
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("by", by)
                .bind("expected", Parameter.fromOrEmpty(expected, Long.class))
                .map((row, meta) -> toHead(row))
                .one();
    }

    /** Replaces the finalists (the database refuses once a ballot exists: P0409). */
    Mono<Void> replace(UUID challengeId, List<FinalistList.Finalist> finalists) {
        Mono<Void> delete =
                db.sql("delete from judging_finalists where challenge_id = :challenge")
                        .bind("challenge", challengeId)
                        .then();
        return delete.thenMany(Flux.fromIterable(finalists))
                .concatMap(f -> insert(challengeId, f))
                .then();
    }

    private Mono<Void> insert(UUID challengeId, FinalistList.Finalist f) {
        return db.sql(
                        "insert into judging_finalists (challenge_id, submission_id, position,"
                                + " round1_rank, round1_score, source)"
                                + " values (:challenge, :submission, :position, :rank, :score, :source)")
                .bind("challenge", challengeId)
                .bind("submission", f.submissionId())
                .bind("position", f.position())
                .bind("rank", Parameter.fromOrEmpty(f.round1Rank(), Integer.class))
                .bind("score", Parameter.fromOrEmpty(f.round1Score(), Double.class))
                .bind("source", f.source())
                .then();
    }

    /** The judge's ballot for the challenge. */
    Mono<FinalBallot> ballot(UUID challengeId, UUID judgeId) {
        return db.sql(
                        "select challenge_id, ranking, submitted_at, updated_at, version"
                                + " from judging_final_ballots"
                                + " where challenge_id = :challenge and judge_id = :judge")
                .bind("challenge", challengeId)
                .bind("judge", judgeId)
                .map((row, meta) -> toBallot(row))
                .one();
    }

    /**
     * Casts or replaces the judge's ballot; empty when {@code expected} is given and stale. The
     * database checks the ranking is a permutation of the finalists (P0422) and the judge has no
     * conflict with any of them (P0403).
     */
    Mono<FinalBallot> cast(
            UUID eventId, UUID challengeId, UUID judgeId, List<UUID> ranking, Long expected) {
        return db.sql(
                        """
                        insert into judging_final_ballots (event_id, challenge_id, judge_id, ranking)
                        values (:event, :challenge, :judge, :ranking)
                        on conflict (challenge_id, judge_id) do update set
                          ranking = excluded.ranking, updated_at = now(),
                          version = judging_final_ballots.version + 1
                        where cast(:expected as bigint) is null
                          or judging_final_ballots.version = cast(:expected as bigint)
                        returning challenge_id, ranking, submitted_at, updated_at, version""")
                .bind("event", eventId)
                .bind("challenge", challengeId)
                .bind("judge", judgeId)
                .bind("ranking", ranking.toArray(new UUID[0]))
                .bind("expected", Parameter.fromOrEmpty(expected, Long.class))
                .map((row, meta) -> toBallot(row))
                .one();
    }

    /** Every ballot of the challenge, in the order judges cast them. */
    Flux<List<UUID>> ballots(UUID challengeId) {
        return db.sql(
                        "select ranking from judging_final_ballots where challenge_id = :challenge"
                                + " order by submitted_at, judge_id")
                .bind("challenge", challengeId)
                .map((row, meta) -> Arrays.asList(row.get("ranking", UUID[].class)))
                .all();
    }

    /** Whether the judge has an active conflict with any of these submissions. */
    Mono<Boolean> conflicted(UUID judgeId, List<UUID> submissionIds) {
        return db.sql(
                        "select exists (select 1 from judging_conflicts where judge_id = :judge"
                                + " and lifted_at is null and submission_id = any(:ids)) as c")
                .bind("judge", judgeId)
                .bind("ids", submissionIds.toArray(new UUID[0]))
                .map((row, meta) -> Boolean.TRUE.equals(row.get("c", Boolean.class)))
                .one();
    }

    private static Head toHead(Readable row) {
        return new Head(
                row.get("challenge_id", UUID.class),
                row.get("reason", String.class),
                row.get("confirmed_by", UUID.class),
                row.get("confirmed_at", Instant.class),
                row.get("version", Long.class),
                Boolean.TRUE.equals(row.get("ranked", Boolean.class)));
    }

    private static FinalBallot toBallot(Readable row) {
        return new FinalBallot(
                row.get("challenge_id", UUID.class),
                Arrays.asList(row.get("ranking", UUID[].class)),
                row.get("submitted_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("version", Long.class));
    }

    /** The event's challenges whose confirmed finalists at least one judge has ranked. */
    Flux<UUID> rankedChallenges(UUID eventId) {
        return db.sql(
                        "select f.challenge_id from judging_finals f where f.event_id = :event"
                                + " and exists (select 1 from judging_final_ballots b"
                                + " where b.challenge_id = f.challenge_id)")
                .bind("event", eventId)
                .map((row, meta) -> row.get("challenge_id", UUID.class))
                .all();
    }
}
