package org.minka.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** Challenges of an event: organizers write them, anyone reads them once the event is published. */
@Service
public class ChallengeService {

    private final ChallengeRepository challenges;
    private final EventAccess access;
    private final AuditLog audit;
    private final CatalogChallengeAdapter catalog;

    ChallengeService(
            ChallengeRepository challenges,
            EventAccess access,
            AuditLog audit,
            CatalogChallengeAdapter catalog) {
        this.challenges = challenges;
        this.access = access;
        this.audit = audit;
        this.catalog = catalog;
    }

    /** Creates a challenge with its datasets. */
    @Transactional
    Mono<Challenge> create(UUID eventId, Challenge.Create request, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(
                        insert(
                                eventId,
                                request.title(),
                                request.statement(),
                                request.themes(),
                                request.proposingEntity(),
                                unlinked(request.datasets()),
                                user,
                                Map.of()));
    }

    /**
     * Inserts a challenge and its dataset entries (an entry's datasetId is its catalog link), links
     * the free entries that name a linked dataset, and audits it. The caller checks access and
     * provides the transaction.
     */
    Mono<Challenge> insert(
            UUID eventId,
            String title,
            String statement,
            List<String> themes,
            String proposingEntity,
            List<Challenge.DatasetRef> datasets,
            CurrentUser user,
            Map<String, String> auditDetails) {
        return challenges
                .insert(
                        eventId,
                        title.strip(),
                        Objects.requireNonNullElse(statement, ""),
                        themes(themes),
                        blankToNull(proposingEntity))
                .flatMap(created -> completed(created, datasets, user, auditDetails));
    }

    private Mono<Challenge> completed(
            Challenge created,
            List<Challenge.DatasetRef> datasets,
            CurrentUser user,
            Map<String, String> auditDetails) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("challengeId", created.id().toString());
        details.putAll(auditDetails);
        return replaceDatasets(created.id(), datasets)
                .then(audit.record(created.eventId(), user.id(), "challenge.created", details))
                .then(withDatasets(created));
    }

    /** Rewrites the entries, keeping existing catalog links, then links the ones that name one. */
    private Mono<Void> replaceDatasets(UUID challengeId, List<Challenge.DatasetRef> datasets) {
        return challenges
                .replaceDatasets(challengeId, datasets)
                .then(catalog.linkFree(challengeId))
                .then();
    }

    private static List<Challenge.DatasetRef> unlinked(List<Challenge.DatasetRef> datasets) {
        return datasets.stream().map(Challenge.DatasetRef::unlinked).toList();
    }

    /** A challenge, if the user may see its event. */
    public Mono<Challenge> get(UUID eventId, UUID challengeId, CurrentUser user) {
        return access.visibleEvent(eventId, user)
                .then(find(eventId, challengeId))
                .flatMap(this::withDatasets);
    }

    /** Challenges of an event, oldest first. */
    Mono<CursorPage<Challenge>> list(UUID eventId, PageRequest page, CurrentUser user) {
        return access.visibleEvent(eventId, user)
                .thenMany(challenges.findPage(eventId, page))
                .collectList()
                .flatMap(rows -> toPage(rows, page));
    }

    private Mono<CursorPage<Challenge>> toPage(List<Challenge> rows, PageRequest page) {
        return challenges
                .findDatasets(rows.stream().map(Challenge::id).toList())
                .map(datasets -> pageOf(rows, page, datasets));
    }

    private static CursorPage<Challenge> pageOf(
            List<Challenge> rows,
            PageRequest page,
            Map<UUID, List<Challenge.DatasetRef>> datasets) {
        Function<Challenge, Challenge> withDatasets =
                c -> withDatasets(c, datasets.getOrDefault(c.id(), List.of()));
        return CursorPage.of(rows, page, Challenge::createdAt, Challenge::id, withDatasets);
    }

    /** Changes the fields present in the request. */
    @Transactional
    Mono<Challenge> update(
            UUID eventId,
            UUID challengeId,
            Challenge.Update request,
            Long expectedVersion,
            CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(find(eventId, challengeId))
                .doOnNext(current -> HttpCaching.checkVersion(expectedVersion, current.version()))
                .flatMap(current -> save(current, request, user));
    }

    private Mono<Challenge> save(Challenge current, Challenge.Update request, CurrentUser user) {
        Mono<Void> datasets =
                request.datasets() == null
                        ? Mono.empty()
                        : replaceDatasets(current.id(), unlinked(request.datasets()));
        return challenges
                .update(changed(current, request), current.version())
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.STALE_VERSION)))
                .flatMap(saved -> audited(saved, datasets, user));
    }

    private Mono<Challenge> audited(Challenge saved, Mono<Void> datasets, CurrentUser user) {
        Map<String, String> details = Map.of("challengeId", saved.id().toString());
        return datasets.then(audit.record(saved.eventId(), user.id(), "challenge.updated", details))
                .then(withDatasets(saved));
    }

    private static Challenge changed(Challenge current, Challenge.Update request) {
        return new Challenge(
                current.id(),
                current.eventId(),
                request.title() != null ? request.title().strip() : current.title(),
                Objects.requireNonNullElse(request.statement(), current.statement()),
                request.themes() != null ? themes(request.themes()) : current.themes(),
                request.proposingEntity() != null
                        ? blankToNull(request.proposingEntity())
                        : current.proposingEntity(),
                List.of(),
                current.version(),
                current.createdAt(),
                current.updatedAt());
    }

    /** Deletes a challenge. */
    @Transactional
    Mono<Void> delete(UUID eventId, UUID challengeId, Long expectedVersion, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(find(eventId, challengeId))
                .doOnNext(current -> HttpCaching.checkVersion(expectedVersion, current.version()))
                .flatMap(current -> deleteAudited(current, user));
    }

    private Mono<Void> deleteAudited(Challenge current, CurrentUser user) {
        Map<String, String> details = Map.of("challengeId", current.id().toString());
        return Checks.updatedOrFail(
                        challenges.delete(current.eventId(), current.id(), current.version()),
                        () -> new MinkaException(ProblemType.STALE_VERSION))
                .then(audit.record(current.eventId(), user.id(), "challenge.deleted", details));
    }

    /** Whether the challenge belongs to the event. */
    public Mono<Boolean> belongsTo(UUID eventId, UUID challengeId) {
        return challenges.countExisting(eventId, List.of(challengeId)).map(n -> n == 1);
    }

    /** Fails unless every id is a challenge of this event. */
    Mono<Void> requireChallenges(UUID eventId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.empty();
        }
        List<UUID> distinct = ids.stream().distinct().toList();
        return Checks.require(
                challenges.countExisting(eventId, distinct).map(n -> n == distinct.size()),
                () -> EventAccess.unknownChallenges(distinct));
    }

    private Mono<Challenge> find(UUID eventId, UUID challengeId) {
        return challenges
                .findById(eventId, challengeId)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("challenge")));
    }

    private Mono<Challenge> withDatasets(Challenge c) {
        return challenges
                .findDatasets(List.of(c.id()))
                .map(d -> withDatasets(c, d.getOrDefault(c.id(), List.of())));
    }

    private static Challenge withDatasets(Challenge c, List<Challenge.DatasetRef> datasets) {
        return new Challenge(
                c.id(),
                c.eventId(),
                c.title(),
                c.statement(),
                c.themes(),
                c.proposingEntity(),
                datasets,
                c.version(),
                c.createdAt(),
                c.updatedAt());
    }

    private static List<String> themes(List<String> themes) {
        return themes == null ? List.of() : themes.stream().map(String::strip).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
