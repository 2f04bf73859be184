package org.minka.mentoring;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.SafeMarkdown;
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
    private final SafeMarkdown markdown;

    HelpRequestService(
            HelpRequestRepository requests,
            EventAccess access,
            TeamLookup teams,
            Notifier notifier,
            SafeMarkdown markdown) {
        this.requests = requests;
        this.access = access;
        this.teams = teams;
        this.notifier = notifier;
        this.markdown = markdown;
    }

    /** The comment with its body rendered to safe HTML. */
    private HelpRequest.Comment rendered(HelpRequest.Comment c) {
        return new HelpRequest.Comment(
                c.id(),
                c.parentId(),
                c.authorId(),
                c.authorName(),
                c.body(),
                markdown.render(c.body()),
                c.edited(),
                c.deleted(),
                c.createdAt(),
                c.editedAt());
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

    Mono<List<HelpRequest.Comment>> thread(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(found -> requests.thread(id).map(this::rendered).collectList());
    }

    /**
     * Writes a comment (anyone who may read the request). A mentor's or organizer's comment
     * notifies the team; a team member's notifies the claiming mentor.
     */
    @Transactional
    Mono<HelpRequest.Comment> comment(
            UUID eventId, UUID id, HelpRequest.Write write, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(
                        found ->
                                parentInThread(id, write.parentId())
                                        .then(
                                                requests.insertComment(
                                                        eventId,
                                                        id,
                                                        write.parentId(),
                                                        user.id(),
                                                        write.body()))
                                        .flatMap(commentId -> requests.findComment(id, commentId))
                                        .map(this::rendered)
                                        .flatMap(
                                                comment ->
                                                        notifyComment(found, user, comment)
                                                                .then(
                                                                        notifyMentions(
                                                                                found.request(),
                                                                                user,
                                                                                comment,
                                                                                write.mentions()))
                                                                .thenReturn(comment)));
    }

    private Mono<Void> parentInThread(UUID id, UUID parentId) {
        if (parentId == null) {
            return Mono.empty();
        }
        return requests.inThread(id, parentId)
                .flatMap(
                        found ->
                                found
                                        ? Mono.<Void>empty()
                                        : Mono.error(
                                                MinkaException.invalid(
                                                        "parentId",
                                                        "no such comment in this thread")));
    }

    private Mono<Void> notifyComment(Found found, CurrentUser user, HelpRequest.Comment comment) {
        HelpRequest request = found.request();
        Map<String, Object> data =
                Map.of("commentId", comment.id(), "from", name(user), "topic", request.topic());
        if (found.role().member()) {
            return request.claimedBy() == null || request.claimedBy().equals(user.id())
                    ? Mono.empty()
                    : notifier.notify(
                            request.claimedBy(),
                            request.eventId(),
                            Notification.HELP_COMMENT,
                            withRequest(request, data));
        }
        return tellTeam(request, user, Notification.HELP_ANSWERED, data);
    }

    /**
     * Notifies each mentioned user who may read the thread. Anyone else is dropped without a word,
     * so a mention never tells the writer who exists.
     */
    private Mono<Void> notifyMentions(
            HelpRequest request,
            CurrentUser user,
            HelpRequest.Comment comment,
            List<UUID> mentions) {
        if (mentions == null || mentions.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(new java.util.LinkedHashSet<>(mentions))
                .filter(mentioned -> !mentioned.equals(user.id()))
                .concatMap(
                        mentioned ->
                                mayRead(request, mentioned)
                                        .filter(may -> may)
                                        .map(may -> mentioned))
                .collectList()
                .flatMap(
                        readers ->
                                notifier.notifyAll(
                                        readers,
                                        request.eventId(),
                                        Notification.MENTION,
                                        withRequest(
                                                request,
                                                Map.of(
                                                        "commentId",
                                                        comment.id(),
                                                        "from",
                                                        name(user)))));
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
    Mono<HelpRequest.Comment> edit(
            UUID eventId, UUID id, UUID commentId, HelpRequest.Edit edit, CurrentUser user) {
        return readable(eventId, id, user)
                .then(requests.findComment(id, commentId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("comment")))
                .flatMap(
                        comment -> {
                            if (!comment.authorId().equals(user.id())) {
                                return Mono.error(MinkaException.forbidden());
                            }
                            if (comment.deleted()) {
                                return Mono.error(MinkaException.notFound("comment"));
                            }
                            return requests.edit(commentId, user.id(), edit.body())
                                    .flatMap(
                                            n ->
                                                    n == 1
                                                            ? requests.findComment(id, commentId)
                                                                    .map(this::rendered)
                                                            : fail(ProblemType.EDIT_WINDOW_CLOSED));
                        });
    }

    /** Deletes a comment softly (its author or an organizer); a placeholder stays in the thread. */
    @Transactional
    Mono<Void> delete(UUID eventId, UUID id, UUID commentId, CurrentUser user) {
        return readable(eventId, id, user)
                .flatMap(
                        found ->
                                requests.findComment(id, commentId)
                                        .switchIfEmpty(
                                                Mono.error(MinkaException.notFound("comment")))
                                        .flatMap(
                                                comment ->
                                                        comment.authorId().equals(user.id())
                                                                        || found.role().organizer()
                                                                ? requests.softDelete(
                                                                        commentId, user.id())
                                                                : Mono.error(
                                                                        MinkaException
                                                                                .forbidden())))
                .then();
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
