package org.minka.submission;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.security.CurrentUser;
import org.minka.storage.ObjectStore;
import org.minka.submission.ArtifactRepository.ArtifactRow;
import org.minka.submission.SubmissionPolicy.Context;
import org.minka.submission.SubmissionPolicy.Reach;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Reading artifacts: presigned downloads and notebook previews, after the same check as reading the
 * submission. Public readers see only artifacts of submitted versions.
 */
@Service
class ArtifactReads {

    /** The largest preview page served. */
    private static final int MAX_PREVIEW_BYTES = 256 * 1024 * 1024;

    private final SubmissionPolicy policy;
    private final ArtifactRepository artifacts;
    private final ObjectStore store;
    private final SubmissionProperties properties;

    ArtifactReads(
            SubmissionPolicy policy,
            ArtifactRepository artifacts,
            ObjectStore store,
            SubmissionProperties properties) {
        this.policy = policy;
        this.artifacts = artifacts;
        this.store = store;
        this.properties = properties;
    }

    /** A short-lived presigned GET, after the same check as reading the submission. */
    Mono<Submission.Download> download(UUID submissionId, UUID artifactId, CurrentUser user) {
        return readable(submissionId, artifactId, user)
                .flatMap(this::reachable)
                .flatMap(this::presignedGet);
    }

    /**
     * Signing is local, so ask the store once before handing out a link: while it is down the
     * caller gets a 503 it can retry, not a link that fails.
     */
    private Mono<ArtifactRow> reachable(ArtifactRow a) {
        return store.stat(a.objectKey()).thenReturn(a);
    }

    private Mono<Submission.Download> presignedGet(ArtifactRow a) {
        Map<String, String> response =
                Map.of(
                        "response-content-disposition",
                        FileTypes.contentDisposition(a.view().filename()),
                        "response-content-type",
                        a.view().contentType());
        Instant until = Instant.now().plus(properties.downloadValidity());
        return store.presignGet(a.objectKey(), properties.downloadValidity(), response)
                .map(url -> new Submission.Download(url, until));
    }

    /** The cached preview page of a notebook artifact. */
    Mono<byte[]> preview(UUID submissionId, UUID artifactId, CurrentUser user) {
        return readable(submissionId, artifactId, user)
                .filter(a -> a.previewKey() != null)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("preview")))
                .flatMap(a -> store.read(a.previewKey(), MAX_PREVIEW_BYTES));
    }

    private Mono<ArtifactRow> readable(UUID submissionId, UUID artifactId, CurrentUser user) {
        return policy.readable(submissionId, user)
                .flatMap(ctx -> visibleArtifact(ctx, artifactId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("artifact")));
    }

    /** Full readers see every artifact; public readers those of submitted versions. */
    private Mono<ArtifactRow> visibleArtifact(Context ctx, UUID artifactId) {
        UUID submissionId = ctx.row().id();
        return artifacts
                .artifact(submissionId, artifactId)
                .filterWhen(
                        a ->
                                ctx.reach() == Reach.FULL
                                        ? Mono.just(true)
                                        : artifacts.isInSomeVersion(submissionId, artifactId));
    }
}
