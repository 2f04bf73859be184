package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Who judges which counted version, and each judge's load. */
@Schema(name = "JudgingAssignments")
record AssignmentView(
        @Schema(example = "3", description = "The event's judgesPerSubmission")
                int judgesPerSubmission,
        @Schema(description = "Every counted version of the event, by challenge then id")
                List<Item> submissions,
        @Schema(description = "Every judge of the event with their load") List<Load> judges,
        @Schema(
                        description =
                                "The pools of judges whose loads are balanced, each with its"
                                        + " spread (see Pool)")
                List<Pool> pools) {

    /** One counted version and its judges. */
    @Schema(name = "JudgingAssignmentItem")
    record Item(
            UUID submissionId,
            UUID challengeId,
            UUID teamId,
            @Schema(example = "2", description = "The counted version judged") int versionNumber,
            List<UUID> judgeIds,
            @Schema(example = "0", description = "Judges still missing to reach k") int missing) {}

    /** A judge's load. */
    @Schema(name = "JudgingJudgeLoad")
    record Load(
            UUID judgeId,
            @Schema(example = "17") int assigned,
            @Schema(example = "5", description = "Of those, how many they have scored")
                    int scored) {}

    /**
     * A pool: judges whose scopes share a challenge with counted work, closed under that (with an
     * event-wide judge, every judge with work in scope). Right after a run, the highest load in a
     * pool is as low as any assignment can make it and the lowest as high; a spread above 1 then
     * means scopes, conflicts or kept scores make 1 impossible.
     */
    @Schema(
            name = "JudgingPool",
            description =
                    "Judges whose scopes share a challenge with counted work, closed under that."
                            + " After a run the spread is the least any assignment can give:"
                            + " above 1 only when scopes, conflicts or kept scores prevent 1.")
    record Pool(
            @Schema(description = "The pool's judges, by id") List<UUID> judgeIds,
            @Schema(example = "49", description = "The lowest load in the pool") int minLoad,
            @Schema(example = "50", description = "The highest load in the pool") int maxLoad,
            @Schema(example = "1", description = "maxLoad − minLoad") int spread) {}

    /** What an assignment run did, and the assignments after it. */
    @Schema(name = "JudgingAssignmentRun")
    record Run(
            @Schema(example = "20261130") long seed,
            @Schema(example = "12", description = "Unscored assignments replaced") int removed,
            @Schema(example = "4", description = "Scored assignments kept") int kept,
            @Schema(example = "60") int added,
            AssignmentView assignments) {}

    /** What a reassignment did: the judge's unscored work, given to others. */
    @Schema(name = "JudgingReassignment")
    record Reassignment(
            UUID judgeId,
            @Schema(example = "3") int removed,
            @Schema(description = "The new assignments, one per submission that lost the judge")
                    List<Pair> added) {}

    /** One judge on one submission. */
    @Schema(name = "JudgingAssignmentPair")
    record Pair(UUID submissionId, UUID judgeId) {}

    /** Runs the assignment for the whole event with this seed. */
    @Schema(name = "JudgingAssignmentRunRequest")
    record RunRequest(
            @NotNull
                    @Schema(
                            example = "20261130",
                            description = "Same inputs and seed, same assignments")
                    Long seed) {}

    /** Adds one judge to one submission. */
    @Schema(name = "JudgingAssignmentRequest")
    record AddRequest(@NotNull UUID submissionId, @NotNull UUID judgeId) {}

    /** Why a judge's work is reassigned. */
    @Schema(name = "JudgingReassignmentRequest")
    record ReassignRequest(
            @NotBlank
                    @Size(max = 1000)
                    @Schema(example = "El jurado se retiró por motivos de salud")
                    String reason) {}
}
