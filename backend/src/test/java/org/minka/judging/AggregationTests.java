package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.judging.Aggregation.Candidate;
import org.minka.judging.Aggregation.DecidedBy;
import org.minka.judging.Aggregation.Exclusion;
import org.minka.judging.Aggregation.Method;
import org.minka.judging.Aggregation.Ranked;
import org.minka.judging.Aggregation.Result;
import org.minka.judging.Aggregation.Score;

class AggregationTests {

    private static final UUID A = id(1);
    private static final UUID B = id(2);
    private static final UUID J1 = id(11);
    private static final UUID J2 = id(12);
    private static final UUID J3 = id(13);
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00Z");

    /**
     * J1 gives 80 and 60: mean 70, population sd 10, so z = +1 and −1. J2 gives 40 twice (zero
     * variance) and J3 gives 70 once: both only mean-centred, to 0. s1 = (1 + 0 + 0) / 3 = 1/3; s2
     * = (−1 + 0) / 2 = −1/2.
     */
    @Test
    void aggregateWhenJudgesDifferInSpreadThenZScoreOrMeanCentred() {
        UUID s1 = id(101);
        UUID s2 = id(102);
        Result result =
                Aggregation.aggregate(
                        List.of(candidate(s1, A, T0), candidate(s2, A, T0)),
                        List.of(
                                score(J1, s1, 80, 4),
                                score(J1, s2, 60, 3),
                                score(J2, s1, 40, 2),
                                score(J2, s2, 40, 2),
                                score(J3, s1, 70, 4)),
                        List.of());

        assertThat(result.judges().get(J1).method()).isEqualTo(Method.Z_SCORE);
        assertThat(result.judges().get(J1).mean()).isCloseTo(70, within(1e-9));
        assertThat(result.judges().get(J1).sd()).isCloseTo(10, within(1e-9));
        assertThat(result.judges().get(J2).method()).isEqualTo(Method.MEAN_CENTRED);
        assertThat(result.judges().get(J3).method()).isEqualTo(Method.MEAN_CENTRED);
        List<Ranked> ranking = result.challenge(A);
        assertThat(ranking).extracting(Ranked::submissionId).containsExactly(s1, s2);
        assertThat(ranking.get(0).score()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(ranking.get(1).score()).isCloseTo(-0.5, within(1e-9));
        assertThat(ranking).extracting(Ranked::rank).containsExactly(1, 2);
        assertThat(ranking.get(0).decidedBy()).isEqualTo(DecidedBy.SCORE);
        assertThat(ranking.get(0).rawMean()).isCloseTo((80 + 40 + 70) / 3.0, within(1e-9));
        assertThat(ranking.get(0).judges())
                .extracting(Aggregation.JudgeTotal::normalised)
                .containsExactly(1.0, 0.0, 0.0);
    }

    /**
     * J1 scores four submissions in two challenges: 80, 60, 80, 60, so mean 70 and sd 10 over all
     * four, not per challenge. In each challenge the 80 ranks first with z = +1.
     */
    @Test
    void aggregateWhenJudgeScoresTwoChallengesThenNormalisedOverTheWholeEvent() {
        UUID a1 = id(201);
        UUID a2 = id(202);
        UUID b1 = id(203);
        UUID b2 = id(204);
        Result result =
                Aggregation.aggregate(
                        List.of(
                                candidate(a1, A, T0),
                                candidate(a2, A, T0),
                                candidate(b1, B, T0),
                                candidate(b2, B, T0)),
                        List.of(
                                score(J1, a1, 80, 4),
                                score(J1, a2, 60, 3),
                                score(J1, b1, 60, 3),
                                score(J1, b2, 80, 4)),
                        List.of());

        assertThat(result.challenge(A)).extracting(Ranked::submissionId).containsExactly(a1, a2);
        assertThat(result.challenge(B)).extracting(Ranked::submissionId).containsExactly(b2, b1);
        assertThat(result.challenge(B).get(0).score()).isCloseTo(1.0, within(1e-9));
        assertThat(result.judges().get(J1).count()).isEqualTo(4);
    }

    /** Equal scores (one judge, zero variance): the higher first-criterion mean goes first. */
    @Test
    void rankWhenScoresTieThenHigherFirstCriterionMeanFirst() {
        UUID s1 = id(301);
        UUID s2 = id(302);
        Result result =
                Aggregation.aggregate(
                        List.of(candidate(s1, A, T0), candidate(s2, A, T0.plusSeconds(60))),
                        List.of(score(J1, s1, 50, 3), score(J1, s2, 50, 4)),
                        List.of());

        List<Ranked> ranking = result.challenge(A);
        assertThat(ranking).extracting(Ranked::submissionId).containsExactly(s2, s1);
        assertThat(ranking).extracting(Ranked::rank).containsExactly(1, 2);
        assertThat(ranking).extracting(Ranked::decidedBy).containsOnly(DecidedBy.FIRST_CRITERION);
        assertThat(ranking.get(0).firstCriterionMean()).isEqualTo(4.0);
    }

    /** Equal scores and first-criterion means: the earlier submit goes first. */
    @Test
    void rankWhenFirstCriterionTiesThenEarlierSubmitFirst() {
        UUID s1 = id(401);
        UUID s2 = id(402);
        Result result =
                Aggregation.aggregate(
                        List.of(candidate(s1, A, T0.plusSeconds(5)), candidate(s2, A, T0)),
                        List.of(score(J1, s1, 50, 3), score(J1, s2, 50, 3)),
                        List.of());

        List<Ranked> ranking = result.challenge(A);
        assertThat(ranking).extracting(Ranked::submissionId).containsExactly(s2, s1);
        assertThat(ranking).extracting(Ranked::rank).containsExactly(1, 2);
        assertThat(ranking).extracting(Ranked::decidedBy).containsOnly(DecidedBy.SUBMITTED_AT);
    }

    /**
     * Two submissions equal on all three keys share rank 1 and show as a tie; the next one is third
     * (J1: 60, 60, 30 → mean 50, sd √200; the 30 is below).
     */
    @Test
    void rankWhenEverythingTiesThenSameRankShownAsTie() {
        UUID s1 = id(501);
        UUID s2 = id(502);
        UUID s3 = id(503);
        Result result =
                Aggregation.aggregate(
                        List.of(candidate(s1, A, T0), candidate(s2, A, T0), candidate(s3, A, T0)),
                        List.of(score(J1, s1, 60, 4), score(J1, s2, 60, 4), score(J1, s3, 30, 2)),
                        List.of());

        List<Ranked> ranking = result.challenge(A);
        assertThat(ranking).extracting(Ranked::rank).containsExactly(1, 1, 3);
        assertThat(ranking.get(0).tied()).isTrue();
        assertThat(ranking.get(1).tied()).isTrue();
        assertThat(ranking.get(2).tied()).isFalse();
        assertThat(ranking.get(2).submissionId()).isEqualTo(s3);
        assertThat(ranking.get(0).score()).isCloseTo(10 / Math.sqrt(200), within(1e-9));
    }

    /**
     * J1 declares a conflict with s3 after scoring it 100: that score counts nowhere, so J1's
     * normalisation is over 80 and 60 alone (z = ±1), and s3 has no score left. J2 was removed: all
     * of J2's scores are listed as excluded, with the reason.
     */
    @Test
    void aggregateWhenJudgesExcludedThenScoresCountNowhereAndReasonsListed() {
        UUID s1 = id(601);
        UUID s2 = id(602);
        UUID s3 = id(603);
        Result result =
                Aggregation.aggregate(
                        List.of(candidate(s1, A, T0), candidate(s2, A, T0), candidate(s3, A, T0)),
                        List.of(
                                score(J1, s1, 80, 4),
                                score(J1, s2, 60, 3),
                                score(J1, s3, 100, 5),
                                score(J2, s2, 100, 5)),
                        List.of(
                                new Exclusion(J1, s3, "conflict declared after scoring"),
                                new Exclusion(J2, null, "judge removed")));

        List<Ranked> ranking = result.challenge(A);
        assertThat(ranking).extracting(Ranked::submissionId).containsExactly(s1, s2, s3);
        assertThat(ranking.get(0).score()).isCloseTo(1.0, within(1e-9));
        assertThat(ranking.get(1).score()).isCloseTo(-1.0, within(1e-9));
        assertThat(ranking.get(1).excluded())
                .containsExactly(new Exclusion(J2, s2, "judge removed"));
        assertThat(ranking.get(2).rank()).isNull();
        assertThat(ranking.get(2).decidedBy()).isEqualTo(DecidedBy.UNRANKED);
        assertThat(ranking.get(2).score()).isNull();
        assertThat(ranking.get(2).excluded())
                .containsExactly(new Exclusion(J1, s3, "conflict declared after scoring"));
        assertThat(result.judges()).doesNotContainKey(J2);
    }

    /** The per-criterion means are over the counted scores: (4 + 2) / 2 = 3, (1 + 5) / 2 = 3. */
    @Test
    void aggregateWhenSeveralCriteriaThenMeansPerCriterion() {
        UUID s1 = id(701);
        Result result =
                Aggregation.aggregate(
                        List.of(candidate(s1, A, T0)),
                        List.of(
                                new Score(J1, s1, 50, Map.of("impact", 4, "open_data", 1)),
                                new Score(J2, s1, 50, Map.of("impact", 2, "open_data", 5))),
                        List.of());

        assertThat(result.challenge(A).get(0).criterionMeans())
                .isEqualTo(Map.of("impact", 3.0, "open_data", 3.0));
        assertThat(result.challenge(A).get(0).firstCriterionMean()).isEqualTo(3.0);
    }

    private static Candidate candidate(UUID id, UUID challenge, Instant at) {
        return new Candidate(id, challenge, at, "impact");
    }

    private static Score score(UUID judge, UUID submission, double total, int impact) {
        return new Score(judge, submission, total, Map.of("impact", impact));
    }

    private static UUID id(int n) {
        return new UUID(0, n);
    }
}
