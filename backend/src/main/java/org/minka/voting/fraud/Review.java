package org.minka.voting.fraud;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An organizer's decision on ballots: invalidate or restore them, or dismiss a flag. */
@Schema(name = "VotingReview")
record Review(
        @Schema(example = "3c5e0b1e-9d0f-4b63-9a53-1c1f6f0a2d11") UUID id,
        @Schema(example = "INVALIDATE") Action action,
        @Schema(nullable = true, description = "The flag reviewed, when the review was by flag")
                UUID flagId,
        @Schema(description = "The ballots whose status changed (none for DISMISS)")
                List<UUID> ballotIds,
        @Schema(example = "Thirty ballots in five minutes from one campus network") String reason,
        Instant at) {

    /** What a review does. */
    enum Action {
        /** Valid ballots become INVALID: kept, but no longer counted. */
        INVALIDATE,
        /** Invalid ballots become VALID again and count. */
        RESTORE,
        /** The flag is closed as reviewed; no ballot changes. */
        DISMISS
    }

    /** A review to apply: by flag or by ballot ids (exactly one), always with a reason. */
    @Schema(name = "VotingReviewRequest")
    record Request(
            @NotNull @Schema(example = "INVALIDATE") Action action,
            @Schema(
                            nullable = true,
                            description =
                                    "Review the ballots of this flag (INVALIDATE: those still"
                                            + " valid; RESTORE: those invalid)")
                    UUID flagId,
            @Size(min = 1, max = 1000)
                    @Schema(
                            nullable = true,
                            description =
                                    "Review exactly these ballots of the event; all must be"
                                            + " valid to invalidate, invalid to restore")
                    List<@NotNull UUID> ballotIds,
            @NotBlank
                    @Size(max = 1000)
                    @Schema(example = "Thirty ballots in five minutes from one campus network")
                    String reason) {

        @AssertTrue(message = "{minka.voting.review-target}")
        @Schema(hidden = true)
        boolean isOneTarget() {
            return (flagId == null) != (ballotIds == null);
        }

        @AssertTrue(message = "{minka.voting.dismiss-needs-flag}")
        @Schema(hidden = true)
        boolean isDismissOfFlag() {
            return action != Action.DISMISS || flagId != null;
        }
    }
}
