package org.minka.recognition;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A recognition campaign: a window, the portals and publishers in scope, and the weights. */
@Schema(name = "RecognitionCampaign")
record Campaign(
        UUID id,
        @Schema(example = "Reconocimiento a las entidades 2026") String name,
        @Schema(nullable = true) String description,
        @Schema(description = "Start of the window (inclusive)") Instant opensAt,
        @Schema(description = "End of the window (exclusive)") Instant closesAt,
        @Schema(
                        description = "The campaign's timezone (IANA), for local dates",
                        example = "America/Lima")
                String timezone,
        Weights weights,
        @Schema(description = "The portal sources in scope") List<UUID> portalIds,
        @Schema(
                        description =
                                "The publishers in scope; empty means every publisher with a"
                                        + " linked dataset on one of the portals")
                List<UUID> publisherIds,
        @Schema(
                        nullable = true,
                        description =
                                "The edition compared with; null means the latest published"
                                        + " campaign that closed before this one opened")
                UUID previousCampaignId,
        @Schema(
                        description =
                                "Entities ranked in the top N of the final ranking (nationally,"
                                        + " in their region or among their entity type; ties at N"
                                        + " included) are recognised: their officials may download"
                                        + " a recognition certificate",
                        example = "3")
                int recognisedTop,
        Status status,
        @Schema(nullable = true) Instant publishedAt,
        Instant createdAt,
        long version) {

    /** Where a campaign stands: DRAFT until published, then by its window. */
    public enum Status {
        DRAFT,
        UPCOMING,
        OPEN,
        CLOSED
    }

    /**
     * The weight of each part of the entity score, in points that sum to 100. The last two parts
     * are optional: they count only where training and dataset feedback are available.
     */
    @Schema(name = "RecognitionWeights")
    public record Weights(
            @NotNull @Min(0) @Max(100) @Schema(example = "30") Integer newDatasets,
            @NotNull @Min(0) @Max(100) @Schema(example = "30") Integer quality,
            @NotNull @Min(0) @Max(100) @Schema(example = "20") Integer freshness,
            @NotNull @Min(0) @Max(100) @Schema(example = "20") Integer use,
            @Min(0) @Max(100) @Schema(nullable = true, example = "0") Integer officialsTrained,
            @Min(0) @Max(100) @Schema(nullable = true, example = "0") Integer responsiveness) {

        /** The default weights: 30 new datasets, 30 quality, 20 freshness, 20 use. */
        static final Weights DEFAULT = new Weights(30, 30, 20, 20, 0, 0);

        /** The same weights with the optional parts at 0 when absent. */
        Weights normalised() {
            return new Weights(
                    newDatasets,
                    quality,
                    freshness,
                    use,
                    officialsTrained == null ? 0 : officialsTrained,
                    responsiveness == null ? 0 : responsiveness);
        }

        int sum() {
            Weights w = normalised();
            return w.newDatasets
                    + w.quality
                    + w.freshness
                    + w.use
                    + w.officialsTrained
                    + w.responsiveness;
        }

        /** The weight of one part. */
        int of(ScorePart part) {
            Weights w = normalised();
            return switch (part) {
                case NEW_DATASETS -> w.newDatasets;
                case QUALITY -> w.quality;
                case FRESHNESS -> w.freshness;
                case USE -> w.use;
                case OFFICIALS_TRAINED -> w.officialsTrained;
                case RESPONSIVENESS -> w.responsiveness;
            };
        }
    }

    /** Body to create a campaign (a draft until published). */
    @Schema(name = "CreateRecognitionCampaignRequest")
    record Create(
            @NotBlank
                    @Size(max = 200)
                    @Pattern(regexp = ".*\\S.*")
                    @Schema(example = "Reconocimiento a las entidades 2026")
                    String name,
            @Size(max = 5000) @Schema(nullable = true) String description,
            @NotNull @Schema(example = "2026-03-01T05:00:00Z") Instant opensAt,
            @NotNull @Schema(example = "2026-09-01T05:00:00Z") Instant closesAt,
            @Size(max = 64)
                    @Schema(
                            nullable = true,
                            description = "IANA timezone; default America/Lima",
                            example = "America/Lima")
                    String timezone,
            @NotEmpty @Size(max = 20) List<@NotNull UUID> portalIds,
            @Size(max = 1000)
                    @Schema(
                            nullable = true,
                            description =
                                    "Publishers in scope; omitted or empty: all publishers of the"
                                            + " portals")
                    List<@NotNull UUID> publisherIds,
            @Valid
                    @Schema(
                            nullable = true,
                            description =
                                    "Default: 30 new datasets, 30 quality, 20 freshness, 20"
                                            + " use")
                    Weights weights,
            @Schema(nullable = true) UUID previousCampaignId,
            @Min(1)
                    @Max(50)
                    @Schema(
                            nullable = true,
                            description =
                                    "Top N recognised (nationally, by region, by entity type);"
                                            + " default 3",
                            example = "3")
                    Integer recognisedTop) {

        /** The default top N recognised. */
        static final int DEFAULT_RECOGNISED_TOP = 3;

        int recognisedTopOrDefault() {
            return recognisedTop == null ? DEFAULT_RECOGNISED_TOP : recognisedTop;
        }
    }

    /** A figure of this campaign next to the previous edition's, and its growth. */
    @Schema(name = "RecognitionGrowth")
    public record Growth(
            @Schema(nullable = true) Double current,
            @Schema(nullable = true) Double previous,
            @Schema(
                            nullable = true,
                            description =
                                    "(current - previous) / previous x 100, one decimal; null"
                                            + " when either is missing or previous is 0",
                            example = "500.0")
                    Double growthPercent) {}

    /** This campaign against the previous edition, each from its current ranking. */
    @Schema(name = "RecognitionComparison")
    public record Comparison(
            @Schema(nullable = true) UUID previousCampaignId,
            @Schema(nullable = true) String previousName,
            @Schema(description = "Datasets first issued inside the window") Growth newDatasets,
            @Schema(description = "Mean MQA points (of 405) of the datasets in scope")
                    Growth meanQuality,
            @Schema(
                            description =
                                    "Entities taking part: with a dataset issued or updated in"
                                            + " the window")
                    Growth participants) {}

    /** A campaign with its comparison with the previous edition. */
    @Schema(name = "RecognitionCampaignView")
    public record View(Campaign campaign, Comparison comparison) {}
}
