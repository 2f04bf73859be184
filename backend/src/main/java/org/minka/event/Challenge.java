package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A data challenge of an event, built on at least one official dataset. */
@Schema(name = "Challenge")
public record Challenge(
        UUID id,
        UUID eventId,
        @Schema(example = "Vacunación y acceso a la salud") String title,
        @Schema(description = "Markdown") String statement,
        @Schema(example = "[\"salud\",\"covid-19\"]") List<String> themes,
        @Schema(nullable = true, example = "Ministerio de Salud (MINSA)") String proposingEntity,
        List<DatasetRef> datasets,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    /** A dataset the challenge is built on, named by its portal landing page. */
    @Schema(name = "DatasetRef")
    public record DatasetRef(
            @NotBlank
                    @Size(max = 300)
                    @Schema(example = "Vacunación contra COVID-19 [Ministerio de Salud - MINSA]")
                    String title,
            @NotBlank
                    @Size(max = 2000)
                    @Pattern(regexp = "^https?://\\S+$", message = "{minka.url}")
                    @Schema(
                            example =
                                    "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa")
                    String landingUrl,
            @Size(max = 200)
                    @Schema(
                            nullable = true,
                            description = "Id or slug of the dataset on its portal")
                    String portalId,
            @Schema(
                            nullable = true,
                            accessMode = Schema.AccessMode.READ_ONLY,
                            description =
                                    "The catalog dataset this entry is linked to; set by Minka when a"
                                            + " linked dataset has this landing page or portal id, kept"
                                            + " across edits, ignored in requests")
                    UUID datasetId) {

        /** The same entry without a catalog link (what a request may set). */
        DatasetRef unlinked() {
            return new DatasetRef(title, landingUrl, portalId, null);
        }
    }

    /** Body to create a challenge. */
    @Schema(name = "CreateChallengeRequest")
    record Create(
            @NotBlank @Size(max = 200) @Schema(example = "Vacunación y acceso a la salud")
                    String title,
            @Size(max = 50000) @Schema(description = "Markdown") String statement,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> themes,
            @Size(max = 300) @Schema(example = "Ministerio de Salud (MINSA)")
                    String proposingEntity,
            @NotEmpty @Size(max = 20) List<@Valid DatasetRef> datasets) {}

    /** Body to change a challenge; only the fields present are changed. */
    @Schema(name = "UpdateChallengeRequest")
    record Update(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*") String title,
            @Size(max = 50000) String statement,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> themes,
            @Size(max = 300) String proposingEntity,
            @Size(min = 1, max = 20) List<@Valid DatasetRef> datasets) {}
}
