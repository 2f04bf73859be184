package org.minka.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.minka.catalog.portal.DatasetSnapshot;
import org.minka.catalog.quality.QualityReport;

/** A dataset linked from a portal: its latest good snapshot, its score and its use. */
@Schema(name = "Dataset")
public record Dataset(
        UUID id,
        UUID portalId,
        String portalDatasetId,
        @Schema(nullable = true) UUID publisherId,
        DatasetSnapshot snapshot,
        QualityReport quality,
        Usage usage,
        Instant linkedAt,
        @Schema(description = "When the snapshot shown was read from the portal") Instant fetchedAt,
        @Schema(
                        nullable = true,
                        description =
                                "The last refresh failure; the snapshot shown is the last good one")
                String lastError,
        @Schema(nullable = true) Instant lastErrorAt) {

    /**
     * What uses the dataset: counts, and the submissions that declared it once their event's
     * gallery is public.
     */
    @Schema(name = "DatasetUsage")
    public record Usage(
            @Schema(
                            description = "Challenges of PUBLIC events that name this dataset",
                            example = "2")
                    long challenges,
            @Schema(
                            description =
                                    "Submissions of PUBLIC events whose latest submitted version"
                                            + " declares this dataset; drafts never submitted do"
                                            + " not count",
                            example = "5")
                    long submissions,
            @Schema(
                            description =
                                    "Of those, the ones in a public gallery (event published and"
                                            + " PUBLIC, gallery public, SUBMISSION closed), oldest"
                                            + " first, at most 50")
                    List<PublicSubmission> publicSubmissions) {}

    /** A submission that declared the dataset, as its event's public gallery shows it. */
    @Schema(name = "DatasetPublicSubmission")
    public record PublicSubmission(
            UUID id,
            UUID eventId,
            @Schema(
                            description = "Title of the latest submitted version",
                            example = "Brechas de vacunación por distrito")
                    String title,
            @Schema(example = "Los Datólogos") String teamName) {}

    /** One row of the catalog listing. */
    @Schema(name = "DatasetSummary")
    public record Summary(
            UUID id,
            UUID portalId,
            String portalDatasetId,
            String title,
            @Schema(nullable = true) UUID publisherId,
            @Schema(nullable = true) String publisherName,
            @Schema(nullable = true, example = "cc-by") String licenseId,
            List<String> themes,
            @Schema(example = "[\"CSV\"]") List<String> formats,
            @Schema(example = "300") int score,
            QualityReport.Rating rating,
            int stars,
            Instant linkedAt,
            Instant fetchedAt) {}

    /**
     * Body to link a dataset: its portal URL, or a registered portal and the dataset's id or slug.
     */
    @Schema(name = "LinkDatasetRequest")
    record Link(
            @Size(max = 1000)
                    @Schema(
                            nullable = true,
                            example =
                                    "https://www.datosabiertos.gob.pe/dataset/vacunacion-contra-covid-19")
                    String url,
            @Schema(nullable = true) UUID portalId,
            @Size(max = 500) @Schema(nullable = true, example = "vacunacion-contra-covid-19")
                    String datasetId,
            @Schema(
                            nullable = true,
                            description =
                                    "The publisher the dataset belongs to; required for publisher members")
                    UUID publisherId) {}

    /** One stored snapshot and what changed since the one before. */
    @Schema(name = "DatasetSnapshotEntry")
    public record HistoryEntry(
            long id,
            Instant fetchedAt,
            int score,
            List<Change> changes,
            DatasetSnapshot snapshot) {}

    /** One change between snapshots. */
    @Schema(name = "DatasetChange")
    public record Change(
            @Schema(example = "FIELD_CHANGED") String kind,
            @Schema(example = "title") String field,
            @Schema(nullable = true) String before,
            @Schema(nullable = true) String after) {}
}
