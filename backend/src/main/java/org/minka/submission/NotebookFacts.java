package org.minka.submission;

import io.swagger.v3.oas.annotations.media.Schema;

/** What Minka extracts from a valid notebook. */
@Schema(name = "NotebookFacts")
public record NotebookFacts(
        @Schema(example = "4") int nbformat,
        @Schema(example = "5") int nbformatMinor,
        @Schema(example = "python", nullable = true) String language,
        @Schema(example = "python3", nullable = true) String kernel,
        @Schema(example = "12") int codeCells,
        @Schema(example = "6") int markdownCells,
        boolean hasOutputs,
        @Schema(example = "3") int imageOutputs) {}
