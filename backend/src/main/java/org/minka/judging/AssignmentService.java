package org.minka.judging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Runs, re-runs and reads the round-1 assignment (organizers). Every write holds the event's {@link
 * AssignmentLock} for its transaction, so two organizers running it at once give one assignment
 * set. A run keeps the scored assignments and plans the rest with {@link AssignmentPlanner}; when a
 * submission cannot get k conflict-free judges the run fails with 422 listing each one and why, and
 * nothing changes.
 */
@Service
class AssignmentService {

    private final EventAccess events;
    private final AssignmentSteps steps;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    AssignmentService(
            EventAccess events,
            AssignmentSteps steps,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.events = events;
        this.steps = steps;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** The event's assignments and loads (organizers). */
    Mono<AssignmentView> assignments(UUID eventId, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(steps.k(eventId, user))
                .flatMap(k -> view(new AssignmentBoard(eventId, k)));
    }

    private Mono<AssignmentView> view(AssignmentBoard board) {
        return steps.read(board).then(Mono.fromSupplier(board::view));
    }

    /** Runs (or re-runs) the assignment: keeps scored pairs, replans the rest with the seed. */
    Mono<AssignmentView.Run> run(UUID eventId, long seed, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(steps.k(eventId, user))
                .flatMap(k -> tx.transactional(run(new AssignmentBoard(eventId, k), seed, user)));
    }

    private Mono<AssignmentView.Run> run(AssignmentBoard board, long seed, CurrentUser user) {
        return steps.locked(board)
                .then(steps.removeUnscored(board, null))
                .then(steps.rows(board))
                .then(Mono.defer(() -> planRun(board, seed, user)));
    }

    private Mono<AssignmentView.Run> planRun(AssignmentBoard board, long seed, CurrentUser user) {
        int kept = board.rows.size();
        var request = board.request(null, Set.of(), seed);
        return steps.planAndInsert(board, request, user.id())
                .flatMap(added -> auditRun(board, seed, kept, added.size(), user))
                .then(steps.rows(board))
                .then(Mono.fromSupplier(() -> runView(board, seed, kept)));
    }

    private Mono<Void> auditRun(
            AssignmentBoard board, long seed, int kept, int added, CurrentUser user) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("seed", seed);
        details.put("removed", board.removed);
        details.put("kept", kept);
        details.put("added", added);
        return audit.record(board.eventId, user.id(), "judging.assignment.run", details);
    }

    private static AssignmentView.Run runView(AssignmentBoard board, long seed, int kept) {
        int added = board.rows.size() - kept;
        return new AssignmentView.Run(seed, board.removed, kept, added, board.view());
    }
}
