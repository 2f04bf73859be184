package org.minka.judging;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Changes to the assignment short of a run (organizers): add or remove one pair, reassign a judge's
 * unscored work, and replace a judge on a submission when a conflict is recorded late. Scores
 * already given stay; each change holds the event's lock and is audited.
 */
@Service
class AssignmentEdits {

    private final EventAccess events;
    private final AssignmentSteps steps;
    private final Assignments assignments;
    private final AssignmentLock lock;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    AssignmentEdits(
            EventAccess events,
            AssignmentSteps steps,
            Assignments assignments,
            AssignmentLock lock,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.events = events;
        this.steps = steps;
        this.assignments = assignments;
        this.lock = lock;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    // Reassignment of a judge's unscored work.

    /** Gives a judge's unscored work to others (they withdrew, or declared a conflict late). */
    Mono<AssignmentView.Reassignment> reassign(
            UUID eventId, UUID judgeId, String reason, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(steps.k(eventId, user))
                .map(k -> new AssignmentBoard(eventId, k))
                .flatMap(board -> tx.transactional(reassign(board, judgeId, reason, user)));
    }

    private Mono<AssignmentView.Reassignment> reassign(
            AssignmentBoard board, UUID judgeId, String reason, CurrentUser user) {
        return steps.locked(board)
                .then(steps.removeUnscored(board, judgeId))
                .flatMap(freed -> steps.rows(board).thenReturn(freed))
                .flatMap(freed -> refill(board, judgeId, freed, reason, user));
    }

    private Mono<AssignmentView.Reassignment> refill(
            AssignmentBoard board,
            UUID judgeId,
            List<UUID> freed,
            String reason,
            CurrentUser user) {
        long seed = judgeId.getLeastSignificantBits();
        var request = board.request(new HashSet<>(freed), Set.of(judgeId), seed);
        return steps.planAndInsert(board, request, user.id())
                .flatMap(added -> auditReassign(board, judgeId, freed, added, reason, user));
    }

    private Mono<AssignmentView.Reassignment> auditReassign(
            AssignmentBoard board,
            UUID judgeId,
            List<UUID> freed,
            List<AssignmentPlanner.Pair> added,
            String reason,
            CurrentUser user) {
        List<AssignmentView.Pair> pairs =
                added.stream()
                        .map(p -> new AssignmentView.Pair(p.submissionId(), p.judgeId()))
                        .toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("judgeId", judgeId);
        details.put("reason", reason);
        details.put("removed", freed.size());
        details.put("added", pairs);
        var done = new AssignmentView.Reassignment(judgeId, freed.size(), pairs);
        return audit.record(board.eventId, user.id(), "judging.assignment.reassigned", details)
                .thenReturn(done);
    }

    // One pair at a time.

    /** Adds one judge to one counted version (organizers). */
    Mono<AssignmentView.Item> add(UUID eventId, UUID submissionId, UUID judgeId, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(steps.k(eventId, user))
                .map(k -> new AssignmentBoard(eventId, k))
                .flatMap(board -> tx.transactional(add(board, submissionId, judgeId, user)));
    }

    private Mono<AssignmentView.Item> add(
            AssignmentBoard board, UUID submissionId, UUID judgeId, CurrentUser user) {
        return steps.locked(board)
                .then(Mono.defer(() -> addChecked(board, submissionId, judgeId, user)))
                .then(steps.rows(board))
                .then(Mono.fromSupplier(() -> board.item(submissionId)));
    }

    private Mono<Void> addChecked(
            AssignmentBoard board, UUID submissionId, UUID judgeId, CurrentUser user) {
        SubmissionAccess.CountedVersion c = board.counted.get(submissionId);
        if (c == null) {
            return Mono.error(new MinkaException(ProblemType.NOT_ELIGIBLE));
        }
        boolean judges =
                board.judges.stream()
                        .anyMatch(j -> j.judgeId().equals(judgeId) && j.covers(c.challengeId()));
        if (!judges) {
            return Mono.error(new MinkaException(ProblemType.NOT_A_JUDGE));
        }
        if (board.conflicted.contains(new AssignmentPlanner.Pair(submissionId, judgeId))) {
            return Mono.error(new MinkaException(ProblemType.JUDGE_CONFLICTED));
        }
        var row = new Assignments.New(submissionId, c.challengeId(), c.number(), judgeId);
        return assignments
                .insert(board.eventId, List.of(row), user.id())
                .onErrorMap(AssignmentEdits::duplicate, AssignmentEdits::exists)
                .onErrorMap(ConflictGuard::conflicted, AssignmentSteps::judgeConflicted)
                .then(auditPair(board.eventId, "added", submissionId, judgeId, user));
    }

    private static boolean duplicate(Throwable e) {
        return e instanceof org.springframework.dao.DuplicateKeyException
                || "23505".equals(ConflictGuard.sqlState(e));
    }

    private static MinkaException exists(Throwable e) {
        return new MinkaException(ProblemType.ASSIGNMENT_EXISTS);
    }

    private Mono<Void> auditPair(
            UUID eventId, String what, UUID submissionId, UUID judgeId, CurrentUser user) {
        return audit.record(
                eventId,
                user.id(),
                "judging.assignment." + what,
                Map.of("submissionId", submissionId, "judgeId", judgeId));
    }

    /** Removes one unscored assignment (organizers); a scored one stays (409). */
    Mono<Void> remove(UUID eventId, UUID submissionId, UUID judgeId, CurrentUser user) {
        Mono<Void> remove =
                lock.lock(eventId)
                        .then(assignments.scored(submissionId, judgeId))
                        .flatMap(scored -> deleteUnscored(eventId, submissionId, judgeId, scored))
                        .then(auditPair(eventId, "removed", submissionId, judgeId, user));
        return events.requireOrganizer(eventId, user).then(tx.transactional(remove));
    }

    private Mono<Long> deleteUnscored(
            UUID eventId, UUID submissionId, UUID judgeId, boolean scored) {
        if (scored) {
            return Mono.error(new MinkaException(ProblemType.ASSIGNMENT_SCORED));
        }
        return assignments
                .delete(eventId, submissionId, judgeId)
                .filter(n -> n > 0)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("assignment")));
    }

    // For conflicts recorded late: the pair's assignment goes, and another judge takes it.

    /**
     * Within the caller's transaction: takes the lock, drops the judge's assignment to the
     * submission (a score stays), and gives the submission another conflict-free judge when one
     * exists. The judge added, if any; empty also when the judge was not assigned.
     */
    Mono<UUID> dropAndReplace(UUID eventId, int k, UUID submissionId, UUID judgeId) {
        AssignmentBoard board = new AssignmentBoard(eventId, k);
        return steps.locked(board)
                .then(assignments.delete(eventId, submissionId, judgeId))
                .flatMap(n -> n > 0 ? replace(board, submissionId) : Mono.empty());
    }

    private Mono<UUID> replace(AssignmentBoard board, UUID submissionId) {
        return steps.rows(board).then(Mono.defer(() -> replaced(board, submissionId)));
    }

    private Mono<UUID> replaced(AssignmentBoard board, UUID submissionId) {
        if (!board.counted.containsKey(submissionId)) {
            return Mono.empty();
        }
        long seed = submissionId.getLeastSignificantBits();
        var request = board.request(Set.of(submissionId), Set.of(), seed);
        AssignmentPlanner.Plan plan = AssignmentPlanner.plan(request);
        if (!plan.complete() || plan.added().isEmpty()) {
            return Mono.empty();
        }
        return assignments
                .insert(board.eventId, board.rowsFor(plan.added()), null)
                .thenReturn(plan.added().get(0).judgeId());
    }
}
