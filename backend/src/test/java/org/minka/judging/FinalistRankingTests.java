package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.judging.FinalistRanking.DecidedBy;
import org.minka.judging.FinalistRanking.Entry;
import org.minka.judging.FinalistRanking.Method;

class FinalistRankingTests {

    private static final UUID C = new UUID(0, 1);
    private static final UUID X = new UUID(0, 11);
    private static final UUID Y = new UUID(0, 12);
    private static final UUID Z = new UUID(0, 13);

    /** X>Y>Z twice and Y>X>Z once: X beats Y 2–1 and both beat Z 3–0, so X, Y, Z. */
    @Test
    void ofWhenSchulzeHasAWinnerThenTiersDecideEveryPlace() {
        FinalistRanking r =
                FinalistRanking.of(
                        C,
                        Method.SCHULZE,
                        List.of(List.of(X, Y, Z), List.of(X, Y, Z), List.of(Y, X, Z)),
                        finalists(Map.of(X, 0.1, Y, 0.9, Z, 0.5)));

        assertThat(r.entries()).extracting(Entry::submissionId).containsExactly(X, Y, Z);
        assertThat(r.entries()).extracting(Entry::rank).containsExactly(1, 2, 3);
        assertThat(r.entries()).extracting(Entry::decidedBy).containsOnly(DecidedBy.METHOD);
        assertThat(r.ballots()).isEqualTo(3);
    }

    /** X>Y once and Y>X once tie under the method; Y's round 1 score (0.9 > 0.2) puts it first. */
    @Test
    void ofWhenTierTiesThenRound1ScoreBreaksIt() {
        FinalistRanking r =
                FinalistRanking.of(
                        C,
                        Method.SCHULZE,
                        List.of(List.of(X, Y), List.of(Y, X)),
                        finalists(Map.of(X, 0.2, Y, 0.9)));

        assertThat(r.entries()).extracting(Entry::submissionId).containsExactly(Y, X);
        assertThat(r.entries()).extracting(Entry::rank).containsExactly(1, 2);
        assertThat(r.entries()).extracting(Entry::decidedBy).containsOnly(DecidedBy.ROUND1_SCORE);
        assertThat(r.entries()).extracting(Entry::tier).containsExactly(1, 1);
    }

    /** Tied under Borda (1 point each) and on round 1 (0.5 each): both first, shown as a tie. */
    @Test
    void ofWhenRound1AlsoTiesThenSharedRank() {
        FinalistRanking r =
                FinalistRanking.of(
                        C,
                        Method.BORDA,
                        List.of(List.of(X, Y), List.of(Y, X)),
                        finalists(Map.of(X, 0.5, Y, 0.5)));

        assertThat(r.entries()).extracting(Entry::rank).containsExactly(1, 1);
        assertThat(r.entries()).extracting(Entry::tied).containsExactly(true, true);
        assertThat(r.entries()).extracting(Entry::points).containsExactly(1, 1);
    }

    @Test
    void ofWhenNoBallotsThenFinalistsUnranked() {
        FinalistRanking r =
                FinalistRanking.of(C, Method.SCHULZE, List.of(), finalists(Map.of(X, 0.5)));

        assertThat(r.entries()).extracting(Entry::rank).containsOnlyNulls();
        assertThat(r.ballots()).isZero();
    }

    /**
     * One judge gives 90, 60, 60 and 30 (equal first criterion and submit time): ranks 1, 2, 2, 4.
     * The top two are proposed with the submission tied for second: three finalists.
     */
    @Test
    void proposedWhenTieAtTheCutThenTiedSubmissionsGoThrough() {
        UUID judge = new UUID(0, 99);
        Instant at = Instant.parse("2026-05-01T12:00:00Z");
        UUID s1 = new UUID(0, 21);
        UUID s2 = new UUID(0, 22);
        UUID s3 = new UUID(0, 23);
        UUID s4 = new UUID(0, 24);
        List<UUID> ids = List.of(s1, s2, s3, s4);
        double[] totals = {90, 60, 60, 30};
        List<Aggregation.Candidate> candidates =
                ids.stream().map(id -> new Aggregation.Candidate(id, C, at, "impact")).toList();
        List<Aggregation.Score> scores =
                java.util.stream.IntStream.range(0, 4)
                        .mapToObj(
                                i ->
                                        new Aggregation.Score(
                                                judge, ids.get(i), totals[i], Map.of("impact", 3)))
                        .toList();
        RankingService.Round1 round1 =
                new RankingService.Round1(
                        Aggregation.aggregate(candidates, scores, List.of()), Map.of(), Map.of());

        FinalistList proposal = FinalistService.proposed(C, round1, 2);

        assertThat(proposal.finalists())
                .extracting(FinalistList.Finalist::submissionId)
                .containsExactly(s1, s2, s3);
        assertThat(proposal.finalists())
                .extracting(FinalistList.Finalist::round1Rank)
                .containsExactly(1, 2, 2);
        assertThat(proposal.confirmed()).isFalse();
    }

    private static List<FinalistList.Finalist> finalists(Map<UUID, Double> round1) {
        return round1.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new FinalistList.Finalist(e.getKey(), 1, null, e.getValue(), "RANKING"))
                .toList();
    }
}
