package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A judge's complete ranking of a challenge's finalists, best first. */
@Schema(name = "JudgingFinalBallot")
record FinalBallot(
        UUID challengeId,
        @Schema(description = "Every finalist once, best first") List<UUID> ranking,
        Instant submittedAt,
        Instant updatedAt,
        @Schema(description = "The ballot's version; the ETag for If-Match", example = "0")
                long version) {

    /** The ranking to cast. */
    @Schema(name = "JudgingFinalBallotCast")
    record Cast(@NotEmpty @Size(max = 50) List<UUID> ranking) {}
}
