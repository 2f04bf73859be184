package org.minka.catalog.quality;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A dataset's metadata-quality score, explained check by check. */
@Schema(name = "QualityReport")
public record QualityReport(
        @Schema(description = "MQA points", example = "300") int total,
        @Schema(example = "405") int max,
        @Schema(
                        description =
                                "Excellent 351-405, Good 221-350, Sufficient 121-220, Bad 0-120",
                        example = "GOOD")
                Rating rating,
        List<Dimension> dimensions,
        @Schema(
                        description =
                                "5-star open data level (0-4 computed; 5 needs link analysis)",
                        example = "3")
                int stars,
        String starsReason,
        Freshness freshness,
        @Schema(description = "Resource URLs whose reachability has not been checked yet")
                int urlsNotChecked,
        @Schema(
                        description =
                                "Points not counted in total until a reachability check sees"
                                        + " the URLs answer",
                        example = "0")
                int pointsPending) {

    /** The MQA rating bands. */
    public enum Rating {
        EXCELLENT,
        GOOD,
        SUFFICIENT,
        BAD;

        static Rating of(int points) {
            if (points >= 351) {
                return EXCELLENT;
            }
            if (points >= 221) {
                return GOOD;
            }
            return points >= 121 ? SUFFICIENT : BAD;
        }
    }

    /**
     * One FAIR dimension: Findability, Accessibility, Interoperability, Reusability, Contextuality.
     */
    @Schema(name = "QualityDimension")
    public record Dimension(String name, int points, int max, List<Check> checks) {}

    /** One indicator: its points, its maximum, and why. */
    @Schema(name = "QualityCheck")
    public record Check(
            @Schema(example = "keyword") String indicator,
            int points,
            int max,
            Status status,
            @Schema(example = "3 tags") String reason,
            @Schema(
                            description =
                                    "Points this check adds once a reachability check sees its"
                                            + " URLs answer (not in points yet)",
                            example = "0")
                    int pending) {

        /** A check with nothing pending. */
        public Check(String indicator, int points, int max, Status status, String reason) {
            this(indicator, points, max, status, reason, 0);
        }
    }

    /** The outcome of one check. */
    public enum Status {
        PASSED,
        PARTIAL,
        FAILED,
        @Schema(
                description =
                        "URLs are present but not checked yet; their points are pending until a"
                                + " check sees them answer")
        NOT_CHECKED
    }

    /** Whether the dataset is updated as often as it declares (Open Data Charter, "timely"). */
    @Schema(name = "Freshness")
    public record Freshness(
            FreshnessStatus status,
            @Schema(nullable = true) Long daysSinceModified,
            @Schema(nullable = true) Long periodDays,
            String reason) {}

    /** FRESH when days since modified are at most 1.5 times the declared period. */
    public enum FreshnessStatus {
        FRESH,
        STALE,
        UNKNOWN
    }
}
