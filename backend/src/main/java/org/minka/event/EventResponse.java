package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event as clients see it, with the phase in force computed from the clock. */
@Schema(name = "Event")
record EventResponse(
        UUID id,
        @Schema(example = "datathon-peru-2026") String slug,
        @Schema(example = "Datatón Perú 2026") String title,
        @Schema(description = "Markdown") String description,
        @Schema(example = "America/Lima") String timezone,
        EventSettings settings,
        List<PhaseWindow> phases,
        @Schema(
                        description = "The phase in force now (computed, never stored)",
                        example = "REGISTRATION")
                EventStage currentPhase,
        @Schema(description = "Windows open now; VOTING may be open together with JUDGING")
                List<Phase> openPhases,
        boolean published,
        Visibility visibility,
        @Schema(nullable = true) Instant publishedAt,
        @Schema(description = "Optimistic-locking version, also in the ETag") long version,
        Instant createdAt,
        Instant updatedAt) {}
