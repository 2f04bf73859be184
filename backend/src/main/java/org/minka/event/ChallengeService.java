package org.minka.event;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.minka.common.AuditLog;
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
    public Mono<Challenge> create(UUID eventId, Challenge.Create request, CurrentUser user) {
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
                .flatMap(
                        created -> {
                            Map<String, String> details = new java.util.LinkedHashMap<>();
                            details.put("challengeId", created.id().toString());
                            details.putAll(auditDetails);
                            return replaceDatasets(created.id(), datasets)
                                    .then(
                                            audit.record(
                                                    eventId,
                                                    user.id(),
                                                    "challenge.created",
                                                    details))
                                    .then(withDatasets(created));
                        });
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
    public Mono<CursorPage<Challenge>> list(UUID eventId, PageRequest page, CurrentUser user) {
        return access.visibleEvent(eventId, user)
                .thenMany(challenges.findPage(eventId, page))
                .collectList()
                .flatMap(
                        rows ->
                                challenges
                                        .findDatasets(rows.stream().map(Challenge::id).toList())
                                        .map(
                                                datasets ->
                                                        CursorPage.of(
                                                                rows,
                                                                page,
                                                                Challenge::createdAt,
                                                                Challenge::id,
                                                                c ->
                                                                        withDatasets(
                                                                                c,
                                                                                datasets
                                                                                        .getOrDefault(
                                                                                                c
                                                                                                        .id(),
                                                                                                List
                                                                                                        .of())))));
    }

    /** Changes the fields present in the request. */
    @Transactional
    public Mono<Challenge> update(
            UUID eventId,
            UUID challengeId,
            Challenge.Update request,
            Long expectedVersion,
            CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(find(eventId, challengeId))
                .flatMap(
                        current -> {
                            HttpCaching.checkVersion(expectedVersion, current.version());
                            Challenge changed =
                                    new Challenge(
                                            current.id(),
                                            eventId,
                                            request.title() != null
                                                    ? request.title().strip()
                                                    : current.title(),
                                            request.statement() != null
                                                    ? request.statement()
                                                    : current.statement(),
                                            request.themes() != null
                                                    ? themes(request.themes())
                                                    : current.themes(),
                                            request.proposingEntity() != null
                                                    ? blankToNull(request.proposingEntity())
                                                    : current.proposingEntity(),
                                            List.of(),
                                            current.version(),
                                            current.createdAt(),
                                            current.updatedAt());
                            Mono<Void> datasets =
                                    request.datasets() == null
                                            ? Mono.empty()
                                            : replaceDatasets(
                                                    challengeId, unlinked(request.datasets()));
                            return challenges
                                    .update(changed, current.version())
                                    .switchIfEmpty(
                                            Mono.error(
                                                    new MinkaException(ProblemType.STALE_VERSION)))
                                    .flatMap(
                                            saved ->
                                                    datasets.then(
                                                                    audit.record(
                                                                            eventId,
                                                                            user.id(),
                                                                            "challenge.updated",
                                                                            Map.of(
                                                                                    "challengeId",
                                                                                    challengeId
                                                                                            .toString())))
                                                            .then(withDatasets(saved)));
                        });
    }

    /** Deletes a challenge. */
    @Transactional
    public Mono<Void> delete(
            UUID eventId, UUID challengeId, Long expectedVersion, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(find(eventId, challengeId))
                .flatMap(
                        current -> {
                            HttpCaching.checkVersion(expectedVersion, current.version());
                            return challenges.delete(eventId, challengeId, current.version());
                        })
                .flatMap(
                        deleted ->
                                deleted == 0
                                        ? Mono.<Void>error(
                                                new MinkaException(ProblemType.STALE_VERSION))
                                        : audit.record(
                                                eventId,
                                                user.id(),
                                                "challenge.deleted",
                                                Map.of("challengeId", challengeId.toString())));
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
        return challenges
                .countExisting(eventId, distinct)
                .flatMap(
                        n ->
                                n == distinct.size()
                                        ? Mono.<Void>empty()
                                        : Mono.error(EventAccess.unknownChallenges(distinct)));
    }

    private Mono<Challenge> find(UUID eventId, UUID challengeId) {
        return challenges
                .findById(eventId, challengeId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("challenge")));
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
