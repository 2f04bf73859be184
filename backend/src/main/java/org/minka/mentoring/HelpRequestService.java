package org.minka.mentoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.notification.Notification;
import org.minka.notification.Notifier;
import org.minka.security.CurrentUser;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Help requests: team members open them on a challenge they entered; mentors of that challenge (or
 * of the whole event) see the queue and claim one, and only one claim wins; the thread is read and
 * written by the team, those mentors and the organizers. Everyone else gets 404.
 */
@Service
class HelpRequestService {

    private final HelpRequestRepository requests;
    private final EventAccess access;
    private final TeamLookup teams;
    private final Notifier notifier;
    private final CommentThreads threads;

    HelpRequestService(
            HelpRequestRepository requests,
            EventAccess access,
            TeamLookup teams,
            Notifier notifier,
            CommentThreads threads) {
        this.requests = requests;
        this.access = access;
        this.teams = teams;
        this.notifier = notifier;
        this.threads = threads;
    }

    /** What the caller is to a request. */
    private record Role(boolean member, boolean mentor, boolean organizer) {
        boolean any() {
            return member || mentor || organizer;
        }
    }

    private static <T> Mono<T> fail(ProblemType type, Object... args) {
        return Mono.error(new MinkaException(type, args));
    }

    @Transactional
    Mono<HelpRequest> open(UUID eventId, HelpRequest.Open open, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.isMember(open.teamId(), user.id()))
                .flatMap(
                        member ->
                                member
                                        ? teams.hasEntered(
                                                eventId, open.teamId(), open.challengeId())
                                        : Mono.error(
                                                MinkaException.invalid(
                                                        "teamId",
                                                        "you are not a member of this team")))
                .flatMap(
                        entered ->
                                entered
                                        ? requests.insert(eventId, open, user.id())
                                        : fail(ProblemType.CHALLENGE_NOT_ENTERED));
    }

    /**
     * The queue: organizers see every request, mentors those of the challenges they mentor, and
     * team members (with {@code teamId}) their team's. Others get 403.
     */
    Mono<List<HelpRequest>> list(
            UUID eventId, UUID teamId, UUID challengeId, String status, CurrentUser user) {
        return access.visible(eventId, user)
                .then(access.isOrganizer(eventId, user))
                .flatMap(
                        organizer -> {
                            if (organizer) {
                                return requests.list(eventId, teamId, challengeId, status)
                                        .collectList();
                            }
                            Mono<Boolean> member =
                                    teamId == null
                                            ? Mono.just(false)
                                            : teams.isMember(teamId, user.id());
                            return member.flatMap(
                                    inTeam ->
                                            inTeam
                                                    ? requests.list(
                                                                    eventId,
                                                                    teamId,
                                                                    challengeId,
                                                                    status)
                                                            .collectList()
                                                    : mentorQueue(
                                                            eventId,
                                                            teamId,
                                                            challengeId,
                                                            status,
                                                            user));
                        });
    }

    private Mono<List<HelpRequest>> mentorQueue(
            UUID eventId, UUID teamId, UUID challengeId, String status, CurrentUser user) {
        // With no challenge, isMentorOf asks whether the user mentors any challenge of the event.
        return access.isMentorOf(eventId, null, user)
                .flatMap(
                        mentor ->
                                mentor
                                        ? requests.list(eventId, teamId, challengeId, status)
                                                .collectList()
                                                .flatMapMany(Flux::fromIterable)
                                                .filterWhen(
                                                        r ->
                                                                access.isMentorOf(
                                                                        eventId,
                                                                        r.challengeId(),
                                                                        user))
                                                .collectList()
                                        : Mono.error(MinkaException.forbidden()));
    }

    Mono<HelpRequest> get(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user).map(found -> found.request());
    }

    private record Found(HelpRequest request, Role role) {}

    /**
     * The request with the caller's role, or 404 when they may not read it. The checks run one
     * after the other: callers hold a transaction, whose connection serves one query at a time.
     */
    private Mono<Found> readable(UUID eventId, UUID id, CurrentUser user) {
        return access.visible(eventId, user)
                .then(requests.find(eventId, id))
                .flatMap(
                        request ->
                                teams.isMember(request.teamId(), user.id())
                                        .flatMap(
                                                member ->
                                                        access.isMentorOf(
                                                                        eventId,
                                                                        request.challengeId(),
                                                                        user)
                                                                .flatMap(
                                                                        mentor ->
                                                                                access.isOrganizer(
                                                                                                eventId,
                                                                                                user)
                                                                                        .map(
                                                                                                organizer ->
                                                                                                        new Found(
                                                                                                                request,
                                                                                                                new Role(
                                                                                                                        member,
                                                                                                                        mentor,
                                                                                                                        organizer))))))
                .filter(found -> found.role().any())
                .switchIfEmpty(Mono.error(MinkaException.notFound("help request")));
    }

    /**
     * Claims the request (a mentor of its challenge); exactly one of many concurrent claims wins.
     */
    @Transactional
    Mono<HelpRequest> claim(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(
                        found ->
                                found.role().mentor()
                                        ? requests.claim(id, user.id())
                                        : Mono.error(MinkaException.forbidden()))
                .flatMap(
                        n ->
                                n == 1
                                        ? requests.find(eventId, id)
                                        : fail(ProblemType.ALREADY_CLAIMED))
                .flatMap(
                        request ->
                                tellTeam(
                                                request,
                                                user,
                                                Notification.HELP_CLAIMED,
                                                Map.of("mentor", name(user)))
                                        .thenReturn(request));
    }

    /** Resolves the request (a team member, the claiming mentor, or an organizer). */
    @Transactional
    Mono<HelpRequest> resolve(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(
                        found ->
                                found.role().member()
                                                || found.role().organizer()
                                                || user.id().equals(found.request().claimedBy())
                                        ? requests.resolve(id)
                                        : Mono.error(MinkaException.forbidden()))
                .flatMap(
                        n ->
                                n == 1
                                        ? requests.find(eventId, id)
                                        : fail(ProblemType.NO_LONGER_PENDING, "RESOLVED"));
    }

    /** Reopens a resolved request (a team member or an organizer). */
    @Transactional
    Mono<HelpRequest> reopen(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(
                        found ->
                                found.role().member() || found.role().organizer()
                                        ? requests.reopen(id)
                                        : Mono.error(MinkaException.forbidden()))
                .flatMap(
                        n ->
                                n == 1
                                        ? requests.find(eventId, id)
                                        : fail(ProblemType.NO_LONGER_PENDING, "OPEN"));
    }

    /** The request's comment thread as the caller stands to it. */
    private CommentThreads.Thread thread(Found found) {
        HelpRequest request = found.request();
        return new CommentThreads.Thread(
                HelpRequestRepository.THREAD,
                request.id(),
                request.eventId(),
                found.role().organizer(),
                userId -> mayRead(request, userId),
                withRequest(request, Map.of("topic", request.topic())));
    }

    Mono<List<Comment>> thread(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user).flatMap(found -> threads.list(thread(found), null));
    }

    /**
     * Writes a comment (anyone who may read the request). A mentor's or organizer's comment
     * notifies the team; a team member's notifies the claiming mentor.
     */
    @Transactional
    Mono<Comment> comment(UUID eventId, UUID id, Comment.Write write, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(
                        found ->
                                threads.write(
                                        thread(found),
                                        user,
                                        new CommentThreads.Draft(
                                                write.body(),
                                                write.parentId(),
                                                write.mentions(),
                                                null,
                                                null),
                                        audience(found, user)));
    }

    private CommentThreads.Audience audience(Found found, CurrentUser user) {
        HelpRequest request = found.request();
        if (found.role().member()) {
            return request.claimedBy() == null
                    ? CommentThreads.Audience.nobody()
                    : new CommentThreads.Audience(
                            Notification.HELP_COMMENT, Flux.just(request.claimedBy()));
        }
        return new CommentThreads.Audience(
                Notification.HELP_ANSWERED, teams.memberIds(request.teamId()));
    }

    /** Whether this user (by id) may read the request's thread. */
    private Mono<Boolean> mayRead(HelpRequest request, UUID userId) {
        return teams.isMember(request.teamId(), userId)
                .flatMap(
                        member ->
                                member
                                        ? Mono.just(true)
                                        : access.isMentorOrOrganizer(
                                                request.eventId(), request.challengeId(), userId));
    }

    private Mono<Void> tellTeam(
            HelpRequest request, CurrentUser user, String kind, Map<String, Object> data) {
        return teams.memberIds(request.teamId())
                .filter(member -> !member.equals(user.id()))
                .collectList()
                .flatMap(
                        members ->
                                notifier.notifyAll(
                                        members,
                                        request.eventId(),
                                        kind,
                                        withRequest(request, data)));
    }

    private static Map<String, Object> withRequest(HelpRequest request, Map<String, Object> data) {
        Map<String, Object> all = new java.util.LinkedHashMap<>(data);
        all.put("helpRequestId", request.id());
        all.put("challengeId", request.challengeId());
        all.put("teamId", request.teamId());
        return all;
    }

    private static String name(CurrentUser user) {
        return user.name() == null ? "" : user.name();
    }

    /** Edits my comment within 15 minutes of writing it. */
    @Transactional
    Mono<Comment> edit(UUID eventId, UUID id, UUID commentId, Comment.Edit edit, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(found -> threads.edit(thread(found), commentId, edit.body(), user));
    }

    /** Deletes a comment softly (its author or an organizer); a placeholder stays in the thread. */
    @Transactional
    Mono<Void> delete(UUID eventId, UUID id, UUID commentId, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(found -> threads.delete(thread(found), commentId, user));
    }

    Mono<HelpRequest.Stats> stats(UUID eventId, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .then(requests.stats(eventId))
                .flatMap(
                        stats ->
                                requests.mentorLoad(eventId)
                                        .collectList()
                                        .map(
                                                mentors ->
                                                        new HelpRequest.Stats(
                                                                stats.open(),
                                                                stats.claimed(),
                                                                stats.resolved(),
                                                                stats.oldestOpenSeconds(),
                                                                stats.medianWaitSeconds(),
                                                                mentors)));
    }
}
