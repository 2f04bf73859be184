package org.minka.submission;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Lists of an event's submissions: the full list for those who read them, and the gallery. */
@Service
class SubmissionListing {

    private final SubmissionRepository repository;
    private final ArtifactRepository artifacts;
    private final SubmissionPolicy policy;
    private final EventAccess access;

    SubmissionListing(
            SubmissionRepository repository,
            ArtifactRepository artifacts,
            SubmissionPolicy policy,
            EventAccess access) {
        this.repository = repository;
        this.artifacts = artifacts;
        this.policy = policy;
        this.access = access;
    }

    /**
     * The event's submissions the caller may read in full: organizers list all; team members pass
     * their {@code teamId}; mentors of a challenge, and its judges once JUDGING opens, pass its
     * {@code challengeId}. Anyone else gets 403.
     */
    Mono<CursorPage<Submission.Listed>> list(
            UUID eventId, UUID teamId, UUID challengeId, PageRequest page, CurrentUser user) {
        return access.standing(eventId, user)
                .flatMap(s -> policy.lister(s, teamId, challengeId, user))
                .switchIfEmpty(Mono.error(MinkaException::forbidden))
                .flatMap(as -> found(as, eventId, teamId, challengeId, page, user))
                .map(found -> listed(found.rows(), found.hidden(), page));
    }

    private record Found(List<SubmissionRepository.Row> rows, java.util.Set<UUID> hidden) {}

    private Mono<Found> found(
            SubmissionPolicy.Lister as,
            UUID eventId,
            UUID teamId,
            UUID challengeId,
            PageRequest page,
            CurrentUser user) {
        return repository
                .list(eventId, teamId, challengeId, page)
                .collectList()
                .flatMap(rows -> withHidden(as, rows, user));
    }

    private Mono<Found> withHidden(
            SubmissionPolicy.Lister as, List<SubmissionRepository.Row> rows, CurrentUser user) {
        if (as == SubmissionPolicy.Lister.INSIDER) {
            return Mono.just(new Found(rows, java.util.Set.of()));
        }
        return policy.hiddenFromJudge(rows, user).map(hidden -> new Found(rows, hidden));
    }

    /** The page, cut from every row fetched (so the cursor stays right), less the hidden ones. */
    private static CursorPage<Submission.Listed> listed(
            List<SubmissionRepository.Row> rows, java.util.Set<UUID> hidden, PageRequest page) {
        CursorPage<Submission.Listed> all = listed(rows, page);
        if (hidden.isEmpty()) {
            return all;
        }
        return new CursorPage<>(
                all.items().stream().filter(s -> !hidden.contains(s.id())).toList(),
                all.nextCursor());
    }

    private static CursorPage<Submission.Listed> listed(
            List<SubmissionRepository.Row> rows, PageRequest page) {
        return CursorPage.of(
                rows,
                page,
                SubmissionRepository.Row::createdAt,
                SubmissionRepository.Row::id,
                r ->
                        new Submission.Listed(
                                r.id(),
                                r.teamId(),
                                r.challengeId(),
                                r.title(),
                                r.latestVersion(),
                                r.createdAt(),
                                r.updatedAt()));
    }

    /**
     * The public gallery: each submission's latest submitted version (the one that counts), in
     * creation order with cursor paging, optionally for one challenge. Not found until the gallery
     * is public, for everyone.
     */
    Mono<CursorPage<Submission.GalleryEntry>> gallery(
            UUID eventId, UUID challengeId, PageRequest page, CurrentUser user) {
        return Checks.require(
                        policy.galleryOpen(eventId, user), () -> MinkaException.notFound("gallery"))
                .then(repository.gallery(eventId, challengeId, page).collectList())
                .flatMap(rows -> galleryPage(rows, page));
    }

    private Mono<CursorPage<Submission.GalleryEntry>> galleryPage(
            List<SubmissionRepository.GalleryRow> rows, PageRequest page) {
        List<UUID> ids =
                rows.stream().flatMap(r -> r.version().artifactIds().stream()).distinct().toList();
        return artifactsById(ids)
                .map(
                        byId ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        SubmissionRepository.GalleryRow::createdAt,
                                        SubmissionRepository.GalleryRow::submissionId,
                                        row -> galleryEntry(row, byId)));
    }

    private Mono<Map<UUID, Submission.Artifact>> artifactsById(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Map.of());
        }
        return artifacts
                .artifacts(ids)
                .map(ArtifactRepository.ArtifactRow::view)
                .collectMap(Submission.Artifact::id);
    }

    private static Submission.GalleryEntry galleryEntry(
            SubmissionRepository.GalleryRow row, Map<UUID, Submission.Artifact> artifacts) {
        var v = row.version();
        return new Submission.GalleryEntry(
                row.submissionId(),
                row.teamId(),
                row.challengeId(),
                v.number(),
                v.title(),
                v.summary(),
                v.links(),
                v.datasets(),
                v.licence(),
                v.artifactIds().stream().map(artifacts::get).filter(Objects::nonNull).toList(),
                v.submittedAt());
    }
}
