package org.minka.voting;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * A voter's ballot as the voter sees it: what it is for and when it was cast or retracted. Its
 * validity (fraud review) and audit hashes are not shown.
 */
@Schema(name = "Ballot")
record Ballot(
        @Schema(example = "5b0f7d3e-2c4a-4f8e-9a1b-6c7d8e9f0a1b") UUID id,
        @Schema(example = "0e7c1a52-3f6b-4bd4-9a43-8f0f1d2c3b4a") UUID eventId,
        @Schema(example = "7a1e2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b") UUID challengeId,
        @Schema(example = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") UUID submissionId,
        @Schema(
                        description = "The submission's counted version when the ballot was cast",
                        example = "2")
                int versionNumber,
        @Schema(example = "2026-12-10T15:04:05Z") Instant castAt,
        @Schema(nullable = true, description = "Set when the voter retracted it", example = "null")
                Instant retractedAt) {

    /** What a voter sends to cast a ballot. */
    @Schema(name = "CastBallot")
    record Cast(
            @NotNull
                    @Schema(
                            description = "The submission voted for (its counted version)",
                            example = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
                    UUID submissionId) {}
}
