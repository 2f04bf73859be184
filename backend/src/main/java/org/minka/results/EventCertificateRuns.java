package org.minka.results;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.certificate.Certificates;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * An event's certificate runs, for its organizers: start one (while RESULTS is open), follow its
 * progress, and list the certificates the runs issued. The work itself is the {@link
 * EventCertificateWorker}'s, in the background.
 */
@Service
class EventCertificateRuns {

    static final int FAILURES_SHOWN = 100;

    private final EventAccess events;
    private final EventCertificateRunRepository runs;
    private final EventCertificateWorker worker;
    private final Certificates certificates;

    EventCertificateRuns(
            EventAccess events,
            EventCertificateRunRepository runs,
            EventCertificateWorker worker,
            Certificates certificates) {
        this.events = events;
        this.runs = runs;
        this.worker = worker;
        this.certificates = certificates;
    }

    /**
     * Starts a run for the event, or answers the one in progress. 403/404 for non-organizers, 409
     * {@code phase-closed} unless RESULTS is open.
     */
    // Participation, mentoring and judging certificates need RESULTS open, not published results:
    // they say nothing about the ranking. Award certificates are due only once results are public
    // (AwardCertificateSource), and a publication starts a run by itself
    // (EventCertificatesOnPublication).
    Mono<EventCertificateRun> start(UUID eventId, String language, CurrentUser user) {
        String fallback = language == null ? EventCertificateRecipients.DEFAULT_LANGUAGE : language;
        return events.organized(eventId, user)
                .then(resultsOpen(eventId))
                .then(Mono.defer(() -> runs.start(eventId, fallback, user.id())))
                .doOnNext(run -> worker.wake())
                .flatMap(this::view);
    }

    private Mono<Void> resultsOpen(UUID eventId) {
        return Checks.require(
                events.isOpen(eventId, Phase.RESULTS),
                () -> new MinkaException(ProblemType.PHASE_CLOSED, "RESULTS"));
    }

    /** The event's latest run; 404 when it has none. */
    Mono<EventCertificateRun> latest(UUID eventId, CurrentUser user) {
        return events.organized(eventId, user)
                .then(Mono.defer(() -> runs.latest(eventId)))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("certificate run")))
                .flatMap(this::view);
    }

    /** One run of the event; 404 when the event has no such run. */
    Mono<EventCertificateRun> find(UUID eventId, UUID runId, CurrentUser user) {
        return events.organized(eventId, user)
                .then(Mono.defer(() -> runs.find(runId)))
                .filter(run -> run.eventId().equals(eventId))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("certificate run")))
                .flatMap(this::view);
    }

    private Mono<EventCertificateRun> view(EventCertificateRunRepository.Run run) {
        return Mono.zip(
                        runs.counts(run.id()),
                        runs.failures(run.id(), FAILURES_SHOWN).collectList())
                .map(z -> view(run, z.getT1(), z.getT2()));
    }

    private static EventCertificateRun view(
            EventCertificateRunRepository.Run run,
            EventCertificateRunRepository.Counts c,
            List<EventCertificateRun.Failure> failures) {
        return new EventCertificateRun(
                run.id(),
                run.eventId(),
                run.language(),
                run.state(),
                c.total(),
                c.done(),
                c.failed(),
                c.total() - c.done() - c.failed(),
                run.createdAt(),
                run.finishedAt(),
                failures);
    }

    /** A page of the certificates the event's runs issued, oldest first, with their state. */
    Mono<CursorPage<EventCertificateRun.Issued>> page(
            UUID eventId, String cursor, Integer limit, CurrentUser user) {
        return Mono.fromCallable(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> events.organized(eventId, user).thenReturn(page))
                .flatMap(page -> rows(eventId, page));
    }

    private Mono<CursorPage<EventCertificateRun.Issued>> rows(UUID eventId, PageRequest page) {
        return runs.issued(eventId, page).collectList().flatMap(rows -> withState(rows, page));
    }

    private Mono<CursorPage<EventCertificateRun.Issued>> withState(
            List<EventCertificateRunRepository.IssuedRow> rows, PageRequest page) {
        List<String> codes =
                rows.stream().map(EventCertificateRunRepository.IssuedRow::code).toList();
        return certificates
                .findAll(codes)
                .collectMap(Certificates.Issued::code)
                .map(byCode -> page(rows, page, byCode));
    }

    private static CursorPage<EventCertificateRun.Issued> page(
            List<EventCertificateRunRepository.IssuedRow> rows,
            PageRequest page,
            Map<String, Certificates.Issued> byCode) {
        return CursorPage.of(
                rows,
                page,
                EventCertificateRunRepository.IssuedRow::createdAt,
                EventCertificateRunRepository.IssuedRow::id,
                row -> issued(row, byCode.get(row.code())));
    }

    private static EventCertificateRun.Issued issued(
            EventCertificateRunRepository.IssuedRow row, Certificates.Issued c) {
        return new EventCertificateRun.Issued(
                row.code(),
                row.kind(),
                row.subjectId(),
                row.recipientId(),
                row.recipientName(),
                row.language(),
                c == null ? row.createdAt() : c.issuedAt(),
                c != null && c.revoked(),
                c == null ? null : c.verifyUrl());
    }
}
