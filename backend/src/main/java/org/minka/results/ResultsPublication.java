package org.minka.results;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.results.ResultsRows.Edition;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Publication: now, or at a set time that the clock decides (the results are public once the time
 * has passed, on every instance, with no flag to flip), and unpublication with a reason. Both are
 * audited. Publishing now tells the winners at once; a scheduled publication is announced by the
 * {@link ResultsAnnouncer} job when its time comes.
 */
@Service
class ResultsPublication {

    private final ResultsRepository repository;
    private final ResultsDrafts drafts;
    private final ResultsAnnouncer announcer;
    private final EventAccess events;
    private final Clock clock;
    private final TransactionalOperator tx;

    ResultsPublication(
            ResultsRepository repository,
            ResultsDrafts drafts,
            ResultsAnnouncer announcer,
            EventAccess events,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.drafts = drafts;
        this.announcer = announcer;
        this.events = events;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Publishes now ({@code at} null) or at {@code at}, which must be later than now. */
    Mono<ResultsViews.Draft> publish(
            UUID eventId, ResultsViews.PublishRequest request, CurrentUser user) {
        // PostgreSQL keeps microseconds and rounds: compare what it stores
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant at =
                request == null || request.at() == null
                        ? now
                        : request.at().truncatedTo(ChronoUnit.MICROS);
        return events.organized(eventId, user)
                .then(notPast(at, now))
                .then(tx.transactional(published(eventId, at, now, user)))
                .flatMap(edition -> announcedIfDue(edition, now))
                .flatMap(edition -> drafts.view(edition, user));
    }

    private static Mono<Void> notPast(Instant at, Instant now) {
        return at.isBefore(now)
                ? Mono.error(new MinkaException(ProblemType.PUBLISH_TIME_PAST, at.toString()))
                : Mono.empty();
    }

    private Mono<Edition> published(UUID eventId, Instant at, Instant now, CurrentUser user) {
        String action = at.isAfter(now) ? "results.scheduled" : "results.published";
        return built(eventId)
                .then(repository.publish(eventId, at, user.id(), now))
                .switchIfEmpty(Mono.defer(() -> alreadySet(eventId)))
                .flatMap(e -> drafts.audited(e, user, action, Map.of("at", at.toString())));
    }

    private Mono<Edition> announcedIfDue(Edition edition, Instant now) {
        if (!edition.publicAt(now)) {
            return Mono.just(edition);
        }
        return announcer
                .announce(edition.eventId(), now)
                .then(repository.edition(edition.eventId()));
    }

    /** Takes the results down (or cancels a scheduled publication), with a reason. */
    Mono<ResultsViews.Draft> unpublish(
            UUID eventId, ResultsViews.UnpublishRequest request, CurrentUser user) {
        String reason = request.reason().strip();
        return events.organized(eventId, user)
                .then(tx.transactional(unpublished(eventId, reason, user)))
                .flatMap(edition -> drafts.view(edition, user));
    }

    private Mono<Edition> unpublished(UUID eventId, String reason, CurrentUser user) {
        return built(eventId)
                .then(repository.unpublish(eventId, user.id(), clock.instant()))
                .switchIfEmpty(
                        Mono.error(() -> new MinkaException(ProblemType.RESULTS_NOT_PUBLISHED)))
                .flatMap(
                        e ->
                                drafts.audited(
                                        e, user, "results.unpublished", Map.of("reason", reason)));
    }

    private Mono<Edition> built(UUID eventId) {
        return repository
                .edition(eventId)
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.RESULTS_NOT_BUILT)));
    }

    private Mono<Edition> alreadySet(UUID eventId) {
        return repository
                .edition(eventId)
                .flatMap(
                        e ->
                                Mono.error(
                                        new MinkaException(
                                                ProblemType.RESULTS_PUBLISHED,
                                                String.valueOf(e.publishAt()))));
    }
}
