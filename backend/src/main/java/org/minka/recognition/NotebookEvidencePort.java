package org.minka.recognition;

import java.util.UUID;
import org.minka.security.CurrentUser;
import reactor.core.publisher.Mono;

/**
 * What dataset feedback asks of the module that holds submissions: does evidence name a cell of a
 * notebook in a submitted version that the reporter may read?
 */
public interface NotebookEvidencePort {

    /** What the evidence names. */
    enum Verdict {
        /** A cell of a notebook in a submitted version the reporter may read. */
        CELL,
        /** No such submission, or one the reporter may not read. */
        NO_SUBMISSION,
        /** The artifact is not a notebook of a submitted version (or none was submitted). */
        NO_NOTEBOOK,
        /** The notebook has no cell at that index. */
        NO_CELL
    }

    /**
     * Checks the cell: of the notebook {@code artifactId}, or when it is null of the newest
     * notebook in the submission's submitted versions.
     */
    Mono<Verdict> cell(UUID submissionId, UUID artifactId, int cell, CurrentUser reporter);
}
