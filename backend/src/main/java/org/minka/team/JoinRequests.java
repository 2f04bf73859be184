package org.minka.team;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess.EventFacts;
import org.minka.notification.Notification;
import org.minka.notification.Notifier;
import org.minka.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Citizens' requests to join a team. Approving seats the requester through the same conditional
 * updates as a join by code, in the same transaction as the status change.
 */
@Service
class JoinRequests {

    private final TeamRepository teams;
    private final RegistrationRepository registrations;
    private final InvitationRepository invitations;
    private final TeamGuards guards;
    private final Seats seats;
    private final TeamViews views;
    private final Notifier notifier;

    JoinRequests(
            TeamRepository teams,
            RegistrationRepository registrations,
            InvitationRepository invitations,
            TeamGuards guards,
            Seats seats,
            TeamViews views,
            Notifier notifier) {
        this.teams = teams;
        this.registrations = registrations;
        this.invitations = invitations;
        this.guards = guards;
        this.seats = seats;
        this.views = views;
        this.notifier = notifier;
    }

    /** Asks to join a team (a registered citizen who is not in it, while REGISTRATION is open). */
    @Transactional
    Mono<Invitation.Request> ask(
            UUID eventId, UUID teamId, Invitation.Ask request, CurrentUser user) {
        String message = request == null ? null : request.message();
        return guards.registrationOpen(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")))
                .flatMap(team -> insertRequest(team, message, user))
                .flatMap(id -> invitations.findRequest(eventId, id))
                .flatMap(asked -> views.named(List.of(asked)))
                .map(named -> named.get(0))
                .flatMap(this::notifyCaptain);
    }

    /** The team's join requests (its members and the event's organizers). */
    Mono<List<Invitation.Request>> teamRequests(UUID eventId, UUID teamId, CurrentUser user) {
        return guards.insiderTeam(eventId, teamId, user)
                .flatMap(team -> invitations.findTeamRequests(teamId).collectList())
                .flatMap(views::named);
    }

    /** My requests to join teams of this event. */
    Mono<List<Invitation.Request>> myRequests(UUID eventId, CurrentUser user) {
        return guards.visible(eventId, user)
                .thenMany(invitations.findRequestsBy(eventId, user.id()))
                .collectList()
                .flatMap(views::named);
    }

    /** Approves a request and seats the requester (captain, while REGISTRATION is open). */
    @Transactional
    Mono<Team> approve(UUID eventId, UUID teamId, UUID requestId, CurrentUser user) {
        return guards.registrationOpen(eventId, user)
                .flatMap(event -> approveAndSeat(event, teamId, requestId, user))
                .flatMap(team -> views.one(team, true, user));
    }

    /** Declines a request (captain). */
    @Transactional
    Mono<Void> declineRequest(UUID eventId, UUID teamId, UUID requestId, CurrentUser user) {
        return guards.captainTeam(eventId, teamId, user)
                .then(teamRequest(eventId, teamId, requestId))
                .flatMap(request -> decide(request, "DECLINED", user));
    }

    /** Withdraws my own pending request. */
    @Transactional
    Mono<Void> cancel(UUID eventId, UUID requestId, CurrentUser user) {
        return guards.visible(eventId, user)
                .then(invitations.findRequest(eventId, requestId))
                .filter(request -> request.userId().equals(user.id()))
                .switchIfEmpty(Mono.error(MinkaException.notFound("join request")))
                .flatMap(request -> decide(request, "CANCELLED", user));
    }

    private Mono<UUID> insertRequest(
            TeamRepository.TeamRow team, String message, CurrentUser user) {
        return registrations
                .findActiveRegistration(team.eventId(), user.id())
                .switchIfEmpty(Mono.error(problem(ProblemType.NOT_REGISTERED)))
                .then(
                        Checks.require(
                                teams.isMember(team.id(), user.id()).map(member -> !member),
                                () -> problem(ProblemType.ALREADY_MEMBER)))
                .then(invitations.insertRequest(team.id(), team.eventId(), user.id(), message))
                .onErrorMap(
                        DuplicateKeyException.class,
                        ex -> problem(ProblemType.JOIN_REQUEST_EXISTS));
    }

    private Mono<Invitation.Request> notifyCaptain(Invitation.Request asked) {
        Map<String, Object> data =
                Map.of(
                        "requestId", asked.id(),
                        "teamId", asked.teamId(),
                        "teamName", asked.teamName(),
                        "from", asked.displayName() == null ? "" : asked.displayName());
        return teams.findTeam(asked.eventId(), asked.teamId())
                .flatMap(
                        team ->
                                notifier.notify(
                                        team.captainId(),
                                        asked.eventId(),
                                        Notification.TEAM_JOIN_REQUEST,
                                        data))
                .thenReturn(asked);
    }

    private Mono<TeamRepository.TeamRow> approveAndSeat(
            EventFacts event, UUID teamId, UUID requestId, CurrentUser user) {
        return guards.captainTeam(event.id(), teamId, user)
                .zipWhen(team -> teamRequest(event.id(), teamId, requestId))
                .flatMap(found -> approved(event, found.getT1(), found.getT2(), user));
    }

    private Mono<TeamRepository.TeamRow> approved(
            EventFacts event,
            TeamRepository.TeamRow team,
            Invitation.Request request,
            CurrentUser user) {
        return decide(request, "APPROVED", user).then(seats.add(event, team, request.userId()));
    }

    private Mono<Invitation.Request> teamRequest(UUID eventId, UUID teamId, UUID requestId) {
        return invitations
                .findRequest(eventId, requestId)
                .filter(request -> request.teamId().equals(teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("join request")));
    }

    private Mono<Void> decide(Invitation.Request request, String status, CurrentUser user) {
        if (!request.status().equals("PENDING")) {
            return Mono.error(problem(ProblemType.NO_LONGER_PENDING, request.status()));
        }
        return Checks.updatedOrFail(
                        invitations.decide(request.id(), status, user.id()),
                        () -> problem(ProblemType.NO_LONGER_PENDING, status))
                .then(tellRequester(request, status));
    }

    private Mono<Void> tellRequester(Invitation.Request request, String status) {
        if (status.equals("CANCELLED")) {
            return Mono.empty();
        }
        Map<String, Object> data =
                Map.of(
                        "requestId", request.id(),
                        "teamId", request.teamId(),
                        "teamName", request.teamName(),
                        "status", status);
        return notifier.notify(
                request.userId(), request.eventId(), Notification.TEAM_JOIN_REQUEST_DECIDED, data);
    }

    private static MinkaException problem(ProblemType type, Object... args) {
        return new MinkaException(type, args);
    }
}
