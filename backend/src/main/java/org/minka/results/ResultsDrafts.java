package org.minka.results;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.results.ResultsRows.Edition;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The embargoed draft, for organizers: build (or rebuild) it from judging and voting, read it, and
 * take a submission out of the ranking or put it back (each re-ranks at once). A draft whose
 * publication is set does not change: unpublish first. Every change is audited.
 */
@Service
class ResultsDrafts {

    private final ResultsRepository repository;
    private final ResultsComposer composer;
    private final EventAccess events;
    private final ResultsInputs inputs;
    private final SubmissionAccess submissions;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionalOperator tx;

    ResultsDrafts(
            ResultsRepository repository,
            ResultsComposer composer,
            EventAccess events,
            ResultsInputs inputs,
            SubmissionAccess submissions,
            AuditLog audit,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.repository = repository;
        this.composer = composer;
        this.events = events;
        this.inputs = inputs;
        this.submissions = submissions;
        this.audit = audit;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** The draft as organizers see it; 404 before the first build. */
    Mono<ResultsViews.Draft> draft(UUID eventId, CurrentUser user) {
        return events.organized(eventId, user)
                .then(repository.edition(eventId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("results")))
                .flatMap(edition -> view(edition, user));
    }

    Mono<ResultsViews.Draft> view(Edition edition, CurrentUser user) {
        return composer.load(edition)
                .flatMap(l -> composer.names(l, user).map(n -> composer.draft(l, n, now())));
    }

    /** Builds the draft with these settings; 409 once a publication is set. */
    Mono<ResultsViews.Draft> build(UUID eventId, ResultsSettings settings, CurrentUser user) {
        return events.organized(eventId, user)
                .flatMap(event -> tx.transactional(built(event, settings, user)))
                .flatMap(edition -> view(edition, user));
    }

    private Mono<Edition> built(
            EventAccess.EventFacts event, ResultsSettings settings, CurrentUser user) {
        return repository
                .built(event.id(), settings, user.id(), now())
                .switchIfEmpty(Mono.defer(() -> published(event.id())))
                .flatMap(edition -> ranked(event, edition))
                .flatMap(edition -> audited(edition, user, "results.built", settingsOf(edition)));
    }

    private static Map<String, Object> settingsOf(Edition e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("places", e.places());
        details.put("overallWinner", e.overallWinner());
        details.put("licence", e.licence());
        details.put("version", e.version());
        return details;
    }

    /** Takes the submission out of the ranking with a reason, and re-ranks. */
    Mono<ResultsViews.Draft> disqualify(
            UUID eventId, ResultsViews.DisqualifyRequest request, CurrentUser user) {
        String reason = request.reason().strip();
        return events.organized(eventId, user)
                .flatMap(event -> tx.transactional(disqualified(event, request, reason, user)))
                .flatMap(edition -> view(edition, user));
    }

    private Mono<Edition> disqualified(
            EventAccess.EventFacts event,
            ResultsViews.DisqualifyRequest request,
            String reason,
            CurrentUser user) {
        UUID submission = request.submissionId();
        return editable(event.id(), user)
                .flatMap(edition -> counted(edition, submission))
                .flatMap(
                        edition ->
                                repository
                                        .disqualify(event.id(), submission, reason, user.id())
                                        .thenReturn(edition))
                .flatMap(edition -> ranked(event, edition))
                .flatMap(
                        edition ->
                                audited(
                                        edition,
                                        user,
                                        "results.disqualified",
                                        Map.of("submissionId", submission, "reason", reason)));
    }

    /** Puts a disqualified submission back, and re-ranks; 404 when it was not disqualified. */
    Mono<ResultsViews.Draft> requalify(UUID eventId, UUID submissionId, CurrentUser user) {
        return events.organized(eventId, user)
                .flatMap(event -> tx.transactional(requalified(event, submissionId, user)))
                .flatMap(edition -> view(edition, user));
    }

    private Mono<Edition> requalified(
            EventAccess.EventFacts event, UUID submissionId, CurrentUser user) {
        return editable(event.id(), user)
                .flatMap(edition -> removed(edition, submissionId))
                .flatMap(edition -> ranked(event, edition))
                .flatMap(
                        edition ->
                                audited(
                                        edition,
                                        user,
                                        "results.requalified",
                                        Map.of("submissionId", submissionId)));
    }

    private Mono<Edition> removed(Edition edition, UUID submissionId) {
        return repository
                .requalify(edition.eventId(), submissionId)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("disqualification")))
                .thenReturn(edition);
    }

    /** The edition, version bumped, when it may change; 409 when not built or published. */
    Mono<Edition> editable(UUID eventId, CurrentUser user) {
        return repository
                .touched(eventId, user.id(), now())
                .switchIfEmpty(Mono.defer(() -> notEditable(eventId)));
    }

    private Mono<Edition> notEditable(UUID eventId) {
        return repository
                .edition(eventId)
                .flatMap(e -> published(eventId))
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.RESULTS_NOT_BUILT)));
    }

    private Mono<Edition> published(UUID eventId) {
        return repository
                .edition(eventId)
                .flatMap(
                        e ->
                                Mono.error(
                                        new MinkaException(
                                                ProblemType.RESULTS_PUBLISHED,
                                                String.valueOf(e.publishAt()))));
    }

    private Mono<Edition> counted(Edition edition, UUID submissionId) {
        return submissions
                .counted(submissionId)
                .filter(c -> c.eventId().equals(edition.eventId()) && c.submitted())
                .switchIfEmpty(
                        Mono.error(
                                () ->
                                        new MinkaException(
                                                ProblemType.UNKNOWN_SUBMISSION, submissionId)))
                .thenReturn(edition);
    }

    Mono<Edition> audited(Edition edition, CurrentUser user, String action, Map<String, ?> d) {
        return audit.record(edition.eventId(), user.id(), action, d).thenReturn(edition);
    }

    // The ranking: read what it needs (ResultsInputs), rank, store.

    /** Re-ranks the edition from what judging, voting and the catalog say now. */
    Mono<Edition> ranked(EventAccess.EventFacts event, Edition edition) {
        return inputs.read(event, edition)
                .map(ResultsRanking::build)
                .flatMap(built -> stored(edition, built));
    }

    private Mono<Edition> stored(Edition edition, ResultsRanking.Built built) {
        UUID e = edition.eventId();
        return repository
                .replacePlacements(e, built.placements())
                .then(repository.replaceBuiltAwards(e, built.awards()))
                .thenReturn(edition);
    }

    private Instant now() {
        return clock.instant();
    }
}
