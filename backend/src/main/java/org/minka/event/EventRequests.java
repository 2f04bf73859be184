package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Request bodies of the event endpoints. */
final class EventRequests {

    static final String SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$";

    private EventRequests() {}

    @Schema(name = "CreateEventRequest")
    record Create(
            @NotBlank
                    @Size(max = 80)
                    @Pattern(regexp = SLUG)
                    @Schema(example = "datathon-peru-2026")
                    String slug,
            @NotBlank @Size(max = 200) @Schema(example = "Datatón Perú 2026") String title,
            @Size(max = 50000)
                    @Schema(
                            description = "Markdown",
                            example = "Usa datos abiertos del Estado para resolver retos públicos.")
                    String description,
            @Size(max = 64)
                    @Schema(
                            example = "America/Lima",
                            description = "IANA timezone; defaults to America/Lima")
                    String timezone,
            @Valid EventSettings settings,
            @Schema(description = "Who may see the event once published; defaults to PUBLIC")
                    Visibility visibility,
            @NotNull @Size(min = 5, max = 5) @Schema(description = "One window per phase")
                    List<@Valid @NotNull PhaseWindow> phases) {}

    @Schema(name = "UpdateEventRequest", description = "Only the fields present are changed")
    record Update(
            @Size(max = 80) @Pattern(regexp = SLUG) @Schema(example = "datathon-peru-2026")
                    String slug,
            @Size(min = 1, max = 200)
                    @Pattern(regexp = ".*\\S.*")
                    @Schema(example = "Datatón Perú 2026")
                    String title,
            @Size(max = 50000) String description,
            @Size(max = 64) @Schema(example = "America/Lima") String timezone,
            @Valid EventSettings settings,
            @Schema(description = "Who may see the event once published") Visibility visibility) {}

    @Schema(name = "PhasesRequest")
    record Phases(@NotNull @Size(min = 5, max = 5) List<@Valid @NotNull PhaseWindow> phases) {}
}
