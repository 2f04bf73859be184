package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The pairwise endpoints' bodies. */
final class PairwiseApi {

    private PairwiseApi() {}

    /** A submission's counted version, as a judge compares it. */
    @Schema(name = "PairwiseItem")
    record Item(UUID submissionId, @Schema(example = "2") int versionNumber) {}

    /**
     * The judge's turn: the item they judged last (absent at first) and the one handed to them now
     * (absent when nothing is left for them to judge).
     */
    @Schema(name = "PairwiseTurn")
    record Turn(
            UUID challengeId,
            @Schema(nullable = true, description = "The item judged last; absent at first")
                    Item previous,
            @Schema(
                            nullable = true,
                            description =
                                    "The item handed now; absent when the judge has seen every"
                                            + " item they may judge")
                    Item current,
            @Schema(
                            nullable = true,
                            description = "Until when no other judge is handed the current item")
                    Instant leasedUntil,
            @Schema(description = "Decisions this judge made in this challenge", example = "7")
                    int decisions) {}

    /** A judge's decision on the pair they were handed. */
    @Schema(name = "PairwiseDecisionRequest")
    record DecisionRequest(
            @Schema(
                            nullable = true,
                            description =
                                    "The previous item of the turn; absent only to skip the very"
                                            + " first item")
                    UUID previousId,
            @NotNull @Schema(description = "The current item of the turn") UUID currentId,
            @NotNull
                    @Schema(
                            description =
                                    "CURRENT: the current item is better; PREVIOUS: the previous"
                                            + " one is; SKIP: the current cannot be judged (never"
                                            + " handed to this judge again)",
                            example = "CURRENT")
                    PairwiseReplay.Outcome outcome) {}

    /** A stored decision. */
    @Schema(name = "PairwiseDecision")
    record Decision(
            UUID id,
            UUID challengeId,
            @Schema(nullable = true) UUID previousId,
            UUID currentId,
            @Schema(example = "CURRENT") PairwiseReplay.Outcome outcome,
            Instant decidedAt) {}

    /** One item's place in the challenge's pairwise ranking. */
    @Schema(name = "PairwiseStanding")
    record Standing(
            @Schema(example = "1") int rank,
            UUID submissionId,
            @Schema(example = "2") int versionNumber,
            @Schema(description = "Mean of the item's score", example = "0.409091") double mu,
            @Schema(description = "Variance of the item's score", example = "0.832645")
                    double sigmaSq,
            @Schema(description = "Judges who compared it", example = "3") int views) {}

    /** A challenge's pairwise ranking, best first (mu descending). */
    @Schema(name = "PairwiseRanking")
    record Ranking(
            UUID challengeId,
            @Schema(
                            description =
                                    "LIVE: the stored scores; DECISIONS: recomputed from every"
                                            + " stored decision",
                            example = "LIVE")
                    String source,
            @Schema(example = "42") long decisions,
            List<Standing> items) {}

    /** A judge's reliability in one challenge: Beta(alpha, beta), the chance they order right. */
    @Schema(name = "PairwiseJudge")
    record Judge(
            UUID judgeId,
            @Schema(nullable = true, example = "Rosa Quispe") String name,
            @Schema(example = "10.0") double alpha,
            @Schema(example = "1.0") double beta,
            @Schema(description = "alpha / (alpha + beta)", example = "0.909091")
                    double reliability,
            @Schema(description = "Decisions made, skips included", example = "12")
                    int decisions) {}

    /** The judges of a challenge who judged pairwise. */
    @Schema(name = "PairwiseJudges")
    record Judges(UUID challengeId, List<Judge> items) {}
}
