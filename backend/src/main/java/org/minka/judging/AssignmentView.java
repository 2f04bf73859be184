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
        @Schema(description = "Every judge of the event with their load") List<Load> judges) {

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
