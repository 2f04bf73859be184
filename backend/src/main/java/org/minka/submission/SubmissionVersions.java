package org.minka.submission;

import java.util.List;
import java.util.UUID;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionPolicy.Context;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Submitted versions: one version, and the history as a list. Both are for full readers, and for
 * everyone once the event's gallery is public.
 */
@Service
class SubmissionVersions {

    private final SubmissionRepository repository;
    private final ArtifactRepository artifacts;
    private final SubmissionPolicy policy;

    SubmissionVersions(
            SubmissionRepository repository,
            ArtifactRepository artifacts,
            SubmissionPolicy policy) {
        this.repository = repository;
        this.artifacts = artifacts;
        this.policy = policy;
    }

    /** One submitted version. */
    Mono<Submission.Version> version(UUID id, int number, CurrentUser user) {
        return policy.readable(id, user).flatMap(ctx -> of(ctx, number));
    }

    /** The submission's versions, newest first, with cursor paging. */
    Mono<CursorPage<Submission.VersionSummary>> history(
            UUID id, PageRequest page, CurrentUser user) {
        return policy.readable(id, user)
                .flatMap(ctx -> repository.versions(ctx.row().id(), page).collectList())
                .map(rows -> page(rows, page));
    }

    private static CursorPage<Submission.VersionSummary> page(
            List<Submission.VersionSummary> rows, PageRequest page) {
        return CursorPage.of(
                rows,
                page,
                Submission.VersionSummary::submittedAt,
                v -> new UUID(0L, v.number()),
                v -> v);
    }

    /** The numbered version of a submission the caller may read. */
    Mono<Submission.Version> of(Context ctx, int number) {
        return repository
                .version(ctx.row().id(), number)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("version")))
                .flatMap(this::withArtifacts);
    }

    private Mono<Submission.Version> withArtifacts(SubmissionRepository.VersionRow v) {
        return artifacts
                .artifacts(v.artifactIds())
                .map(ArtifactRepository.ArtifactRow::view)
                .collectList()
                .flatMap(list -> withLatest(v, list));
    }

    private Mono<Submission.Version> withLatest(
            SubmissionRepository.VersionRow v, List<Submission.Artifact> list) {
        return repository
                .find(v.submissionId())
                .map(latest -> view(v, list, latest.latestVersion() == v.number()));
    }

    private static Submission.Version view(
            SubmissionRepository.VersionRow v, List<Submission.Artifact> list, boolean latest) {
        return new Submission.Version(
                v.submissionId(),
                v.number(),
                v.title(),
                v.summary(),
                v.links(),
                v.datasets(),
                v.licence(),
                list,
                v.submittedBy(),
                v.submittedAt(),
                latest);
    }
}
