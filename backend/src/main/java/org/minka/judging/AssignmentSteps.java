package org.minka.judging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The steps every assignment read and write is made of, each reading into an {@link
 * AssignmentBoard}; and the planning step that fails with 422 on a shortfall, else inserts every
 * new pair in one statement.
 */
@Component
class AssignmentSteps {

    private final EventAccess events;
    private final SubmissionAccess submissions;
    private final JudgeScopes scopes;
    private final Conflicts conflicts;
    private final ConflictRefresh refresh;
    private final Assignments assignments;
    private final AssignmentLock lock;

    AssignmentSteps(
            EventAccess events,
            SubmissionAccess submissions,
            JudgeScopes scopes,
            Conflicts conflicts,
            ConflictRefresh refresh,
            Assignments assignments,
            AssignmentLock lock) {
        this.events = events;
        this.submissions = submissions;
        this.scopes = scopes;
        this.conflicts = conflicts;
        this.refresh = refresh;
        this.assignments = assignments;
        this.lock = lock;
    }

    /** The event's judgesPerSubmission, once the caller may see the event. */
    Mono<Integer> k(UUID eventId, CurrentUser user) {
        return events.visible(eventId, user).map(e -> e.settings().judging().judgesPerSubmission());
    }

    /** Judges, counted versions and assignments, without the lock. */
    Mono<Void> read(AssignmentBoard board) {
        return judges(board).then(counted(board)).then(rows(board));
    }

    /** The lock, then judges, conflicts (automatic ones stored first) and counted versions. */
    Mono<Void> locked(AssignmentBoard board) {
        return lock.lock(board.eventId)
                .then(judges(board))
                .then(conflicts(board))
                .then(counted(board));
    }

    Mono<Void> judges(AssignmentBoard board) {
        return scopes.judges(board.eventId).doOnNext(j -> board.judges = j).then();
    }

    Mono<Void> counted(AssignmentBoard board) {
        return submissions
                .countedVersions(board.eventId)
                .collectMap(
                        SubmissionAccess.CountedVersion::submissionId, c -> c, LinkedHashMap::new)
                .doOnNext(c -> board.counted = c)
                .then();
    }

    Mono<Void> rows(AssignmentBoard board) {
        return assignments.of(board.eventId).collectList().doOnNext(r -> board.rows = r).then();
    }

    private Mono<Void> conflicts(AssignmentBoard board) {
        return Mono.defer(() -> refresh.refresh(board.eventId, board.judges))
                .then(conflicts.activePairs(board.eventId).collect(Collectors.toSet()))
                .doOnNext(c -> board.conflicted = c)
                .then();
    }

    /** Deletes the unscored assignments (of one judge, or all when null); counts them. */
    Mono<List<UUID>> removeUnscored(AssignmentBoard board, UUID judgeId) {
        return assignments
                .deleteUnscored(board.eventId, judgeId)
                .collectList()
                .doOnNext(removed -> board.removed = removed.size());
    }

    /** Plans; 422 on any shortfall (nothing changes), else inserts every new pair at once. */
    Mono<List<AssignmentPlanner.Pair>> planAndInsert(
            AssignmentBoard board, AssignmentPlanner.Request request, UUID by) {
        AssignmentPlanner.Plan plan = AssignmentPlanner.plan(request);
        if (!plan.complete()) {
            return Mono.error(shortOfJudges(plan.shortfalls(), board.k));
        }
        return assignments
                .insert(board.eventId, board.rowsFor(plan.added()), by)
                .onErrorMap(ConflictGuard::conflicted, AssignmentSteps::judgeConflicted)
                .thenReturn(plan.added());
    }

    static MinkaException judgeConflicted(Throwable error) {
        return new MinkaException(ProblemType.JUDGE_CONFLICTED);
    }

    /** 422 judges-short, with one entry per short submission saying why. */
    static MinkaException shortOfJudges(List<AssignmentPlanner.Shortfall> shortfalls, int k) {
        List<Problem.FieldViolation> why =
                shortfalls.stream()
                        .map(s -> new Problem.FieldViolation(s.submissionId().toString(), why(s)))
                        .toList();
        return new MinkaException(
                ProblemType.JUDGES_SHORT, "problem.judges-short.detail", why, why.size(), k);
    }

    private static String why(AssignmentPlanner.Shortfall s) {
        return "challenge "
                + s.challengeId()
                + ": needs "
                + s.needed()
                + " judges; "
                + s.inScope()
                + " judge(s) in scope, "
                + s.conflicted()
                + " with a conflict of interest, "
                + s.excluded()
                + " withdrawn, "
                + s.kept()
                + " already on it, so "
                + Math.max(0, s.available())
                + " conflict-free";
    }
}
