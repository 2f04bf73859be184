package org.minka.results;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the results endpoints take and answer. */
final class ResultsViews {

    private ResultsViews() {}

    /** Where the results stand. */
    enum Status {
        DRAFT,
        SCHEDULED,
        PUBLISHED
    }

    @Schema(name = "ResultsText", description = "A text in Spanish and English")
    record Text(
            @Schema(example = "Mejor uso de datos regionales") String es,
            @Schema(example = "Best use of regional data") String en) {}

    @Schema(name = "ResultsTeam")
    record TeamView(
            UUID id,
            @Schema(example = "Datos con Propósito") String name,
            @Schema(description = "Members' display names (never emails)", example = "[\"Ana\"]")
                    List<String> members) {}

    @Schema(name = "ResultsPublisher")
    record PublisherView(UUID id, @Schema(example = "Ministerio de Salud") String name) {}

    @Schema(name = "ResultsDataset")
    record DatasetView(
            @Schema(example = "https://www.datosabiertos.gob.pe/dataset/vacunacion") String url,
            @Schema(example = "Vacunación contra COVID-19", nullable = true) String title,
            @Schema(nullable = true, description = "The catalog's dataset, when linked")
                    UUID datasetId,
            @Schema(nullable = true) PublisherView publisher) {}

    @Schema(name = "ResultsRanked", description = "A counted submission's place")
    record Ranked(
            UUID submissionId,
            TeamView team,
            @Schema(
                            nullable = true,
                            description = "Null when unranked or disqualified",
                            example = "1")
                    Integer place,
            boolean tied,
            @Schema(nullable = true, description = "Judging's score", example = "0.93")
                    Double score,
            @Schema(description = "Valid People's Choice votes", example = "12") long votes,
            @Schema(example = "RUBRIC") String source,
            @Schema(nullable = true, description = "Why it was disqualified (drafts only)")
                    String disqualified,
            List<DatasetView> datasets,
            @Schema(
                            nullable = true,
                            description =
                                    "The team's public gallery entry, when the gallery is open",
                            example =
                                    "/api/v1/events/0e7c1a52-3f6b-4bd4-9a43-8f0f1d2c3b4a/gallery/teams/5b0f7d3e-2c4a-4f8e-9a1b-6c7d8e9f0a1b")
                    String galleryUrl) {}

    @Schema(name = "ResultsChallenge")
    record ChallengeView(
            UUID challengeId, @Schema(example = "Vacunación") String title, List<Ranked> ranking) {}

    @Schema(name = "ResultsAward")
    record AwardView(
            UUID id,
            @Schema(example = "PLACE") AwardKind kind,
            @Schema(nullable = true) UUID challengeId,
            @Schema(nullable = true, example = "Vacunación") String challengeTitle,
            @Schema(nullable = true, example = "1") Integer place,
            @Schema(nullable = true) UUID submissionId,
            @Schema(nullable = true) TeamView team,
            @Schema(nullable = true) PublisherView publisher,
            @Schema(nullable = true) DatasetView dataset,
            @Schema(nullable = true, description = "Distinctions only") Text title,
            @Schema(nullable = true, description = "Distinctions only") Text reason,
            @Schema(
                            nullable = true,
                            description = "DATASET: how many submissions used it",
                            example = "4")
                    Integer uses,
            @Schema(nullable = true) String galleryUrl) {}

    @Schema(name = "ResultsDisqualification")
    record DisqualificationView(
            UUID submissionId,
            @Schema(example = "Usó datos no publicados") String reason,
            Instant at) {}

    @Schema(name = "ResultsDraft", description = "The embargoed draft, for organizers")
    record Draft(
            UUID eventId,
            @Schema(example = "DRAFT") Status status,
            @Schema(nullable = true, description = "When the results are (or go) public")
                    Instant publishAt,
            @Schema(example = "3") int places,
            boolean overallWinner,
            @Schema(example = "CC-BY-4.0") String licence,
            @Schema(example = "es") String language,
            Instant builtAt,
            @Schema(example = "4") long version,
            List<ChallengeView> challenges,
            List<AwardView> awards,
            List<DisqualificationView> disqualifications) {}

    @Schema(name = "ResultsPage", description = "An event's published results")
    record Page(
            UUID eventId,
            Instant publishedAt,
            @Schema(example = "CC-BY-4.0") String licence,
            List<AwardView> awards,
            @Schema(description = "Ranked submissions per challenge")
                    List<ChallengeView> challenges) {}

    @Schema(name = "ResultsDisqualifyRequest")
    record DisqualifyRequest(
            @NotNull UUID submissionId,
            @NotBlank @Size(max = 1000) @Schema(example = "Usó datos que no son abiertos")
                    String reason) {}

    @Schema(name = "ResultsPublishRequest")
    record PublishRequest(
            @Schema(
                            nullable = true,
                            description =
                                    "When to publish; now when left out. Must be later than now.",
                            example = "2026-12-20T15:00:00Z")
                    Instant at) {}

    @Schema(name = "ResultsUnpublishRequest")
    record UnpublishRequest(
            @NotBlank @Size(max = 1000) @Schema(example = "Error en un puntaje") String reason) {}

    @Schema(name = "ResultsDistinctionRequest")
    record DistinctionRequest(
            @Schema(nullable = true, description = "The team awarded (or publisherId)") UUID teamId,
            @Schema(nullable = true, description = "The publisher awarded (or teamId)")
                    UUID publisherId,
            @NotNull @jakarta.validation.Valid TextRequest title,
            @NotNull @jakarta.validation.Valid ReasonRequest reason) {}

    @Schema(name = "ResultsTitleRequest")
    record TextRequest(
            @NotBlank @Size(max = 200) @Schema(example = "Mejor uso de datos regionales") String es,
            @NotBlank @Size(max = 200) @Schema(example = "Best use of regional data") String en) {}

    @Schema(name = "ResultsReasonRequest")
    record ReasonRequest(
            @NotBlank
                    @Size(max = 2000)
                    @Schema(example = "Cruzó datos de tres gobiernos regionales.")
                    String es,
            @NotBlank
                    @Size(max = 2000)
                    @Schema(example = "It joined data from three regional governments.")
                    String en) {}

    /** One row of the open data (CSV and JSON distributions). */
    @Schema(name = "ResultsRow")
    record Row(
            UUID challengeId,
            @Schema(example = "Vacunación") String challenge,
            @Schema(example = "1") int place,
            @Schema(example = "Datos con Propósito") String team,
            @Schema(nullable = true, example = "0.93") Double score,
            @Schema(example = "12") long peoplesChoiceVotes,
            @Schema(description = "URLs of the datasets used") List<String> datasets) {}

    /** The JSON distribution of the open data: the same rows as the CSV. */
    @Schema(name = "ResultsRows")
    record RowsDocument(
            UUID eventId,
            Instant publishedAt,
            @Schema(example = "CC-BY-4.0") String licence,
            List<Row> rows) {}
}
