package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Round 1's provisional ranking per challenge (organizers; embargoed). */
@Schema(name = "JudgingRanking")
record RankingView(UUID eventId, List<Challenge> challenges) {

    /** One challenge's ranking, best first; unscored submissions last, without a rank. */
    @Schema(name = "JudgingChallengeRanking")
    record Challenge(
            UUID challengeId,
            @Schema(description = "The first criterion, the first tie-break", example = "impact")
                    String firstCriterion,
            List<Entry> entries) {}

    /** One submission's place. */
    @Schema(name = "JudgingRankingEntry")
    record Entry(
            @Schema(nullable = true, description = "Shared by tied submissions", example = "2")
                    Integer rank,
            @Schema(description = "Tied on score, first criterion and submit time") boolean tied,
            UUID submissionId,
            UUID teamId,
            @Schema(example = "2") int versionNumber,
            @Schema(
                            nullable = true,
                            description = "Mean of the normalised totals",
                            example = "0.8165")
                    Double score,
            @Schema(
                            nullable = true,
                            description = "Mean of the raw totals (0..100)",
                            example = "76.5")
                    Double rawMean,
            @Schema(nullable = true, example = "4.333") Double firstCriterionMean,
            Instant submittedAt,
            @Schema(
                            description =
                                    "What set it apart from its neighbours: SCORE,"
                                            + " FIRST_CRITERION, SUBMITTED_AT, TIE (rank"
                                            + " shared), or UNRANKED (no score counts)",
                            example = "SCORE")
                    Aggregation.DecidedBy decidedBy,
            @Schema(example = "3") int judgesCounted,
            @Schema(example = "0") int judgesExcluded) {}

    static RankingView of(UUID eventId, RankingService.Round1 round1, UUID onlyChallenge) {
        List<Challenge> challenges =
                round1.result().byChallenge().entrySet().stream()
                        .filter(e -> onlyChallenge == null || onlyChallenge.equals(e.getKey()))
                        .map(e -> challenge(round1, e.getKey(), e.getValue()))
                        .toList();
        return new RankingView(eventId, challenges);
    }

    private static Challenge challenge(
            RankingService.Round1 round1, UUID challengeId, List<Aggregation.Ranked> ranked) {
        String first = round1.rubricOf(challengeId).criteria().get(0).key();
        return new Challenge(
                challengeId, first, ranked.stream().map(r -> entry(round1, r)).toList());
    }

    static Entry entry(RankingService.Round1 round1, Aggregation.Ranked r) {
        var version = round1.counted().get(r.submissionId());
        return new Entry(
                r.rank(),
                r.tied(),
                r.submissionId(),
                version.teamId(),
                version.number(),
                r.score(),
                r.rawMean(),
                r.firstCriterionMean(),
                version.submittedAt(),
                r.decidedBy(),
                r.judges().size(),
                r.excluded().size());
    }
}
