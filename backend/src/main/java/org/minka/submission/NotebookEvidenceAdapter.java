package org.minka.submission;

import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.recognition.NotebookEvidencePort;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers recognition's question about feedback evidence: the submission must be one the reporter
 * may read (as its pages would answer), the artifact a notebook held by a submitted version, and
 * the cell index below its count of code and markdown cells.
 */
@Component
class NotebookEvidenceAdapter implements NotebookEvidencePort {

    private final SubmissionPolicy policy;
    private final ArtifactRepository artifacts;

    NotebookEvidenceAdapter(SubmissionPolicy policy, ArtifactRepository artifacts) {
        this.policy = policy;
        this.artifacts = artifacts;
    }

    @Override
    public Mono<Verdict> cell(UUID submissionId, UUID artifactId, int cell, CurrentUser reporter) {
        return readable(submissionId, reporter)
                .flatMap(
                        readable -> readable ? inNotebook(submissionId, artifactId, cell) : none());
    }

    private Mono<Boolean> readable(UUID submissionId, CurrentUser reporter) {
        return policy.readable(submissionId, reporter)
                .thenReturn(true)
                .onErrorResume(MinkaException.class, ex -> Mono.just(false));
    }

    private static Mono<Verdict> none() {
        return Mono.just(Verdict.NO_SUBMISSION);
    }

    private Mono<Verdict> inNotebook(UUID submissionId, UUID artifactId, int cell) {
        return notebook(submissionId, artifactId)
                .map(facts -> withinRange(facts, cell))
                .defaultIfEmpty(Verdict.NO_NOTEBOOK);
    }

    private Mono<NotebookFacts> notebook(UUID submissionId, UUID artifactId) {
        Mono<ArtifactRepository.ArtifactRow> named =
                artifactId == null
                        ? newestSubmittedNotebook(submissionId)
                        : submittedNotebook(submissionId, artifactId);
        return named.mapNotNull(a -> a.view().notebook());
    }

    private Mono<ArtifactRepository.ArtifactRow> submittedNotebook(
            UUID submissionId, UUID artifactId) {
        return artifacts
                .artifact(submissionId, artifactId)
                .filter(NotebookEvidenceAdapter::isNotebook)
                .filterWhen(a -> artifacts.isInSomeVersion(submissionId, a.view().id()));
    }

    private Mono<ArtifactRepository.ArtifactRow> newestSubmittedNotebook(UUID submissionId) {
        return artifacts
                .artifacts(submissionId)
                .filter(NotebookEvidenceAdapter::isNotebook)
                .filterWhen(a -> artifacts.isInSomeVersion(submissionId, a.view().id()))
                .reduce((older, newer) -> newer);
    }

    private static boolean isNotebook(ArtifactRepository.ArtifactRow a) {
        return a.view().kind() == ArtifactKind.NOTEBOOK && a.view().notebook() != null;
    }

    private static Verdict withinRange(NotebookFacts facts, int cell) {
        int cells = facts.codeCells() + facts.markdownCells();
        return cell >= 0 && cell < cells ? Verdict.CELL : Verdict.NO_CELL;
    }
}
