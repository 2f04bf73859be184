package org.minka.results;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.catalog.CatalogLookup;
import org.minka.notification.Notifier;
import org.minka.results.ResultsRows.Award;
import org.minka.team.TeamLookup;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells the winners once results are public: every member of an awarded team and of an awarded
 * publisher gets one notification per event, however often the results are published, and however
 * many instances try at once (the announcement is claimed in the same transaction as the
 * notifications, and each user is recorded as told). Then {@link ResultsPublished} goes out.
 */
@Component
class ResultsAnnouncer {

    static final String KIND = "results.awarded";

    private static final Set<AwardKind> TEAM_AWARDS =
            EnumSet.of(
                    AwardKind.PLACE,
                    AwardKind.OVERALL,
                    AwardKind.PEOPLES_CHOICE,
                    AwardKind.DISTINCTION);

    private final ResultsRepository repository;
    private final TeamLookup teams;
    private final CatalogLookup catalog;
    private final Notifier notifier;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final TransactionalOperator tx;

    ResultsAnnouncer(
            ResultsRepository repository,
            TeamLookup teams,
            CatalogLookup catalog,
            Notifier notifier,
            ApplicationEventPublisher publisher,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.teams = teams;
        this.catalog = catalog;
        this.notifier = notifier;
        this.publisher = publisher;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Announces every publication whose time has come; answers how many it announced. */
    Mono<Long> announceDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return repository
                .due(now)
                .concatMap(eventId -> announce(eventId, now))
                .filter(Boolean::booleanValue)
                .count();
    }

    /** Announces the event's publication if it is due and not announced yet. */
    Mono<Boolean> announce(UUID eventId, Instant now) {
        return tx.transactional(claimed(eventId, now))
                .doOnNext(done -> published(done, eventId, now));
    }

    private Mono<Boolean> claimed(UUID eventId, Instant now) {
        return repository
                .claimAnnouncement(eventId, now)
                .filter(Boolean::booleanValue)
                .flatMap(claimed -> notified(eventId).thenReturn(true))
                .defaultIfEmpty(false);
    }

    private void published(boolean done, UUID eventId, Instant now) {
        if (done) {
            publisher.publishEvent(new ResultsPublished(eventId, now));
        }
    }

    private Mono<Void> notified(UUID eventId) {
        return repository
                .awards(eventId)
                .collectList()
                .flatMap(awards -> recipients(eventId, awards))
                .flatMapMany(users -> repository.firstNotified(eventId, users))
                .collectList()
                .flatMap(users -> notifier.notifyAll(users, eventId, KIND, data(eventId)));
    }

    private static Map<String, Object> data(UUID eventId) {
        return Map.of("eventId", eventId.toString());
    }

    private Mono<Set<UUID>> recipients(UUID eventId, List<Award> awards) {
        Set<UUID> teamIds =
                awards.stream()
                        .filter(a -> TEAM_AWARDS.contains(a.kind()))
                        .map(Award::teamId)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet());
        Set<UUID> publisherIds =
                awards.stream()
                        .map(Award::publisherId)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet());
        Flux<UUID> members =
                teams.eventMembers(eventId)
                        .filter(m -> teamIds.contains(m.teamId()))
                        .map(TeamLookup.TeamMember::userId);
        Flux<UUID> officials =
                publisherIds.isEmpty()
                        ? Flux.empty()
                        : catalog.publisherMembers(publisherIds)
                                .map(CatalogLookup.PublisherMember::userId);
        return Flux.concat(members, officials).collect(Collectors.toSet());
    }
}
