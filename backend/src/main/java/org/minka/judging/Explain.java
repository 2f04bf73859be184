package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Why a submission stands where it does: each judge's raw and normalised total (with that judge's
 * mean and spread), the per-criterion means, the tie-breaks used, and the scores left out, with why
 * (organizers; embargoed).
 */
@Schema(name = "JudgingExplain")
record Explain(
        RankingView.Entry entry,
        UUID challengeId,
        @Schema(example = "impact") String firstCriterion,
        @Schema(example = "{\"impact\":4.333,\"open_data\":4.0}")
                Map<String, Double> criterionMeans,
        @Schema(description = "Submissions of the challenge with exactly the same score")
                List<UUID> sameScoreAs,
        @Schema(
                        description =
                                "The tie-breaks applied, in order: FIRST_CRITERION (higher raw"
                                        + " mean of the first criterion), SUBMITTED_AT (earlier"
                                        + " submit), TIE (still tied, so the rank is shared)")
                List<Aggregation.DecidedBy> tieBreaks,
        List<Judge> judges,
        List<Excluded> excluded) {

    /** One judge's counted score, and how it was normalised. */
    @Schema(name = "JudgingExplainJudge")
    record Judge(
            UUID judgeId,
            @Schema(nullable = true, example = "Ana Quispe") String name,
            @Schema(example = "80.0") double raw,
            @Schema(example = "1.0") double normalised,
            @Schema(example = "Z_SCORE") Aggregation.Method method,
            @Schema(description = "The judge's submitted scores that count", example = "12")
                    int judgeScores,
            @Schema(example = "70.0") double judgeMean,
            @Schema(
                            description = "Population standard deviation; 0 when mean-centred",
                            example = "10.0")
                    double judgeSd) {}

    /** A score that does not count, and why. */
    @Schema(name = "JudgingExplainExcluded")
    record Excluded(
            UUID judgeId,
            @Schema(nullable = true) String name,
            @Schema(example = "no longer a judge of this challenge") String reason) {}

    static Explain of(RankingService.Round1 round1, Aggregation.Ranked r, Map<UUID, String> names) {
        UUID challenge = round1.counted().get(r.submissionId()).challengeId();
        List<Aggregation.Ranked> all = round1.result().challenge(challenge);
        List<UUID> same =
                all.stream()
                        .filter(
                                o ->
                                        r.score() != null
                                                && o != r
                                                && Objects.equals(o.score(), r.score()))
                        .map(Aggregation.Ranked::submissionId)
                        .toList();
        return new Explain(
                RankingView.entry(round1, r),
                challenge,
                round1.rubricOf(challenge).criteria().get(0).key(),
                r.criterionMeans(),
                same,
                tieBreaks(r.decidedBy()),
                r.judges().stream().map(j -> judge(round1, j, names)).toList(),
                r.excluded().stream()
                        .map(e -> new Excluded(e.judgeId(), names.get(e.judgeId()), e.reason()))
                        .toList());
    }

    private static List<Aggregation.DecidedBy> tieBreaks(Aggregation.DecidedBy by) {
        if (by == Aggregation.DecidedBy.SCORE || by == Aggregation.DecidedBy.UNRANKED) {
            return List.of();
        }
        return List.of(Aggregation.DecidedBy.values()).subList(1, by.ordinal() + 1);
    }

    private static Judge judge(
            RankingService.Round1 round1, Aggregation.JudgeTotal j, Map<UUID, String> names) {
        Aggregation.JudgeStats stats = round1.result().judges().get(j.judgeId());
        return new Judge(
                j.judgeId(),
                names.get(j.judgeId()),
                j.raw(),
                j.normalised(),
                j.method(),
                stats.count(),
                stats.mean(),
                stats.sd());
    }
}
