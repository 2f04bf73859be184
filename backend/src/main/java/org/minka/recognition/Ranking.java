package org.minka.recognition;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.minka.catalog.Publisher;

/** A ranking of a campaign: one computation, kept as a snapshot, with its progress. */
@Schema(name = "RecognitionRanking")
record Ranking(
        UUID id,
        UUID campaignId,
        Reason reason,
        Status status,
        @Schema(
                        description =
                                "The moment the scores describe: when it ran, or the close for"
                                        + " the final ranking")
                Instant asOf,
        @Schema(description = "The ranking on the close date; never replaced") boolean closing,
        @Schema(description = "Entities to score") int total,
        @Schema(description = "Entities scored so far") int done,
        @Schema(nullable = true) Integer entities,
        @Schema(
                        nullable = true,
                        description = "Entities with a dataset issued or updated in the window")
                Integer participants,
        @Schema(nullable = true) Integer newDatasets,
        @Schema(nullable = true) Integer datasets,
        @Schema(nullable = true, description = "Mean MQA points (of 405) of the datasets in scope")
                Double meanQuality,
        Instant createdAt,
        @Schema(nullable = true) Instant startedAt,
        @Schema(nullable = true) Instant finishedAt) {

    /** Why the ranking was computed. */
    enum Reason {
        ON_DEMAND,
        CATALOG_REFRESH,
        CLOSE
    }

    /** QUEUED, then RUNNING with progress, then DONE (or FAILED). */
    enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }

    /** One part of an entity's score, with the datasets behind it. */
    @Schema(name = "RecognitionScorePart")
    record Part(
            ScorePart part,
            @Schema(description = "The campaign's weight for the part", example = "30") int weight,
            @Schema(
                            description =
                                    "False for an optional part with no source here (no"
                                            + " training or feedback records): its weight is left"
                                            + " out of the score")
                    boolean counted,
            @Schema(description = "The part's value, 0 to 100", example = "75.0") double value,
            @Schema(
                            description =
                                    "Its share of the score: weight x value / the sum of counted"
                                            + " weights",
                            example = "22.5")
                    double points,
            @Schema(example = "3 of 4 datasets issued in the window; the most of any entity: 4")
                    String summary,
            @Schema(description = "The datasets behind the part (none for optional parts)")
                    List<PartDataset> datasets) {}

    /** A dataset behind a part: whether it counts there, and why. */
    @Schema(name = "RecognitionPartDataset")
    record PartDataset(
            UUID datasetId,
            String title,
            boolean counts,
            @Schema(example = "MQA 300 of 405, weight 1 (updated in the window)") String detail) {}

    /** A part's value, as the leaderboard shows it. */
    @Schema(name = "RecognitionPartValue")
    record PartValue(ScorePart part, double value, double points) {}

    /** A rank in one scope; tied when another entity of the scope has the same score. */
    @Schema(name = "RecognitionRank")
    record Rank(@Schema(example = "2") int rank, boolean tied) {}

    /** One row of a leaderboard. */
    @Schema(name = "RecognitionLeaderboardEntry")
    record Entry(
            @Schema(
                            description =
                                    "Rank in the scope asked for; equal scores share a rank"
                                            + " (1, 2, 2, 4)")
                    int rank,
            @Schema(description = "True when another entity of the scope has the same score")
                    boolean tied,
            UUID publisherId,
            String name,
            @Schema(nullable = true) String region,
            Publisher.Type entityType,
            @Schema(description = "0 to 100, two decimals", example = "71.25") double score,
            List<PartValue> parts) {}

    /** A page of a leaderboard, from one ranking. */
    @Schema(name = "RecognitionLeaderboard")
    record Leaderboard(
            @Schema(nullable = true, description = "The ranking shown; null before the first one")
                    Ranking ranking,
            Scope scope,
            List<Entry> items,
            @Schema(nullable = true) String nextCursor) {}

    /** National, one region, or one entity type. */
    enum Scope {
        NATIONAL,
        REGION,
        ENTITY_TYPE
    }

    /** One entity's score in a ranking, explained part by part. */
    @Schema(name = "RecognitionEntityScore")
    record EntityScore(
            Ranking ranking,
            UUID publisherId,
            String name,
            @Schema(nullable = true) String region,
            Publisher.Type entityType,
            double score,
            Rank nationalRank,
            @Schema(nullable = true, description = "Null when the entity has no region")
                    Rank regionRank,
            Rank entityTypeRank,
            @Schema(
                            nullable = true,
                            description =
                                    "Officials (members of the publisher) who completed a course"
                                            + " in the window: a count, never names; null where"
                                            + " training records are not available")
                    Long officialsTrained,
            List<Part> parts) {}
}
