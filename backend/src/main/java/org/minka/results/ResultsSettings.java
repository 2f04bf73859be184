package org.minka.results;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** How to build the results draft; a field left out keeps the last build's (or the default). */
@Schema(name = "ResultsBuildRequest")
record ResultsSettings(
        @Min(1)
                @Max(10)
                @Schema(
                        nullable = true,
                        description = "Places awarded per challenge (default 3)",
                        example = "3")
                Integer places,
        @Schema(
                        nullable = true,
                        description = "Award an overall winner: the best-scored first place",
                        example = "true")
                Boolean overallWinner,
        @Pattern(regexp = "^[A-Za-z0-9.+-]{1,40}$")
                @Schema(
                        nullable = true,
                        description = "SPDX id of the results' licence (default CC-BY-4.0)",
                        example = "CC-BY-4.0")
                String licence,
        @Pattern(regexp = "^(es|en)$")
                @Schema(
                        nullable = true,
                        description =
                                "Certificates' language when the recipient's is unknown (default"
                                        + " es)",
                        example = "es")
                String language) {

    static final ResultsSettings KEEP = new ResultsSettings(null, null, null, null);
}
