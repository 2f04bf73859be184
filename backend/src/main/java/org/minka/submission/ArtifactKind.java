package org.minka.submission;

import java.util.List;

/** What an artifact is, and the file extensions each kind accepts. */
public enum ArtifactKind {
    NOTEBOOK(List.of("ipynb")),
    REPORT(List.of("pdf")),
    SLIDES(List.of("pdf")),
    DATA(List.of("csv", "json", "parquet", "xlsx")),
    IMAGE(List.of("png", "jpg", "jpeg")),
    ARCHIVE(List.of("zip"));

    private final List<String> extensions;

    ArtifactKind(List<String> extensions) {
        this.extensions = extensions;
    }

    List<String> extensions() {
        return extensions;
    }
}
