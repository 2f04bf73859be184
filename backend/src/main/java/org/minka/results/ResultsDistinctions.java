package org.minka.results;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.CatalogLookup;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.results.ResultsRows.Award;
import org.minka.results.ResultsRows.Edition;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Special distinctions: an organizer's award with a title and a reason in Spanish and English, to a
 * team of the edition (one with a counted submission) or to a publisher. They survive rebuilds;
 * adding and removing one is audited.
 */
@Service
class ResultsDistinctions {

    private final ResultsRepository repository;
    private final ResultsDrafts drafts;
    private final EventAccess events;
    private final CatalogLookup catalog;
    private final TransactionalOperator tx;

    ResultsDistinctions(
            ResultsRepository repository,
            ResultsDrafts drafts,
            EventAccess events,
            CatalogLookup catalog,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.drafts = drafts;
        this.events = events;
        this.catalog = catalog;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Adds the distinction; 422 when its team or publisher is not there to award. */
    Mono<ResultsViews.Draft> add(
            UUID eventId, ResultsViews.DistinctionRequest request, CurrentUser user) {
        return events.organized(eventId, user)
                .then(oneTarget(request))
                .then(tx.transactional(added(eventId, request, user)))
                .flatMap(edition -> drafts.view(edition, user));
    }

    private static Mono<Void> oneTarget(ResultsViews.DistinctionRequest r) {
        if ((r.teamId() == null) == (r.publisherId() == null)) {
            return Mono.error(
                    MinkaException.invalid("teamId", "give either teamId or publisherId"));
        }
        return Mono.empty();
    }

    private Mono<Edition> added(
            UUID eventId, ResultsViews.DistinctionRequest request, CurrentUser user) {
        Award award = award(request);
        return drafts.editable(eventId, user)
                .flatMap(edition -> targetKnown(edition, request))
                .flatMap(
                        edition ->
                                repository
                                        .insertDistinction(eventId, award, user.id())
                                        .thenReturn(edition))
                .flatMap(
                        edition ->
                                drafts.audited(
                                        edition,
                                        user,
                                        "results.distinction.added",
                                        details(award)));
    }

    private static Award award(ResultsViews.DistinctionRequest r) {
        return new Award(
                UUID.randomUUID(),
                AwardKind.DISTINCTION,
                false,
                null,
                null,
                null,
                r.teamId(),
                r.publisherId(),
                null,
                r.title().es().strip(),
                r.title().en().strip(),
                r.reason().es().strip(),
                r.reason().en().strip(),
                null);
    }

    private static Map<String, Object> details(Award a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("awardId", a.id());
        d.put(
                a.teamId() != null ? "teamId" : "publisherId",
                a.teamId() != null ? a.teamId() : a.publisherId());
        d.put("titleEs", a.titleEs());
        d.put("titleEn", a.titleEn());
        return d;
    }

    private Mono<Edition> targetKnown(Edition edition, ResultsViews.DistinctionRequest r) {
        Mono<Boolean> known =
                r.teamId() != null
                        ? repository
                                .placements(edition.eventId())
                                .any(p -> p.teamId().equals(r.teamId()))
                        : catalog.publisher(r.publisherId()).hasElement();
        String what = r.teamId() != null ? "team" : "publisher";
        UUID id = r.teamId() != null ? r.teamId() : r.publisherId();
        return known.filter(Boolean::booleanValue)
                .switchIfEmpty(
                        Mono.error(
                                () ->
                                        new MinkaException(
                                                ProblemType.UNKNOWN_AWARD_TARGET, what, id)))
                .thenReturn(edition);
    }

    /** Removes a distinction; 404 when the event has no such distinction. */
    Mono<ResultsViews.Draft> remove(UUID eventId, UUID awardId, CurrentUser user) {
        return events.organized(eventId, user)
                .then(tx.transactional(removed(eventId, awardId, user)))
                .flatMap(edition -> drafts.view(edition, user));
    }

    private Mono<Edition> removed(UUID eventId, UUID awardId, CurrentUser user) {
        return drafts.editable(eventId, user)
                .flatMap(edition -> deleted(edition, awardId))
                .flatMap(
                        edition ->
                                drafts.audited(
                                        edition,
                                        user,
                                        "results.distinction.removed",
                                        Map.of("awardId", awardId)));
    }

    private Mono<Edition> deleted(Edition edition, UUID awardId) {
        return repository
                .deleteDistinction(edition.eventId(), awardId)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("distinction")))
                .thenReturn(edition);
    }
}
