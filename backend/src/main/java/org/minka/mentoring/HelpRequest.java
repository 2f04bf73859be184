package org.minka.mentoring;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A team's request for a mentor's help on one of its challenges. */
@Schema(name = "HelpRequest")
public record HelpRequest(
        UUID id,
        UUID eventId,
        UUID challengeId,
        UUID teamId,
        UUID openedBy,
        @Schema(example = "Unir casos de dengue con población por distrito") String topic,
        @Schema(example = "¿Qué ubigeo usa el dataset del MINSA?") String text,
        @Schema(
                        example = "OPEN",
                        allowableValues = {"OPEN", "CLAIMED", "RESOLVED"})
                String status,
        @Schema(nullable = true) UUID claimedBy,
        @Schema(nullable = true) Instant claimedAt,
        @Schema(nullable = true) Instant resolvedAt,
        Instant createdAt) {

    /** Body to open a help request. */
    @Schema(name = "OpenHelpRequest")
    record Open(
            @NotNull UUID teamId,
            @NotNull UUID challengeId,
            @NotBlank @Size(max = 120) @Schema(example = "Unir casos de dengue con población")
                    String topic,
            @NotBlank @Size(max = 4000) @Schema(example = "¿Qué ubigeo usa el dataset del MINSA?")
                    String text) {}

    /** The queue as organizers see it. */
    @Schema(name = "HelpQueueStats")
    record Stats(
            long open,
            long claimed,
            long resolved,
            @Schema(nullable = true, description = "Age of the oldest open request, in seconds")
                    Long oldestOpenSeconds,
            @Schema(nullable = true, description = "Median wait from opening to claim, in seconds")
                    Long medianWaitSeconds,
            List<MentorLoad> mentors) {}

    @Schema(name = "MentorLoad")
    record MentorLoad(
            UUID mentorId, @Schema(nullable = true) String name, long inProgress, long resolved) {}
}
