package org.minka.mentoring;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
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

    @Transactional
    Mono<HelpRequest> open(UUID eventId, HelpRequest.Open open, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.entry(eventId, open.teamId(), open.challengeId(), user.id()))
                .flatMap(HelpRequestService::checkEntry)
                .then(requests.insert(eventId, open, user.id()));
    }

    /** On the team (else 400), and the team entered the challenge (else 409). */
    private static Mono<Void> checkEntry(TeamLookup.Entry entry) {
        if (!entry.member()) {
            return Mono.error(MinkaException.invalid("teamId", NOT_A_MEMBER));
        }
        if (!entry.entered()) {
            return Mono.error(new MinkaException(ProblemType.CHALLENGE_NOT_ENTERED));
        }
        return Mono.empty();
    }

    private static final String NOT_A_MEMBER = "you are not a member of this team";

    /**
     * The queue, oldest first with cursor paging: organizers see every request, mentors those of
     * the challenges they mentor, and team members (with {@code teamId}) their team's. Others get
     * 403.
     */
    Mono<CursorPage<HelpRequest>> list(
            UUID eventId,
            UUID teamId,
            UUID challengeId,
            String status,
            PageRequest page,
            CurrentUser user) {
        HelpRequestRepository.Filter all =
                new HelpRequestRepository.Filter(teamId, challengeId, status, null);
        return access.standing(eventId, user)
                .flatMap(standing -> filter(standing, all, user))
                .flatMap(filter -> requests.list(eventId, filter, page).collectList())
                .map(rows -> page(rows, page));
    }

    private static CursorPage<HelpRequest> page(List<HelpRequest> rows, PageRequest page) {
        return CursorPage.of(rows, page, HelpRequest::createdAt, HelpRequest::id, r -> r);
    }

    /**
     * Organizers read every request and mentors those of the challenges they mentor (both from the
     * standing already read); members read their team's (with {@code teamId}); anyone else is
     * refused.
     */
    private Mono<HelpRequestRepository.Filter> filter(
            EventAccess.Standing standing, HelpRequestRepository.Filter all, CurrentUser user) {
        if (standing.organizer()) {
            return Mono.just(all);
        }
        Mono<HelpRequestRepository.Filter> mentor = mentorFilter(standing, all);
        if (all.teamId() == null) {
            return mentor;
        }
        return teams.isMember(all.teamId(), user.id())
                .flatMap(member -> member ? Mono.just(all) : mentor);
    }

    /** Mentors read the requests of the challenges they mentor; anyone else is refused. */
    private static Mono<HelpRequestRepository.Filter> mentorFilter(
            EventAccess.Standing standing, HelpRequestRepository.Filter filter) {
        EventAccess.ChallengeScope scope = standing.mentors();
        if (scope.none()) {
            return Mono.error(MinkaException.forbidden());
        }
        return Mono.just(scope.all() ? filter : within(filter, scope.challengeIds()));
    }

    private static HelpRequestRepository.Filter within(
            HelpRequestRepository.Filter filter, Set<UUID> challenges) {
        return new HelpRequestRepository.Filter(
                filter.teamId(), filter.challengeId(), filter.status(), challenges);
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
        return access.standing(eventId, user)
                .flatMap(standing -> found(standing, eventId, id, user))
                .filter(found -> found.role().any())
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("help request")));
    }

    private Mono<Found> found(
            EventAccess.Standing standing, UUID eventId, UUID id, CurrentUser user) {
        return requests.find(eventId, id).flatMap(request -> withRole(standing, request, user));
    }

    /** The caller's role: mentor and organizer from the standing, then the team's membership. */
    private Mono<Found> withRole(
            EventAccess.Standing standing, HelpRequest request, CurrentUser user) {
        boolean mentor = standing.mentorOf(request.challengeId());
        return teams.isMember(request.teamId(), user.id())
                .map(m -> new Found(request, new Role(m, mentor, standing.organizer())));
    }

    /**
     * Claims the request (a mentor of its challenge); exactly one of many concurrent claims wins.
     */
    @Transactional
    Mono<HelpRequest> claim(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user)
                .filter(found -> found.role().mentor())
                .switchIfEmpty(Mono.error(MinkaException::forbidden))
                .then(
                        Checks.updatedOrFail(
                                requests.claim(id, user.id()),
                                () -> new MinkaException(ProblemType.ALREADY_CLAIMED)))
                .then(requests.find(eventId, id))
                .flatMap(request -> claimed(request, user));
    }

    private Mono<HelpRequest> claimed(HelpRequest request, CurrentUser user) {
        Map<String, Object> data = Map.of("mentor", name(user));
        return tellTeam(request, user, Notification.HELP_CLAIMED, data).thenReturn(request);
    }

    /** Resolves the request (a team member, the claiming mentor, or an organizer). */
    @Transactional
    Mono<HelpRequest> resolve(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user)
                .filter(found -> mayResolve(found, user))
                .switchIfEmpty(Mono.error(MinkaException::forbidden))
                .then(
                        Checks.updatedOrFail(
                                requests.resolve(id),
                                () ->
                                        new MinkaException(
                                                ProblemType.NO_LONGER_PENDING, "RESOLVED")))
                .then(requests.find(eventId, id));
    }

    private static boolean mayResolve(Found found, CurrentUser user) {
        return found.role().member()
                || found.role().organizer()
                || user.id().equals(found.request().claimedBy());
    }

    /** Reopens a resolved request (a team member or an organizer). */
    @Transactional
    Mono<HelpRequest> reopen(UUID eventId, UUID id, CurrentUser user) {
        return readable(eventId, id, user)
                .filter(found -> found.role().member() || found.role().organizer())
                .switchIfEmpty(Mono.error(MinkaException::forbidden))
                .then(
                        Checks.updatedOrFail(
                                requests.reopen(id),
                                () -> new MinkaException(ProblemType.NO_LONGER_PENDING, "OPEN")))
                .then(requests.find(eventId, id));
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
        CommentThreads.Draft draft =
                new CommentThreads.Draft(
                        write.body(), write.parentId(), write.mentions(), null, null);
        return readable(eventId, id, user)
                .flatMap(found -> threads.write(thread(found), user, draft, audience(found, user)));
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
        return Flux.concat(
                        Mono.defer(() -> teams.isMember(request.teamId(), userId)),
                        Mono.defer(
                                () ->
                                        access.isMentorOrOrganizer(
                                                request.eventId(), request.challengeId(), userId)))
                .any(yes -> yes);
    }

    private Mono<Void> tellTeam(
            HelpRequest request, CurrentUser user, String kind, Map<String, Object> data) {
        Map<String, Object> all = withRequest(request, data);
        return teams.memberIds(request.teamId())
                .filter(member -> !member.equals(user.id()))
                .collectList()
                .flatMap(members -> notifier.notifyAll(members, request.eventId(), kind, all));
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
}
