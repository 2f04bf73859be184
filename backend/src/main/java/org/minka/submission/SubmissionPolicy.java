package org.minka.submission;

import java.util.List;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may do what with a submission. Its team, the event's organizers, mentors of its challenge
 * and, once JUDGING opens, judges of its challenge read it in full; everyone reads its submitted
 * versions once the event's gallery is open; only its team writes. A caller who may not see the
 * event gets 404; a signed-in caller who may see it but not the submission gets 403; an anonymous
 * caller who may not read it gets 401, whether the submission exists or not.
 */
@Component
class SubmissionPolicy {

    private final SubmissionRepository repository;
    private final EventAccess access;
    private final TeamLookup teams;
    private final org.springframework.beans.factory.ObjectProvider<JudgeConflictPort> conflicts;

    SubmissionPolicy(
            SubmissionRepository repository,
            EventAccess access,
            TeamLookup teams,
            org.springframework.beans.factory.ObjectProvider<JudgeConflictPort> conflicts) {
        this.repository = repository;
        this.access = access;
        this.teams = teams;
        this.conflicts = conflicts;
    }

    /** How much of a submission a caller may read. */
    enum Reach {
        /** The draft, its artifacts and every version. */
        FULL,
        /** Submitted versions only: the public gallery. */
        PUBLIC_VERSIONS
    }

    /**
     * A submission, its event's rules, the caller's standing in the event, and what the caller may
     * read of it.
     */
    record Context(
            SubmissionRepository.Row row,
            EventSettings settings,
            Reach reach,
            EventAccess.Standing standing) {

        Context withReach(Reach reach) {
            return new Context(row, settings, reach, standing);
        }
    }

    /** The caller's roles around a submission; judges count only once JUDGING has opened. */
    record Roles(boolean member, boolean mentor, boolean organizer, boolean judge) {

        static final Roles NONE = new Roles(false, false, false, false);
    }

    /**
     * The submission with its event's rules and the caller's standing (one statement each): 404
     * when either is missing or hidden.
     */
    Mono<Context> locate(UUID id, CurrentUser user) {
        return repository
                .find(id)
                .switchIfEmpty(Mono.error(MinkaException.notFound("submission")))
                .flatMap(row -> located(row, user));
    }

    private Mono<Context> located(SubmissionRepository.Row row, CurrentUser user) {
        return access.standing(row.eventId(), user)
                .map(s -> new Context(row, s.event().settings(), null, s));
    }

    /** The submission if the caller may read some of it, with how much (see the class). */
    Mono<Context> readable(UUID id, CurrentUser user) {
        return locate(id, user)
                .flatMap(ctx -> withReach(ctx, user))
                .onErrorMap(ex -> user == null && hidden(ex), ex -> signIn());
    }

    private Mono<Context> withReach(Context ctx, CurrentUser user) {
        return reach(ctx, user).map(ctx::withReach).switchIfEmpty(Mono.error(() -> refusal(user)));
    }

    /**
     * Organizers and mentors from the standing already read; then a judge's conflict, or the team's
     * membership: at most one more check for anyone but a judge.
     */
    private Mono<Reach> reach(Context ctx, CurrentUser user) {
        if (user == null) {
            return publicReach(ctx);
        }
        EventAccess.Standing s = ctx.standing();
        if (s.organizer() || s.mentorOf(ctx.row().challengeId())) {
            return Mono.just(Reach.FULL);
        }
        if (s.judgeOf(ctx.row().challengeId())) {
            return conflicted(ctx.row(), user).flatMap(c -> asJudge(ctx, c, user));
        }
        return asMember(ctx, user, publicReach(ctx));
    }

    /**
     * A conflicted judge reads as a team member would, else gets 404, gallery or not; a clear one
     * reads in full from JUDGING on.
     */
    private Mono<Reach> asJudge(Context ctx, boolean conflicted, CurrentUser user) {
        if (conflicted) {
            return asMember(ctx, user, Mono.error(MinkaException.notFound("submission")));
        }
        if (ctx.standing().phases().judgingOpened()) {
            return Mono.just(Reach.FULL);
        }
        return asMember(ctx, user, publicReach(ctx));
    }

    private Mono<Reach> asMember(Context ctx, CurrentUser user, Mono<Reach> otherwise) {
        return teams.isMember(ctx.row().teamId(), user.id())
                .flatMap(member -> member ? Mono.just(Reach.FULL) : otherwise);
    }

    private static Mono<Reach> publicReach(Context ctx) {
        return ctx.standing().galleryOpen() ? Mono.just(Reach.PUBLIC_VERSIONS) : Mono.empty();
    }

    private Mono<Boolean> conflicted(SubmissionRepository.Row row, CurrentUser user) {
        JudgeConflictPort port = conflicts.getIfAvailable();
        if (port == null) {
            return Mono.just(false);
        }
        return port.conflicted(subject(row), user.id());
    }

    private static JudgeConflictPort.Subject subject(SubmissionRepository.Row row) {
        return new JudgeConflictPort.Subject(
                row.id(), row.eventId(), row.challengeId(), row.teamId());
    }

    /**
     * The caller's roles around the located submission: organizer, mentor and judge from the
     * standing; then the team's membership, and a judge's conflict, one after the other (callers
     * may hold a transaction).
     */
    Mono<Roles> roles(Context ctx, CurrentUser user) {
        if (user == null) {
            return Mono.just(Roles.NONE);
        }
        EventAccess.Standing s = ctx.standing();
        UUID challenge = ctx.row().challengeId();
        boolean mentor = s.mentorOf(challenge);
        return teams.isMember(ctx.row().teamId(), user.id())
                .flatMap(
                        member ->
                                clearJudge(ctx, user)
                                        .map(j -> new Roles(member, mentor, s.organizer(), j)));
    }

    /** Whether the caller judges the challenge, JUDGING has opened, and no conflict holds. */
    private Mono<Boolean> clearJudge(Context ctx, CurrentUser user) {
        if (!ctx.standing().readsAsJudge(ctx.row().challengeId())) {
            return Mono.just(false);
        }
        return Mono.defer(() -> conflicted(ctx.row(), user)).map(c -> !c);
    }

    /** The submission if the caller is on its team, whatever the phase; else 403 or 404. */
    Mono<Context> member(UUID id, CurrentUser user) {
        return locate(id, user).flatMap(ctx -> memberContext(ctx, user));
    }

    private Mono<Context> memberContext(Context ctx, CurrentUser user) {
        return teams.isMember(ctx.row().teamId(), user.id())
                .flatMap(
                        member ->
                                member
                                        ? Mono.just(ctx.withReach(Reach.FULL))
                                        : notMember(ctx, user));
    }

    /** 403 for a caller who may read the submission, else what reading it would answer. */
    private Mono<Context> notMember(Context ctx, CurrentUser user) {
        return withReach(ctx, user).then(Mono.error(MinkaException::forbidden));
    }

    /**
     * On its team, with SUBMISSION open (plus grace) by the standing's windows and the clock; the
     * write checks again at the database's now() in its own transaction.
     */
    Mono<Context> writable(UUID id, CurrentUser user) {
        return member(id, user)
                .flatMap(ctx -> openFor(ctx, SubmissionWindow.grace(ctx.settings())));
    }

    /** On its team, with SUBMISSION open without grace: for draft edits. */
    Mono<Context> editable(UUID id, CurrentUser user) {
        return member(id, user).flatMap(ctx -> openFor(ctx, 0));
    }

    private static Mono<Context> openFor(Context ctx, int graceMinutes) {
        return ctx.standing().phases().submissionOpen(graceMinutes)
                ? Mono.just(ctx)
                : Mono.error(SubmissionWindow.closed());
    }

    /** How a caller lists an event's submissions: as an insider, or only as a judge. */
    enum Lister {
        /** Organizer, the team's member or the challenge's mentor: sees every row. */
        INSIDER,
        /** A judge of the challenge once JUDGING opened: conflicted rows are left out. */
        JUDGE
    }

    /**
     * How the caller may list these submissions of the event, from the standing already read:
     * organizers all, members their team's, mentors (and judges once JUDGING opens) their
     * challenge's; empty when they may not.
     */
    Mono<Lister> lister(EventAccess.Standing s, UUID teamId, UUID challengeId, CurrentUser user) {
        if (s.organizer() || (challengeId != null && s.mentorOf(challengeId))) {
            return Mono.just(Lister.INSIDER);
        }
        Mono<Lister> judge =
                challengeId != null && s.readsAsJudge(challengeId)
                        ? Mono.just(Lister.JUDGE)
                        : Mono.empty();
        if (teamId == null || user == null) {
            return judge;
        }
        return teams.isMember(teamId, user.id())
                .flatMap(member -> member ? Mono.just(Lister.INSIDER) : judge);
    }

    /**
     * Of a page listed by a judge, the submissions the judge has a conflict with, which read as
     * absent here as they do by id; asked once for the whole page.
     */
    Mono<java.util.Set<UUID>> hiddenFromJudge(
            List<SubmissionRepository.Row> rows, CurrentUser user) {
        JudgeConflictPort port = conflicts.getIfAvailable();
        if (rows.isEmpty() || port == null) {
            return Mono.just(java.util.Set.of());
        }
        List<JudgeConflictPort.Subject> subjects =
                rows.stream().map(SubmissionPolicy::subject).toList();
        return port.conflictedAmong(subjects, user.id());
    }

    /** Whether this user (by id, not the caller) judges the challenge and JUDGING has opened. */
    Mono<Boolean> isJudge(UUID eventId, UUID challengeId, UUID userId) {
        return access.isJudge(eventId, challengeId, userId)
                .flatMap(judge -> judge ? judgingOpened(eventId) : Mono.just(false));
    }

    /** Whether JUDGING is open or over. */
    Mono<Boolean> judgingOpened(UUID eventId) {
        return access.isOpen(eventId, Phase.JUDGING)
                .flatMap(open -> open ? Mono.just(true) : access.hasClosed(eventId, Phase.JUDGING));
    }

    /** Whether the event's gallery is open to this caller (the event's one rule). */
    Mono<Boolean> galleryOpen(UUID eventId, CurrentUser user) {
        return access.galleryOpen(eventId, user);
    }

    /** Anonymous callers are asked to sign in; signed-in ones are refused. */
    private static MinkaException refusal(CurrentUser user) {
        return user == null ? signIn() : MinkaException.forbidden();
    }

    private static MinkaException signIn() {
        return new MinkaException(ProblemType.UNAUTHORIZED);
    }

    /** What an anonymous caller must not tell apart: missing, hidden, or not theirs to read. */
    private static boolean hidden(Throwable ex) {
        return ex instanceof MinkaException problem
                && (problem.type() == ProblemType.NOT_FOUND
                        || problem.type() == ProblemType.UNAUTHORIZED);
    }
}
