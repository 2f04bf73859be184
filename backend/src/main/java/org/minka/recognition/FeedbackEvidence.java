package org.minka.recognition;

import java.util.List;
import java.util.UUID;
import org.minka.catalog.CatalogLookup;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a report's evidence before anything is stored: a resource URL must be an access or
 * download URL of the reported dataset's resources; a notebook cell must be a cell of a notebook in
 * a submitted version that the reporter may read. Anything else is a 422 {@code invalid-evidence}
 * naming the field.
 */
@Component
class FeedbackEvidence {

    private final CatalogLookup catalog;
    private final NotebookEvidencePort notebooks;

    FeedbackEvidence(CatalogLookup catalog, NotebookEvidencePort notebooks) {
        this.catalog = catalog;
        this.notebooks = notebooks;
    }

    /** Completes when the evidence (if any) holds for the dataset and the reporter. */
    Mono<Void> check(UUID datasetId, DatasetReport.Evidence evidence, CurrentUser reporter) {
        if (evidence == null) {
            return Mono.empty();
        }
        return resource(datasetId, evidence.resourceUrl()).then(cell(evidence, reporter));
    }

    private Mono<Void> resource(UUID datasetId, String url) {
        if (url == null) {
            return Mono.empty();
        }
        return Checks.require(catalog.isResourceOf(datasetId, url), () -> invalid("resourceUrl"));
    }

    private Mono<Void> cell(DatasetReport.Evidence e, CurrentUser reporter) {
        if (e.submissionId() == null) {
            return Mono.empty();
        }
        return notebooks
                .cell(e.submissionId(), e.artifactId(), e.cell(), reporter)
                .flatMap(FeedbackEvidence::verdict);
    }

    private static Mono<Void> verdict(NotebookEvidencePort.Verdict verdict) {
        return switch (verdict) {
            case CELL -> Mono.empty();
            case NO_SUBMISSION -> Mono.error(invalid("submissionId"));
            case NO_NOTEBOOK -> Mono.error(invalid("artifactId"));
            case NO_CELL -> Mono.error(invalid("cell"));
        };
    }

    static MinkaException invalid(String field) {
        String name = "evidence." + field;
        return new MinkaException(
                ProblemType.INVALID_EVIDENCE,
                "problem.invalid-evidence.detail",
                List.of(new Problem.FieldViolation(name, reason(field))),
                name);
    }

    private static String reason(String field) {
        return switch (field) {
            case "resourceUrl" -> "is not a resource URL of the dataset";
            case "submissionId" -> "names no submission you may read";
            case "artifactId" -> "names no notebook of a submitted version";
            default -> "is not a cell index of the notebook";
        };
    }
}
