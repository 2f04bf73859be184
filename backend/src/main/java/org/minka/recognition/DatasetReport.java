package org.minka.recognition;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A problem reported on a dataset that a challenge uses, with the publisher's answers. The public
 * sees triaged reports only, without the reporter or the people who answered.
 */
@Schema(name = "DatasetReport")
public record DatasetReport(
        UUID id,
        UUID datasetId,
        @Schema(example = "Ejecución presupuestal 2025") String datasetTitle,
        UUID publisherId,
        @Schema(
                        allowableValues = {
                            "BROKEN_LINK",
                            "MISSING_VALUES",
                            "WRONG_LICENCE",
                            "STALE_DATA",
                            "MISSING_DOCUMENTATION"
                        })
                String kind,
        @Schema(example = "The CSV of 2025 has no values for the last quarter") String text,
        @Schema(nullable = true) Evidence evidence,
        @Schema(allowableValues = {"OPEN", "FIXED", "ACKNOWLEDGED", "DECLINED"}) String status,
        Instant createdAt,
        @Schema(nullable = true) Instant firstAnsweredAt,
        @Schema(nullable = true) Instant triagedAt,
        @Schema(
                        nullable = true,
                        description =
                                "Who reported it: shown to the reporter, the publisher's members"
                                        + " and admins only")
                String reporterName,
        List<Answer> answers,
        long version) {

    /** Evidence: a resource URL, or a cell of a submitted notebook, or both. */
    @Schema(name = "DatasetReportEvidence")
    public record Evidence(
            @Size(max = 2000)
                    @Pattern(regexp = "https?://\\S+")
                    @Schema(nullable = true, example = "https://datos.example.gob.pe/r/123.csv")
                    String resourceUrl,
            @Schema(nullable = true, description = "The submission whose notebook shows it")
                    UUID submissionId,
            @Schema(nullable = true, description = "The notebook artifact of that submission")
                    UUID artifactId,
            @Min(0) @Schema(nullable = true, example = "7", description = "The cell's index")
                    Integer cell) {}

    /** An answer of the publisher, and the status it set. */
    @Schema(name = "DatasetReportAnswer")
    public record Answer(
            @Schema(allowableValues = {"FIXED", "ACKNOWLEDGED", "DECLINED"}) String status,
            @Schema(example = "Fixed: the last quarter was published on the portal") String text,
            Instant at,
            @Schema(
                            nullable = true,
                            description = "Who answered: for the publisher's members and admins")
                    String authorName) {}

    /** Report a problem. */
    @Schema(name = "CreateDatasetReportRequest")
    record Create(
            @NotNull
                    @Pattern(
                            regexp =
                                    "BROKEN_LINK|MISSING_VALUES|WRONG_LICENCE|STALE_DATA"
                                            + "|MISSING_DOCUMENTATION")
                    @Schema(
                            allowableValues = {
                                "BROKEN_LINK",
                                "MISSING_VALUES",
                                "WRONG_LICENCE",
                                "STALE_DATA",
                                "MISSING_DOCUMENTATION"
                            })
                    String kind,
            @NotBlank
                    @Size(max = 4000)
                    @Schema(example = "The CSV of 2025 has no values for the last quarter")
                    String text,
            @Valid @Schema(nullable = true) Evidence evidence) {}

    /** Answer a report and set its status. */
    @Schema(name = "AnswerDatasetReportRequest")
    record AnswerRequest(
            @NotNull
                    @Pattern(regexp = "FIXED|ACKNOWLEDGED|DECLINED")
                    @Schema(allowableValues = {"FIXED", "ACKNOWLEDGED", "DECLINED"})
                    String status,
            @NotBlank
                    @Size(max = 4000)
                    @Schema(example = "Fixed: the last quarter was published on the portal")
                    String text) {}
}
