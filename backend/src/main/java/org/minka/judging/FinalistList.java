package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A challenge's finalists: proposed from round 1 (the top N, plus any tied with the N-th), then
 * confirmed or adjusted by an organizer with a reason.
 */
@Schema(name = "JudgingFinalists")
record FinalistList(
        UUID challengeId,
        @Schema(description = "False: a proposal from round 1, not yet confirmed")
                boolean confirmed,
        @Schema(nullable = true) Instant confirmedAt,
        @Schema(nullable = true) UUID confirmedBy,
        @Schema(nullable = true, example = "Two teams tied for third; both go through")
                String reason,
        @Schema(description = "The list's version; the ETag for If-Match", example = "1")
                long version,
        @Schema(description = "Whether judges have ranked them (then the list is frozen)")
                boolean ranked,
        List<Finalist> finalists) {

    /** One finalist. */
    @Schema(name = "JudgingFinalist")
    record Finalist(
            UUID submissionId,
            @Schema(example = "1") int position,
            @Schema(nullable = true, description = "Its round 1 rank", example = "1")
                    Integer round1Rank,
            @Schema(
                            nullable = true,
                            description = "Its round 1 score (mean z-score)",
                            example = "1.12")
                    Double round1Score,
            @Schema(
                            description = "RANKING (from round 1) or ORGANIZER (added by hand)",
                            example = "RANKING")
                    String source) {}

    /** Confirm the proposal as it stands. */
    @Schema(name = "JudgingFinalistsConfirm")
    record Confirm(
            @Schema(nullable = true, example = "Top three as ranked") @Size(max = 1000)
                    String reason) {}

    /** Set the list by hand: the finalists in seed order, and why. */
    @Schema(name = "JudgingFinalistsAdjust")
    record Adjust(
            @NotEmpty @Size(max = 50) List<UUID> submissionIds,
            @NotBlank
                    @Size(max = 1000)
                    @Schema(example = "The fourth team's notebook was mis-scored; it goes through")
                    String reason) {}
}
