package org.minka.submission;

import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.event.Phase;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * When submissions accept writes: SUBMISSION open at the database's now(), with the event's grace
 * period for submits and uploads, without it for draft edits. The write guards check it in the
 * write's own transaction, so the deadline applies when the request finishes.
 */
@Component
class SubmissionWindow {

    private final EventAccess access;
    private final TransactionalOperator tx;

    SubmissionWindow(EventAccess access, ReactiveTransactionManager transactions) {
        this.access = access;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Whether SUBMISSION is open now, its close extended by {@code graceMinutes}. */
    Mono<Boolean> isOpen(UUID eventId, int graceMinutes) {
        return access.isOpenWithGrace(eventId, Phase.SUBMISSION, graceMinutes);
    }

    /** Fails with phase-closed unless SUBMISSION is open now (plus grace). */
    Mono<Void> requireOpen(UUID eventId, int graceMinutes) {
        return isOpen(eventId, graceMinutes)
                .flatMap(open -> open ? Mono.<Void>empty() : Mono.error(closed()));
    }

    /** Runs the write in a transaction that first checks SUBMISSION plus grace. */
    <T> Mono<T> whileAccepting(UUID eventId, EventSettings settings, Mono<T> write) {
        return requireOpen(eventId, grace(settings)).then(write).as(tx::transactional);
    }

    /**
     * Runs a draft edit in a transaction that first checks SUBMISSION without grace: the grace
     * period is for the final submit and late uploads, not for edits after the deadline.
     */
    <T> Mono<T> whileEditable(UUID eventId, Mono<T> write) {
        return requireOpen(eventId, 0).then(write).as(tx::transactional);
    }

    /** Runs the work in one transaction. */
    <T> Mono<T> inTransaction(Mono<T> work) {
        return work.as(tx::transactional);
    }

    static int grace(EventSettings settings) {
        return settings == null || settings.gracePeriodMinutes() == null
                ? 0
                : settings.gracePeriodMinutes();
    }

    static MinkaException closed() {
        return new MinkaException(ProblemType.PHASE_CLOSED, Phase.SUBMISSION.name());
    }
}
