package org.minka.submission;

import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.RequestLog;
import org.minka.security.CurrentUser;
import org.minka.storage.ObjectStore;
import org.minka.submission.ArtifactRepository.ArtifactRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Deleting an artifact of the draft (team members, while SUBMISSION is open; the grace period does
 * not apply). In one transaction, under the submission's lock: the row, unless a submitted version
 * holds it (409, and it stays), its bytes given back to the team's quota, and an audit entry. Then
 * the object and its preview; when that fails, the reaper removes objects that no row refers to, so
 * no row ever points to a missing object.
 */
@Service
class ArtifactDeletes {

    private static final Logger log = LoggerFactory.getLogger(ArtifactDeletes.class);

    private final SubmissionPolicy policy;
    private final SubmissionWindow window;
    private final SubmissionRepository submissions;
    private final ArtifactRepository artifacts;
    private final ObjectStore store;
    private final AuditLog audit;

    ArtifactDeletes(
            SubmissionPolicy policy,
            SubmissionWindow window,
            SubmissionRepository submissions,
            ArtifactRepository artifacts,
            ObjectStore store,
            AuditLog audit) {
        this.policy = policy;
        this.window = window;
        this.submissions = submissions;
        this.artifacts = artifacts;
        this.store = store;
        this.audit = audit;
    }

    /** Deletes the artifact's row, then its objects (see the class). */
    Mono<Void> delete(UUID submissionId, UUID artifactId, CurrentUser user) {
        return policy.editable(submissionId, user)
                .flatMap(ctx -> deleteInWindow(ctx.row(), artifactId, user))
                .flatMap(a -> removeObjects(a.objectKey(), a.previewKey()));
    }

    private Mono<ArtifactRow> deleteInWindow(
            SubmissionRepository.Row row, UUID artifactId, CurrentUser user) {
        return window.whileEditable(row.eventId(), deleteRow(row, artifactId, user));
    }

    /** Under the submission's lock: the row unless a version holds it, the quota, the audit. */
    private Mono<ArtifactRow> deleteRow(
            SubmissionRepository.Row row, UUID artifactId, CurrentUser user) {
        return submissions
                .lock(row.id())
                .then(artifacts.artifact(row.id(), artifactId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("artifact")))
                .flatMap(a -> deleteDraft(row, a, user));
    }

    private Mono<ArtifactRow> deleteDraft(
            SubmissionRepository.Row row, ArtifactRow a, CurrentUser user) {
        return Checks.require(
                        artifacts.deleteDraftArtifact(row.id(), a.view().id()),
                        () -> new MinkaException(ProblemType.ARTIFACT_FROZEN))
                .then(deleted(row, a, user));
    }

    private Mono<ArtifactRow> deleted(
            SubmissionRepository.Row row, ArtifactRow a, CurrentUser user) {
        Map<String, Object> details =
                Map.of(
                        "submissionId", row.id(),
                        "artifactId", a.view().id(),
                        "kind", a.view().kind().name(),
                        "sizeBytes", a.view().sizeBytes(),
                        "sha256", a.view().sha256());
        return artifacts
                .release(row.teamId(), a.view().sizeBytes())
                .then(
                        audit.record(
                                row.eventId(), user.id(), "submission.artifact-deleted", details))
                .thenReturn(a);
    }

    /** Best effort, after the row is gone: what is left, the reaper's sweep removes. */
    private Mono<Void> removeObjects(String key, String previewKey) {
        Mono<Void> preview = previewKey == null ? Mono.empty() : store.delete(previewKey);
        return store.delete(key).then(preview).onErrorResume(ex -> leftForReaper(key, ex));
    }

    private static Mono<Void> leftForReaper(String key, Throwable ex) {
        return RequestLog.warn(log, "Deleting {} left for the reaper: {}", key, ex.toString());
    }
}
