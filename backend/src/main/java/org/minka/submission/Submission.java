package org.minka.submission;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A team's work for one challenge: the editable draft, its artifacts and submitted versions. */
@Schema(name = "Submission")
public record Submission(
        UUID id,
        UUID eventId,
        UUID teamId,
        UUID challengeId,
        @Schema(example = "Brechas de vacunación por distrito") String title,
        @Schema(description = "Markdown", example = "Cruzamos la vacunación con el padrón.")
                String summary,
        Links links,
        List<DatasetUse> datasets,
        @Schema(example = "CC-BY-4.0") String licence,
        @Schema(description = "Number of the latest submitted version; 0 when never submitted")
                int latestVersion,
        List<Artifact> artifacts,
        @Schema(description = "Submitted versions, newest first") List<VersionSummary> versions,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Row version; send it back in If-Match as \"<version>\"")
                long version) {

    /** Where the work lives besides Minka. */
    @Schema(name = "SubmissionLinks")
    public record Links(
            @Pattern(regexp = "^https?://\\S{1,2000}$", message = "{minka.url}")
                    @Schema(example = "https://github.com/equipo/vacunas", nullable = true)
                    String repository,
            @Pattern(regexp = "^https?://\\S{1,2000}$", message = "{minka.url}")
                    @Schema(example = "https://youtu.be/abc123", nullable = true)
                    String video,
            @Pattern(regexp = "^https?://\\S{1,2000}$", message = "{minka.url}")
                    @Schema(example = "https://vacunas.example.pe", nullable = true)
                    String demo) {

        static final Links NONE = new Links(null, null, null);
    }

    /** A dataset the work used: one of the challenge's (by its landing URL) or any other. */
    @Schema(name = "DatasetUse")
    public record DatasetUse(
            @NotBlank
                    @Pattern(regexp = "^https?://\\S{1,2000}$", message = "{minka.url}")
                    @Schema(
                            example =
                                    "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa")
                    String url,
            @Size(max = 200) @Schema(example = "Vacunación contra COVID-19", nullable = true)
                    String title) {}

    /** Creates the submission of a team for a challenge it entered. */
    @Schema(name = "SubmissionCreate")
    record Create(
            @NotNull UUID teamId,
            @NotNull UUID challengeId,
            @NotBlank @Size(max = 200) String title,
            @Size(max = 20000) String summary,
            @Valid Links links,
            @NotEmpty @Size(max = 30) List<@Valid @NotNull DatasetUse> datasets,
            @NotBlank
                    @Schema(
                            example = "CC-BY-4.0",
                            allowableValues = {
                                "CC-BY-4.0",
                                "CC-BY-SA-4.0",
                                "CC0-1.0",
                                "ODbL-1.0",
                                "MIT",
                                "Apache-2.0",
                                "GPL-3.0-only"
                            })
                    String licence) {}

    /** Changes the draft; absent fields stay as they are. */
    @Schema(name = "SubmissionUpdate")
    record Update(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*") String title,
            @Size(max = 20000) String summary,
            @Valid Links links,
            @Size(min = 1, max = 30) List<@Valid @NotNull DatasetUse> datasets,
            @Schema(example = "MIT") String licence) {}

    /** A frozen version, as listed on the submission. */
    @Schema(name = "SubmissionVersionSummary")
    public record VersionSummary(@Schema(example = "2") int number, Instant submittedAt) {}

    /** A frozen version with its content; immutable. */
    @Schema(name = "SubmissionVersion")
    public record Version(
            UUID submissionId,
            @Schema(example = "2") int number,
            String title,
            String summary,
            Links links,
            List<DatasetUse> datasets,
            String licence,
            List<Artifact> artifacts,
            UUID submittedBy,
            Instant submittedAt,
            @Schema(description = "Whether this is the version that counts (the latest)")
                    boolean counts) {}

    /** A submission in a list: enough to pick one and open it. */
    @Schema(name = "SubmissionListItem")
    public record Listed(
            UUID id,
            UUID teamId,
            UUID challengeId,
            @Schema(example = "Brechas de vacunación por distrito") String title,
            @Schema(description = "Latest submitted version; 0 when never submitted", example = "1")
                    int latestVersion,
            Instant createdAt,
            Instant updatedAt) {}

    /** A submission as the public gallery shows it: its latest submitted version. */
    @Schema(name = "GallerySubmission")
    public record GalleryEntry(
            UUID submissionId,
            UUID teamId,
            UUID challengeId,
            @Schema(
                            description =
                                    "Number of the version shown: the latest submitted, the one that"
                                            + " counts",
                            example = "2")
                    int number,
            @Schema(example = "Brechas de vacunación por distrito") String title,
            @Schema(description = "Markdown", example = "Cruzamos la vacunación con el padrón.")
                    String summary,
            Links links,
            List<DatasetUse> datasets,
            @Schema(example = "CC-BY-4.0") String licence,
            List<Artifact> artifacts,
            Instant submittedAt) {}

    /** A stored file. */
    @Schema(name = "Artifact")
    public record Artifact(
            UUID id,
            @Schema(example = "NOTEBOOK") ArtifactKind kind,
            @Schema(description = "The original name, sanitised", example = "analisis.ipynb")
                    String filename,
            @Schema(example = "application/x-ipynb+json") String contentType,
            @Schema(example = "48213") long sizeBytes,
            @Schema(
                            description = "SHA-256 of the bytes, hex",
                            example =
                                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                    String sha256,
            @Schema(nullable = true) NotebookFacts notebook,
            boolean hasPreview,
            Instant createdAt) {}

    /** Asks for a presigned upload slot. */
    @Schema(name = "UploadSlotRequest")
    record SlotRequest(
            @NotBlank @Size(max = 255) @Schema(example = "extracto.csv") String filename,
            @NotNull @jakarta.validation.constraints.Positive @Schema(example = "52428800")
                    Long sizeBytes,
            @NotNull @Schema(example = "DATA") ArtifactKind kind,
            @NotBlank
                    @Pattern(regexp = "^[0-9a-fA-F]{64}$")
                    @Schema(
                            example =
                                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                    String sha256) {}

    /** Where and until when to PUT the bytes; then call finalize. */
    @Schema(name = "UploadSlot")
    public record Slot(
            UUID id,
            @Schema(
                            description =
                                    "Presigned URL: PUT the exact bytes here, no other headers needed")
                    String uploadUrl,
            @Schema(example = "PUT") String method,
            Instant expiresAt,
            @Schema(example = "/api/v1/submissions/{id}/upload-slots/{slotId}/finalize")
                    String finalizeUrl) {}

    /** A short-lived link to the bytes. */
    @Schema(name = "ArtifactDownload")
    public record Download(String url, Instant expiresAt) {}
}
