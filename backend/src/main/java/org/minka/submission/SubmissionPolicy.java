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
import reactor.core.publisher.Flux;
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
    private final SubmissionWindow window;
    private final org.springframework.beans.factory.ObjectProvider<JudgeConflictPort> conflicts;

    SubmissionPolicy(
            SubmissionRepository repository,
            EventAccess access,
            TeamLookup teams,
            SubmissionWindow window,
            org.springframework.beans.factory.ObjectProvider<JudgeConflictPort> conflicts) {
        this.repository = repository;
        this.access = access;
        this.teams = teams;
        this.window = window;
        this.conflicts = conflicts;
    }

    /** How much of a submission a caller may read. */
    enum Reach {
        /** The draft, its artifacts and every version. */
        FULL,
        /** Submitted versions only: the public gallery. */
        PUBLIC_VERSIONS
    }

    /** A submission, its event's rules, and what the caller may read of it. */
    record Context(SubmissionRepository.Row row, EventSettings settings, Reach reach) {

        Context withReach(Reach reach) {
            return new Context(row, settings, reach);
        }
    }

    /** The caller's roles around a submission; judges count only once JUDGING has opened. */
    record Roles(boolean member, boolean mentor, boolean organizer, boolean judge) {

        static final Roles NONE = new Roles(false, false, false, false);
    }

    /** The submission with its event's rules: 404 when either is missing or hidden. */
    Mono<Context> locate(UUID id, CurrentUser user) {
        return repository
                .find(id)
                .switchIfEmpty(Mono.error(MinkaException.notFound("submission")))
                .flatMap(row -> located(row, user));
    }

    private Mono<Context> located(SubmissionRepository.Row row, CurrentUser user) {
        return access.visible(row.eventId(), user)
                .map(event -> new Context(row, event.settings(), null));
    }

    /** The submission if the caller may read some of it, with how much (see the class). */
    Mono<Context> readable(UUID id, CurrentUser user) {
        return locate(id, user)
                .flatMap(ctx -> withReach(ctx, user))
                .onErrorMap(ex -> user == null && hidden(ex), ex -> signIn());
    }

    private Mono<Context> withReach(Context ctx, CurrentUser user) {
        return reach(ctx.row(), user)
                .map(ctx::withReach)
                .switchIfEmpty(Mono.error(() -> refusal(user)));
    }

    private Mono<Reach> reach(SubmissionRepository.Row row, CurrentUser user) {
        return readsInFull(row, user)
                .flatMap(full -> full ? Mono.just(Reach.FULL) : notConflicted(row, user));
    }

    /** A judge with a conflict gets 404, gallery or not; others go on to the public reach. */
    private Mono<Reach> notConflicted(SubmissionRepository.Row row, CurrentUser user) {
        return conflictedJudge(row, user)
                .flatMap(c -> c ? Mono.error(hiddenFromJudge()) : publicReach(row, user));
    }

    private static MinkaException hiddenFromJudge() {
        return MinkaException.notFound("submission");
    }

    private Mono<Reach> publicReach(SubmissionRepository.Row row, CurrentUser user) {
        return access.galleryOpen(row.eventId(), user)
                .filter(open -> open)
                .map(open -> Reach.PUBLIC_VERSIONS);
    }

    /** Member, organizer, mentor or (from JUDGING) judge: asked in turn, until one holds. */
    private Mono<Boolean> readsInFull(SubmissionRepository.Row row, CurrentUser user) {
        if (user == null) {
            return Mono.just(false);
        }
        return Flux.concat(
                        Mono.defer(() -> teams.isMember(row.teamId(), user.id())),
                        Mono.defer(() -> access.isOrganizer(row.eventId(), user)),
                        Mono.defer(() -> mentorOf(row.eventId(), row.challengeId(), user)),
                        Mono.defer(() -> clearJudgeOf(row, user)))
                .any(yes -> yes);
    }

    /** Whether the caller judges the submission's challenge, from JUDGING, without a conflict. */
    private Mono<Boolean> clearJudgeOf(SubmissionRepository.Row row, CurrentUser user) {
        return judgeOf(row.eventId(), row.challengeId(), user)
                .flatMap(judge -> judge ? conflicted(row, user).map(c -> !c) : Mono.just(false));
    }

    /** Whether the caller judges the submission's challenge but has a conflict with it. */
    private Mono<Boolean> conflictedJudge(SubmissionRepository.Row row, CurrentUser user) {
        if (user == null) {
            return Mono.just(false);
        }
        return access.isJudgeOf(row.eventId(), row.challengeId(), user)
                .flatMap(judge -> judge ? conflicted(row, user) : Mono.just(false));
    }

    private Mono<Boolean> conflicted(SubmissionRepository.Row row, CurrentUser user) {
        JudgeConflictPort port = conflicts.getIfAvailable();
        if (port == null) {
            return Mono.just(false);
        }
        var subject =
                new JudgeConflictPort.Subject(
                        row.id(), row.eventId(), row.challengeId(), row.teamId());
        return port.conflicted(subject, user.id());
    }

    /** The caller's roles around the submission, asked one after the other. */
    Mono<Roles> roles(SubmissionRepository.Row row, CurrentUser user) {
        if (user == null) {
            return Mono.just(Roles.NONE);
        }
        // one after the other (concat, not zip): callers may hold a transaction
        return Flux.concat(
                        teams.isMember(row.teamId(), user.id()),
                        mentorOf(row.eventId(), row.challengeId(), user),
                        access.isOrganizer(row.eventId(), user),
                        clearJudgeOf(row, user))
                .collectList()
                .map(r -> new Roles(r.get(0), r.get(1), r.get(2), r.get(3)));
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
        return readable(ctx.row().id(), user).then(Mono.error(MinkaException::forbidden));
    }

    /** On its team, with SUBMISSION open (plus grace); checked again when the write commits. */
    Mono<Context> writable(UUID id, CurrentUser user) {
        return member(id, user)
                .flatMap(ctx -> openFor(ctx, SubmissionWindow.grace(ctx.settings())));
    }

    /** On its team, with SUBMISSION open without grace: for draft edits. */
    Mono<Context> editable(UUID id, CurrentUser user) {
        return member(id, user).flatMap(ctx -> openFor(ctx, 0));
    }

    private Mono<Context> openFor(Context ctx, int graceMinutes) {
        return window.requireOpen(ctx.row().eventId(), graceMinutes).thenReturn(ctx);
    }

    /**
     * Whether the caller may list these submissions of the event: organizers all, members their
     * team's, mentors (and judges once JUDGING opens) their challenge's.
     */
    Mono<Boolean> mayList(UUID eventId, UUID teamId, UUID challengeId, CurrentUser user) {
        return Flux.concat(
                        Mono.defer(() -> access.isOrganizer(eventId, user)),
                        Mono.defer(() -> memberOf(teamId, user)),
                        Mono.defer(() -> challengeReader(eventId, challengeId, user)))
                .any(yes -> yes);
    }

    /**
     * Of a page listed by challenge, the submissions hidden from the caller: none for organizers,
     * team members and mentors; for a caller who lists only as a judge, those they have a conflict
     * with, which read as absent here as they do by id.
     */
    Mono<java.util.Set<UUID>> hiddenInList(
            List<SubmissionRepository.Row> rows,
            UUID eventId,
            UUID teamId,
            UUID challengeId,
            CurrentUser user) {
        if (rows.isEmpty() || challengeId == null || conflicts.getIfAvailable() == null) {
            return Mono.just(java.util.Set.of());
        }
        return Flux.concat(
                        Mono.defer(() -> access.isOrganizer(eventId, user)),
                        Mono.defer(() -> memberOf(teamId, user)),
                        Mono.defer(() -> mentorOf(eventId, challengeId, user)))
                .any(yes -> yes)
                .flatMap(
                        insider -> insider ? Mono.just(java.util.Set.of()) : conflicts(rows, user));
    }

    private Mono<java.util.Set<UUID>> conflicts(
            List<SubmissionRepository.Row> rows, CurrentUser user) {
        return Flux.fromIterable(rows)
                .filterWhen(row -> conflicted(row, user))
                .map(SubmissionRepository.Row::id)
                .collect(java.util.stream.Collectors.toSet());
    }

    private Mono<Boolean> memberOf(UUID teamId, CurrentUser user) {
        return teamId == null ? Mono.just(false) : teams.isMember(teamId, user.id());
    }

    private Mono<Boolean> challengeReader(UUID eventId, UUID challengeId, CurrentUser user) {
        if (challengeId == null) {
            return Mono.just(false);
        }
        return mentorOf(eventId, challengeId, user)
                .flatMap(m -> m ? Mono.just(true) : judgeOf(eventId, challengeId, user));
    }

    private Mono<Boolean> mentorOf(UUID eventId, UUID challengeId, CurrentUser user) {
        return access.isMentorOf(eventId, challengeId, user);
    }

    /** Whether the caller judges this challenge and JUDGING has opened: when judges read. */
    Mono<Boolean> judgeOf(UUID eventId, UUID challengeId, CurrentUser user) {
        return access.isJudgeOf(eventId, challengeId, user)
                .flatMap(judge -> judge ? judgingOpened(eventId) : Mono.just(false));
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
