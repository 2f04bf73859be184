package org.minka.judging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Conflicts of interest. Automatic ones are stored before any list is read; a judge declares more
 * for themselves, an organizer adds them for a judge or lifts one, always with a reason. Every
 * change is audited. A conflict recorded on an assigned pair drops the assignment and gives the
 * submission another conflict-free judge when one exists.
 */
@Service
class ConflictService {

    private final EventAccess events;
    private final SubmissionAccess submissions;
    private final JudgeScopes scopes;
    private final Conflicts conflicts;
    private final ConflictRefresh refresh;
    private final AssignmentEdits edits;
    private final AssignmentSteps steps;
    private final AssignmentLock lock;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    ConflictService(
            EventAccess events,
            SubmissionAccess submissions,
            JudgeScopes scopes,
            Conflicts conflicts,
            ConflictRefresh refresh,
            AssignmentEdits edits,
            AssignmentSteps steps,
            AssignmentLock lock,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.events = events;
        this.submissions = submissions;
        this.scopes = scopes;
        this.conflicts = conflicts;
        this.refresh = refresh;
        this.edits = edits;
        this.steps = steps;
        this.lock = lock;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    // Lists.

    /**
     * A page of conflicts, oldest first: organizers see every conflict of the event, judges their
     * own; others 403 (404 if the event is hidden from them).
     */
    Mono<CursorPage<ConflictView>> list(UUID eventId, PageRequest page, CurrentUser user) {
        return events.visible(eventId, user)
                .then(events.isOrganizer(eventId, user))
                .flatMap(organizer -> organizer ? all(eventId, page) : own(eventId, page, user));
    }

    private Mono<CursorPage<ConflictView>> all(UUID eventId, PageRequest page) {
        return refreshed(eventId).then(page(eventId, null, page));
    }

    private Mono<CursorPage<ConflictView>> own(UUID eventId, PageRequest page, CurrentUser user) {
        return scopes.isJudge(eventId, user.id())
                .flatMap(judge -> judge ? Mono.just(true) : Mono.error(MinkaException::forbidden))
                .then(refreshed(eventId))
                .then(page(eventId, user.id(), page));
    }

    private Mono<CursorPage<ConflictView>> page(UUID eventId, UUID judgeId, PageRequest page) {
        return conflicts
                .page(eventId, judgeId, page)
                .collectList()
                .map(
                        rows ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        ConflictView::createdAt,
                                        ConflictView::id,
                                        c -> c));
    }

    private Mono<Void> refreshed(UUID eventId) {
        Mono<Void> refreshed =
                lock.lock(eventId)
                        .then(scopes.judges(eventId))
                        .flatMap(judges -> refresh.refresh(eventId, judges));
        return tx.transactional(refreshed);
    }

    // Records.

    /**
     * Records a conflict: with a judgeId, an organizer adds it for that judge; without, the caller
     * (a judge of the submission's challenge) declares one of their own.
     */
    Mono<ConflictView> record(UUID eventId, ConflictView.Request request, CurrentUser user) {
        Mono<ConflictView> record =
                request.judgeId() == null
                        ? declared(eventId, request, user)
                        : added(eventId, request, user);
        return events.visible(eventId, user).then(record);
    }

    private Mono<ConflictView> declared(
            UUID eventId, ConflictView.Request request, CurrentUser user) {
        return scopes.isJudge(eventId, user.id())
                .flatMap(judge -> judge ? counted(eventId, request.submissionId()) : forbidden())
                .flatMap(c -> judgeOf(eventId, c, user.id(), hidden()))
                .flatMap(c -> store(eventId, c, user.id(), DECLARED, request, user));
    }

    private Mono<ConflictView> added(UUID eventId, ConflictView.Request request, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(counted(eventId, request.submissionId()))
                .flatMap(c -> judgeOf(eventId, c, request.judgeId(), notAJudge()))
                .flatMap(c -> store(eventId, c, request.judgeId(), ORGANIZER, request, user));
    }

    private static final ConflictView.Source DECLARED = ConflictView.Source.DECLARED;
    private static final ConflictView.Source ORGANIZER = ConflictView.Source.ORGANIZER;

    private static MinkaException hidden() {
        return MinkaException.notFound("submission");
    }

    private static MinkaException notAJudge() {
        return new MinkaException(ProblemType.NOT_A_JUDGE);
    }

    private static <T> Mono<T> forbidden() {
        return Mono.error(MinkaException.forbidden());
    }

    /** The counted version; 404 when the submission is not one of the event's. */
    private Mono<SubmissionAccess.CountedVersion> counted(UUID eventId, UUID submissionId) {
        return submissions
                .countedVersions(eventId)
                .filter(c -> c.submissionId().equals(submissionId))
                .next()
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("submission")));
    }

    private Mono<SubmissionAccess.CountedVersion> judgeOf(
            UUID eventId,
            SubmissionAccess.CountedVersion c,
            UUID judgeId,
            MinkaException otherwise) {
        return scopes.judgeOf(eventId, c.challengeId(), judgeId)
                .switchIfEmpty(Mono.error(otherwise))
                .thenReturn(c);
    }

    private Mono<ConflictView> store(
            UUID eventId,
            SubmissionAccess.CountedVersion c,
            UUID judgeId,
            ConflictView.Source source,
            ConflictView.Request request,
            CurrentUser user) {
        var found =
                new Conflicts.Found(c.submissionId(), judgeId, source, request.reason().strip());
        return steps.k(eventId, user)
                .flatMap(k -> tx.transactional(recorded(eventId, k, found, user)));
    }

    private Mono<ConflictView> recorded(
            UUID eventId, int k, Conflicts.Found found, CurrentUser user) {
        return lock.lock(eventId)
                .then(conflicts.record(eventId, found, user.id()))
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.CONFLICT_EXISTS)))
                .flatMap(view -> replaced(eventId, k, view, user));
    }

    private Mono<ConflictView> replaced(UUID eventId, int k, ConflictView view, CurrentUser user) {
        return edits.dropAndReplace(eventId, k, view.submissionId(), view.judgeId())
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(r -> auditRecorded(eventId, view, r.orElse(null), user))
                .thenReturn(view);
    }

    private Mono<Void> auditRecorded(
            UUID eventId, ConflictView view, UUID replacement, CurrentUser user) {
        Map<String, Object> details = details(view);
        details.put("reason", view.reason());
        if (replacement != null) {
            details.put("replacedBy", replacement);
        }
        String action = view.source() == ConflictView.Source.DECLARED ? "declared" : "added";
        return audit.record(eventId, user.id(), "judging.conflict." + action, details);
    }

    private static Map<String, Object> details(ConflictView view) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("conflictId", view.id());
        details.put("judgeId", view.judgeId());
        details.put("submissionId", view.submissionId());
        details.put("source", view.source().name());
        return details;
    }

    // Lift.

    /** Lifts an active conflict (organizers), with a reason; 409 when already lifted. */
    Mono<ConflictView> lift(UUID eventId, UUID conflictId, String reason, CurrentUser user) {
        Mono<ConflictView> lift =
                conflicts
                        .lift(eventId, conflictId, user.id(), reason.strip())
                        .switchIfEmpty(Mono.defer(() -> notLiftable(eventId, conflictId)))
                        .flatMap(view -> auditLifted(eventId, view, user));
        return events.requireOrganizer(eventId, user).then(tx.transactional(lift));
    }

    private Mono<ConflictView> notLiftable(UUID eventId, UUID conflictId) {
        return conflicts
                .find(eventId, conflictId)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("conflict")))
                .flatMap(c -> Mono.error(new MinkaException(ProblemType.CONFLICT_LIFTED)));
    }

    private Mono<ConflictView> auditLifted(UUID eventId, ConflictView view, CurrentUser user) {
        Map<String, Object> details = details(view);
        details.put("reason", view.liftReason());
        return audit.record(eventId, user.id(), "judging.conflict.lifted", details)
                .thenReturn(view);
    }
}
