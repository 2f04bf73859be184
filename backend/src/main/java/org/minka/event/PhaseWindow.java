package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** A phase window, {@code [opensAt, closesAt)}. */
@Schema(name = "PhaseWindow")
record PhaseWindow(
        @NotNull @Schema(example = "REGISTRATION") Phase phase,
        @NotNull @Schema(example = "2026-12-01T05:00:00Z") Instant opensAt,
        @NotNull @Schema(example = "2026-12-15T05:00:00Z") Instant closesAt) {

    boolean contains(Instant at) {
        return !at.isBefore(opensAt) && at.isBefore(closesAt);
    }
}
