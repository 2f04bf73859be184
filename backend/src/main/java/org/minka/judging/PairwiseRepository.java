package org.minka.judging;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.minka.submission.SubmissionAccess;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Pairwise items, judges' states, ignore lists and the append-only decisions. */
@Repository
class PairwiseRepository {

    /** An item: a counted submission of the challenge, with its score, views and lease. */
    record ItemRow(
            UUID id,
            int versionNumber,
            double mu,
            double sigmaSq,
            int views,
            boolean prioritized,
            boolean active,
            UUID leasedBy,
            Instant leasedUntil) {

        PairwiseChooser.Candidate candidate() {
            return new PairwiseChooser.Candidate(id, mu, sigmaSq, views, prioritized);
        }

        PairwiseReplay.Item state() {
            return new PairwiseReplay.Item(mu, sigmaSq, views);
        }
    }

    /** A judge's state in one challenge. */
    record JudgeRow(
            UUID challengeId,
            UUID judgeId,
            double alpha,
            double beta,
            UUID previousId,
            boolean previousCounted,
            UUID currentId,
            int decisions) {

        JudgeRow withCurrent(UUID current) {
            return new JudgeRow(
                    challengeId,
                    judgeId,
                    alpha,
                    beta,
                    previousId,
                    previousCounted,
                    current,
                    decisions);
        }
    }

    /** A stored decision's id and time. */
    record Stored(UUID id, Instant decidedAt) {}

    private static final String ITEM_COLUMNS =
            "submission_id, version_number, mu, sigma_sq, views, prioritized, active, leased_by,"
                    + " leased_until";

    private static final String JUDGE_COLUMNS =
            "challenge_id, judge_id, alpha, beta, previous_id, previous_counted, current_id,"
                    + " decisions";

    private final DatabaseClient db;

    PairwiseRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Adds the challenge's counted versions that are not items yet (in id order). */
    Mono<Void> sync(UUID eventId, UUID challengeId, List<SubmissionAccess.CountedVersion> counted) {
        if (counted.isEmpty()) {
            return Mono.empty();
        }
        List<SubmissionAccess.CountedVersion> sorted =
                counted.stream()
                        .sorted(
                                java.util.Comparator.comparing(
                                        SubmissionAccess.CountedVersion::submissionId))
                        .toList();
        return db.sql(
                        """
                        insert into judging_pairwise_items
                          (submission_id, event_id, challenge_id, version_number)
                        select s.id, :event, :challenge, s.number
                        from unnest(cast(:ids as uuid[]), cast(:numbers as int[]))
                          with ordinality as s (id, number, ord)
                        where not exists (
                          select 1 from judging_pairwise_items i where i.submission_id = s.id)
                        order by s.ord
                        on conflict (submission_id) do nothing""")
                .bind("event", eventId)
                .bind("challenge", challengeId)
                .bind(
                        "ids",
                        sorted.stream()
                                .map(SubmissionAccess.CountedVersion::submissionId)
                                .toArray(UUID[]::new))
                .bind(
                        "numbers",
                        sorted.stream()
                                .map(SubmissionAccess.CountedVersion::number)
                                .toArray(Integer[]::new))
                .then();
    }

    /** The judge's state, created at the prior on first use, and locked until commit. */
    Mono<JudgeRow> lockJudge(UUID eventId, UUID challengeId, UUID judgeId) {
        return db.sql(
                        "insert into judging_pairwise_judges (challenge_id, judge_id, event_id)"
                                + " values (:challenge, :judge, :event)"
                                + " on conflict (challenge_id, judge_id) do update"
                                + " set updated_at = judging_pairwise_judges.updated_at"
                                + " returning "
                                + JUDGE_COLUMNS)
                .bind("challenge", challengeId)
                .bind("judge", judgeId)
                .bind("event", eventId)
                .map((row, meta) -> judge(row))
                .one();
    }

    Mono<Void> saveJudge(JudgeRow j) {
        return db.sql(
                        """
                        update judging_pairwise_judges
                        set alpha = :alpha, beta = :beta, previous_id = :previous,
                          previous_counted = :counted, current_id = :current,
                          decisions = :decisions, updated_at = now()
                        where challenge_id = :challenge and judge_id = :judge""")
                .bind("alpha", j.alpha())
                .bind("beta", j.beta())
                .bind("previous", Parameter.fromOrEmpty(j.previousId(), UUID.class))
                .bind("counted", j.previousCounted())
                .bind("current", Parameter.fromOrEmpty(j.currentId(), UUID.class))
                .bind("decisions", j.decisions())
                .bind("challenge", j.challengeId())
                .bind("judge", j.judgeId())
                .then();
    }

    Mono<ItemRow> item(UUID id) {
        return db.sql(
                        "select "
                                + ITEM_COLUMNS
                                + " from judging_pairwise_items where submission_id = :id")
                .bind("id", id)
                .map((row, meta) -> item(row))
                .one();
    }

    /** Both items, locked until commit, in id order (so that two decisions never deadlock). */
    Flux<ItemRow> lockItems(UUID a, UUID b) {
        return db.sql(
                        "select "
                                + ITEM_COLUMNS
                                + " from judging_pairwise_items where submission_id in (:a, :b)"
                                + " order by submission_id for update")
                .bind("a", a)
                .bind("b", b)
                .map((row, meta) -> item(row))
                .all();
    }

    /**
     * What the judge may be handed: active items of the challenge that they have not seen or
     * skipped, are not conflicted with, and nobody else holds a live lease on.
     */
    Flux<PairwiseChooser.Candidate> candidates(UUID challengeId, UUID judgeId) {
        return db.sql(
                        """
                        select submission_id, version_number, mu, sigma_sq, views, prioritized,
                          active, leased_by, leased_until
                        from judging_pairwise_items i
                        where i.challenge_id = :challenge and i.active
                          and (i.leased_by is null or i.leased_by = :judge
                               or i.leased_until <= now())
                          and not exists (
                            select 1 from judging_pairwise_ignored g
                            where g.challenge_id = :challenge and g.judge_id = :judge
                              and g.submission_id = i.submission_id)
                          and not exists (
                            select 1 from judging_conflicts c
                            where c.submission_id = i.submission_id and c.judge_id = :judge
                              and c.lifted_at is null)
                        order by i.submission_id""")
                .bind("challenge", challengeId)
                .bind("judge", judgeId)
                .map((row, meta) -> item(row).candidate())
                .all();
    }

    /**
     * Leases the first of {@code ordered} that is still free, in that order: the row is locked
     * (rows other transactions hold are skipped) and its lease re-checked on the latest version, so
     * two judges are never handed the same item while its lease lasts. Empty when none is.
     */
    Mono<ItemRow> lease(UUID judgeId, List<UUID> ordered, Duration timeout) {
        return db.sql(
                        """
                        update judging_pairwise_items i
                        set leased_by = :judge,
                          leased_until = now() + make_interval(secs => :seconds)
                        where i.submission_id = (
                            select c.submission_id from judging_pairwise_items c
                            where c.submission_id = any(cast(:ordered as uuid[])) and c.active
                              and (c.leased_by is null or c.leased_by = :judge
                                   or c.leased_until <= now())
                              and not exists (
                                select 1 from judging_conflicts x
                                where x.submission_id = c.submission_id
                                  and x.judge_id = :judge and x.lifted_at is null)
                            order by array_position(cast(:ordered as uuid[]), c.submission_id)
                            limit 1
                            for update skip locked)
                          and (i.leased_by is null or i.leased_by = :judge
                               or i.leased_until <= now())
                        returning\s"""
                                + ITEM_COLUMNS)
                .bind("judge", judgeId)
                .bind("seconds", timeout.toMillis() / 1000.0)
                .bind("ordered", ordered.toArray(UUID[]::new))
                .map((row, meta) -> item(row))
                .one();
    }

    /** Renews the judge's lease on the item, unless another judge holds it now. */
    Mono<ItemRow> renew(UUID itemId, UUID judgeId, Duration timeout) {
        return db.sql(
                        """
                        update judging_pairwise_items
                        set leased_by = :judge,
                          leased_until = now() + make_interval(secs => :seconds)
                        where submission_id = :id
                          and (leased_by is null or leased_by = :judge or leased_until <= now())
                        returning\s"""
                                + ITEM_COLUMNS)
                .bind("judge", judgeId)
                .bind("seconds", timeout.toMillis() / 1000.0)
                .bind("id", itemId)
                .map((row, meta) -> item(row))
                .one();
    }

    /** Ends the judge's lease on the item, if they hold it. */
    Mono<Void> release(UUID itemId, UUID judgeId) {
        return db.sql(
                        "update judging_pairwise_items set leased_by = null, leased_until = null"
                                + " where submission_id = :id and leased_by = :judge")
                .bind("id", itemId)
                .bind("judge", judgeId)
                .then();
    }

    /** The judge is never handed the item again (SEEN or SKIPPED). */
    Mono<Void> ignore(UUID challengeId, UUID judgeId, UUID itemId, String reason) {
        return db.sql(
                        "insert into judging_pairwise_ignored"
                                + " (challenge_id, judge_id, submission_id, reason)"
                                + " values (:challenge, :judge, :item, :reason)"
                                + " on conflict do nothing")
                .bind("challenge", challengeId)
                .bind("judge", judgeId)
                .bind("item", itemId)
                .bind("reason", reason)
                .then();
    }

    /** An item's new score; {@code newViews} judges more have compared it. */
    Mono<Void> score(UUID id, PairwiseReplay.Item item, int newViews) {
        return db.sql(
                        "update judging_pairwise_items"
                                + " set mu = :mu, sigma_sq = :sigma, views = views + :views"
                                + " where submission_id = :id")
                .bind("mu", item.mu())
                .bind("sigma", item.sigmaSq())
                .bind("views", newViews)
                .bind("id", id)
                .then();
    }

    Mono<Stored> insertDecision(
            UUID eventId,
            UUID challengeId,
            UUID judgeId,
            UUID previousId,
            UUID currentId,
            PairwiseReplay.Outcome outcome) {
        return db.sql(
                        """
                        insert into judging_pairwise_decisions
                          (event_id, challenge_id, judge_id, previous_id, current_id, outcome)
                        values (:event, :challenge, :judge, :previous, :current, :outcome)
                        returning id, decided_at""")
                .bind("event", eventId)
                .bind("challenge", challengeId)
                .bind("judge", judgeId)
                .bind("previous", Parameter.fromOrEmpty(previousId, UUID.class))
                .bind("current", currentId)
                .bind("outcome", outcome.name())
                .map(
                        (row, meta) ->
                                new Stored(
                                        row.get("id", UUID.class),
                                        row.get("decided_at", Instant.class)))
                .one();
    }

    /** The challenge's items, best first: mu descending, then the surer, then by id. */
    Flux<ItemRow> ranking(UUID challengeId) {
        return db.sql(
                        "select "
                                + ITEM_COLUMNS
                                + " from judging_pairwise_items where challenge_id = :challenge"
                                + " order by mu desc, sigma_sq, submission_id")
                .bind("challenge", challengeId)
                .map((row, meta) -> item(row))
                .all();
    }

    Flux<JudgeRow> judges(UUID challengeId) {
        return db.sql(
                        "select "
                                + JUDGE_COLUMNS
                                + " from judging_pairwise_judges where challenge_id = :challenge"
                                + " order by judge_id")
                .bind("challenge", challengeId)
                .map((row, meta) -> judge(row))
                .all();
    }

    Mono<Long> decisionCount(UUID challengeId) {
        return db.sql(
                        "select count(*) from judging_pairwise_decisions"
                                + " where challenge_id = :challenge")
                .bind("challenge", challengeId)
                .map((row, meta) -> row.get(0, Long.class))
                .one();
    }

    /** The challenge's decisions in the order they were applied. */
    Flux<PairwiseReplay.Decision> decisions(UUID challengeId) {
        return db.sql(
                        "select judge_id, previous_id, current_id, outcome"
                                + " from judging_pairwise_decisions where challenge_id = :challenge"
                                + " order by seq")
                .bind("challenge", challengeId)
                .map(
                        (row, meta) ->
                                new PairwiseReplay.Decision(
                                        row.get("judge_id", UUID.class),
                                        row.get("previous_id", UUID.class),
                                        row.get("current_id", UUID.class),
                                        PairwiseReplay.Outcome.valueOf(
                                                row.get("outcome", String.class))))
                .all();
    }

    private static ItemRow item(Readable row) {
        return new ItemRow(
                row.get("submission_id", UUID.class),
                row.get("version_number", Integer.class),
                row.get("mu", Double.class),
                row.get("sigma_sq", Double.class),
                row.get("views", Integer.class),
                Boolean.TRUE.equals(row.get("prioritized", Boolean.class)),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("leased_by", UUID.class),
                row.get("leased_until", Instant.class));
    }

    private static JudgeRow judge(Readable row) {
        return new JudgeRow(
                row.get("challenge_id", UUID.class),
                row.get("judge_id", UUID.class),
                row.get("alpha", Double.class),
                row.get("beta", Double.class),
                row.get("previous_id", UUID.class),
                Boolean.TRUE.equals(row.get("previous_counted", Boolean.class)),
                row.get("current_id", UUID.class),
                row.get("decisions", Integer.class));
    }
}
