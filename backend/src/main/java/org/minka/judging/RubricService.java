package org.minka.judging;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Reading and setting rubrics: the event's (the default until an organizer sets one) and a
 * challenge's override. Any signed-in user who may see the event reads them, so teams know how they
 * are judged; organizers set them. Once a score exists against a rubric it is frozen (409): the
 * database trigger refuses the change, and the error maps here.
 */
@Service
class RubricService {

    private final Rubrics rubrics;
    private final EventAccess events;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    RubricService(
            Rubrics rubrics,
            EventAccess events,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.rubrics = rubrics;
        this.events = events;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** The event's rubric; the default (version 0) until one is set. */
    Mono<RubricView> eventRubric(UUID eventId, CurrentUser user) {
        return events.visible(eventId, user).then(eventView(eventId, null));
    }

    /** The rubric a challenge judges on: its override, else the event's (inherited). */
    Mono<RubricView> challengeRubric(UUID eventId, UUID challengeId, CurrentUser user) {
        return events.visible(eventId, user)
                .then(requireChallenge(eventId, challengeId))
                .then(challengeView(eventId, challengeId));
    }

    /** Sets the event's rubric (organizers); {@code expected} is the If-Match version or null. */
    Mono<RubricView> setEventRubric(UUID eventId, Rubric rubric, Long expected, CurrentUser user) {
        Rubric valid = RubricChecks.valid(rubric);
        Mono<RubricView> write =
                eventView(eventId, null)
                        .map(RubricView::version)
                        .flatMap(current -> write(eventId, null, valid, current, expected, user))
                        .then(Mono.defer(() -> eventView(eventId, null)));
        return events.requireOrganizer(eventId, user).then(tx.transactional(write));
    }

    /** Sets a challenge's override (organizers). */
    Mono<RubricView> setOverride(
            UUID eventId, UUID challengeId, Rubric rubric, Long expected, CurrentUser user) {
        Rubric valid = RubricChecks.valid(rubric);
        Mono<RubricView> write =
                overrideVersion(challengeId)
                        .flatMap(
                                current ->
                                        write(eventId, challengeId, valid, current, expected, user))
                        .then(Mono.defer(() -> challengeView(eventId, challengeId)));
        return organizerOfChallenge(eventId, challengeId, user).then(tx.transactional(write));
    }

    /** Removes a challenge's override (organizers): it judges on the event's rubric again. */
    Mono<Void> removeOverride(UUID eventId, UUID challengeId, Long expected, CurrentUser user) {
        Mono<Void> delete =
                rubrics.override(challengeId)
                        .switchIfEmpty(Mono.error(() -> MinkaException.notFound("rubric")))
                        .flatMap(stored -> delete(stored, expected, user));
        return organizerOfChallenge(eventId, challengeId, user).then(tx.transactional(delete));
    }

    private Mono<Void> delete(Rubrics.Stored stored, Long expected, CurrentUser user) {
        if (expected != null && expected != stored.version()) {
            return Mono.error(new MinkaException(ProblemType.STALE_VERSION));
        }
        return rubrics.deleteOverride(stored.challengeId(), stored.version())
                .onErrorMap(ConflictGuard::frozen, ConflictGuard::rubricFrozen)
                .flatMap(n -> n == 0 ? Mono.error(stale()) : Mono.just(n))
                .then(auditChange(stored.eventId(), stored.challengeId(), "removed", user, 0));
    }

    private Mono<Void> organizerOfChallenge(UUID eventId, UUID challengeId, CurrentUser user) {
        return events.requireOrganizer(eventId, user).then(requireChallenge(eventId, challengeId));
    }

    private Mono<Void> requireChallenge(UUID eventId, UUID challengeId) {
        return events.unknownChallengeIds(eventId, List.of(challengeId))
                .hasElements()
                .flatMap(
                        unknown ->
                                unknown
                                        ? Mono.error(MinkaException.notFound("challenge"))
                                        : Mono.empty());
    }

    private Mono<Long> overrideVersion(UUID challengeId) {
        return rubrics.override(challengeId).map(Rubrics.Stored::version).defaultIfEmpty(0L);
    }

    /** Writes over version {@code current}; 412 when If-Match names another, or on a race. */
    private Mono<Rubrics.Stored> write(
            UUID eventId,
            UUID challengeId,
            Rubric rubric,
            long current,
            Long expected,
            CurrentUser user) {
        if (expected != null && expected != current) {
            return Mono.error(stale());
        }
        return rubrics.write(eventId, challengeId, rubric, current, user.id())
                .onErrorMap(ConflictGuard::frozen, ConflictGuard::rubricFrozen)
                .switchIfEmpty(Mono.error(RubricService::stale))
                .flatMap(
                        s ->
                                auditChange(eventId, challengeId, "set", user, s.version())
                                        .thenReturn(s));
    }

    private Mono<Void> auditChange(
            UUID eventId, UUID challengeId, String what, CurrentUser user, long version) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("scope", challengeId == null ? "EVENT" : "CHALLENGE");
        if (challengeId != null) {
            details.put("challengeId", challengeId);
        }
        details.put("version", version);
        return audit.record(eventId, user.id(), "judging.rubric." + what, details);
    }

    private static MinkaException stale() {
        return new MinkaException(ProblemType.STALE_VERSION);
    }

    private Mono<RubricView> eventView(UUID eventId, UUID challengeId) {
        return rubrics.findEvent(eventId)
                .flatMap(s -> view(s, challengeId, challengeId != null))
                .switchIfEmpty(Mono.fromSupplier(() -> defaultView(eventId, challengeId)));
    }

    private Mono<RubricView> challengeView(UUID eventId, UUID challengeId) {
        return rubrics.override(challengeId)
                .flatMap(s -> view(s, challengeId, false))
                .switchIfEmpty(Mono.defer(() -> eventView(eventId, challengeId)));
    }

    private Mono<RubricView> view(Rubrics.Stored s, UUID challengeId, boolean inherited) {
        RubricView.Source source =
                s.challengeId() == null ? RubricView.Source.EVENT : RubricView.Source.CHALLENGE;
        return rubrics.scored(s.id())
                .map(
                        frozen ->
                                new RubricView(
                                        s.eventId(),
                                        challengeId,
                                        source,
                                        inherited,
                                        frozen,
                                        s.version(),
                                        s.rubric().criteria()));
    }

    private static RubricView defaultView(UUID eventId, UUID challengeId) {
        return new RubricView(
                eventId,
                challengeId,
                RubricView.Source.EVENT,
                challengeId != null,
                false,
                0,
                Rubric.DEFAULT.criteria());
    }
}
