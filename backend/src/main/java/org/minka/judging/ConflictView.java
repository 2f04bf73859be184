package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** A judge's conflict of interest with one submission, active or lifted. */
@Schema(name = "JudgingConflict")
record ConflictView(
        UUID id,
        UUID eventId,
        UUID submissionId,
        UUID judgeId,
        @Schema(
                        description =
                                "TEAM_MEMBER, MENTOR and PUBLISHER are found automatically;"
                                        + " DECLARED by the judge; ORGANIZER added by an organizer",
                        example = "DECLARED")
                Source source,
        @Schema(example = "Fui asesor del equipo en otra competencia") String reason,
        @Schema(nullable = true, description = "Who recorded it; null when found automatically")
                UUID createdBy,
        Instant createdAt,
        @Schema(description = "False once lifted") boolean active,
        @Schema(nullable = true) Instant liftedAt,
        @Schema(nullable = true) UUID liftedBy,
        @Schema(nullable = true, example = "Solo coincidieron en un taller abierto")
                String liftReason) {

    /** Where a conflict comes from. */
    enum Source {
        TEAM_MEMBER,
        MENTOR,
        PUBLISHER,
        DECLARED,
        ORGANIZER
    }

    /**
     * A conflict to record: a judge declares one for themselves (no judgeId); an organizer adds one
     * for a judge.
     */
    @Schema(name = "JudgingConflictRequest")
    record Request(
            @NotNull UUID submissionId,
            @Schema(
                            nullable = true,
                            description =
                                    "The judge (organizers only); omitted, the caller declares"
                                            + " a conflict of their own")
                    UUID judgeId,
            @NotBlank @Size(max = 1000) @Schema(example = "Fui asesor del equipo") String reason) {}

    /** Why an organizer lifts a conflict. */
    @Schema(name = "JudgingConflictLift")
    record Lift(
            @NotBlank @Size(max = 1000) @Schema(example = "Solo coincidieron en un taller abierto")
                    String reason) {}
}
