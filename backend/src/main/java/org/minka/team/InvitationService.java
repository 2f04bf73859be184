package org.minka.team;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.notification.Notification;
import org.minka.notification.Notifier;
import org.minka.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Invitations from captains and requests to join. Accepting or approving seats the person through
 * the same conditional updates as a join by code, in the same transaction as the status change.
 */
@Service
public class InvitationService {

    private final TeamService teams;
    private final TeamRepository teamRows;
    private final InvitationRepository invitations;
    private final Notifier notifier;

    InvitationService(
            TeamService teams,
            TeamRepository teamRows,
            InvitationRepository invitations,
            Notifier notifier) {
        this.teams = teams;
        this.teamRows = teamRows;
        this.invitations = invitations;
        this.notifier = notifier;
    }

    /** Invites a user or an email address to the team (captain, while REGISTRATION is open). */
    @Transactional
    public Mono<Invitation> invite(
            UUID eventId, UUID teamId, Invitation.Create request, CurrentUser user) {
        if ((request.userId() == null) == (request.email() == null || request.email().isBlank())) {
            return Mono.error(
                    MinkaException.invalid("userId", "give exactly one of userId and email"));
        }
        String email =
                request.email() == null ? null : request.email().strip().toLowerCase(Locale.ROOT);
        int days =
                request.expiresInDays() == null ? Invitation.DEFAULT_DAYS : request.expiresInDays();
        return teams.openEvent(eventId, user)
                .then(teams.captainTeam(eventId, teamId, user))
                .flatMap(
                        team ->
                                knownInvitee(request.userId())
                                        .then(
                                                invitations.isMemberByUserOrEmail(
                                                        teamId, request.userId(), email))
                                        .flatMap(
                                                member ->
                                                        member
                                                                ? TeamService.<Long>fail(
                                                                        ProblemType.ALREADY_MEMBER)
                                                                : invitations.expireLapsed(teamId))
                                        .then(
                                                invitations.insertInvitation(
                                                        teamId,
                                                        eventId,
                                                        user.id(),
                                                        request.userId(),
                                                        email,
                                                        days))
                                        .onErrorMap(
                                                DuplicateKeyException.class,
                                                ex ->
                                                        new MinkaException(
                                                                ProblemType.INVITATION_EXISTS)))
                .flatMap(id -> invitations.findInvitation(eventId, id))
                .flatMap(
                        invitation ->
                                invitations
                                        .invitees(invitation.id())
                                        .collectList()
                                        .flatMap(
                                                users ->
                                                        notifier.notifyAll(
                                                                users,
                                                                eventId,
                                                                Notification.TEAM_INVITATION,
                                                                Map.of(
                                                                        "invitationId",
                                                                        invitation.id(),
                                                                        "teamId",
                                                                        teamId,
                                                                        "teamName",
                                                                        invitation.teamName(),
                                                                        "expiresAt",
                                                                        invitation
                                                                                .expiresAt()
                                                                                .toString())))
                                        .thenReturn(invitation));
    }

    private Mono<Void> knownInvitee(UUID userId) {
        if (userId == null) {
            return Mono.empty();
        }
        return invitations
                .userExists(userId)
                .flatMap(
                        found ->
                                found
                                        ? Mono.<Void>empty()
                                        : TeamService.fail(ProblemType.UNKNOWN_USER, userId));
    }

    /** The team's invitations (its members and the event's organizers). */
    public Mono<List<Invitation>> teamInvitations(UUID eventId, UUID teamId, CurrentUser user) {
        return insiderTeam(eventId, teamId, user)
                .flatMap(team -> invitations.findTeamInvitations(teamId).collectList());
    }

    /** Withdraws a pending invitation (captain). */
    @Transactional
    public Mono<Void> revoke(UUID eventId, UUID teamId, UUID invitationId, CurrentUser user) {
        return teams.captainTeam(eventId, teamId, user)
                .then(invitations.findInvitation(eventId, invitationId))
                .filter(invitation -> invitation.teamId().equals(teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("invitation")))
                .flatMap(
                        invitation ->
                                pending(invitation)
                                        .then(invitations.respond(invitationId, "REVOKED", null))
                                        .flatMap(this::stillPending));
    }

    /** Invitations addressed to me in this event, by user id or by my verified email. */
    public Mono<List<Invitation>> mine(UUID eventId, CurrentUser user) {
        return teams.visibleEvent(eventId, user)
                .then(
                        invitations
                                .findInvitationsFor(eventId, user.id(), user.verifiedEmail())
                                .collectList());
    }

    /** Accepts an invitation addressed to me, and takes a seat in the team. */
    @Transactional
    public Mono<Team> accept(UUID eventId, UUID invitationId, CurrentUser user) {
        return teams.openEvent(eventId, user)
                .flatMap(
                        event ->
                                addressedToMe(eventId, invitationId, user)
                                        .flatMap(
                                                invitation ->
                                                        pending(invitation)
                                                                .then(
                                                                        invitations.respond(
                                                                                invitationId,
                                                                                "ACCEPTED",
                                                                                user.id()))
                                                                .flatMap(this::stillPending)
                                                                .then(
                                                                        teamRows.findTeam(
                                                                                eventId,
                                                                                invitation
                                                                                        .teamId()))
                                                                .switchIfEmpty(
                                                                        Mono.error(
                                                                                MinkaException
                                                                                        .notFound(
                                                                                                "team")))
                                                                .flatMap(
                                                                        team ->
                                                                                teams.addMember(
                                                                                        event,
                                                                                        team,
                                                                                        user
                                                                                                .id()))))
                .flatMap(team -> teams.view(team, true));
    }

    /** Declines an invitation addressed to me. */
    @Transactional
    public Mono<Void> decline(UUID eventId, UUID invitationId, CurrentUser user) {
        return teams.visibleEvent(eventId, user)
                .then(addressedToMe(eventId, invitationId, user))
                .flatMap(
                        invitation ->
                                pending(invitation)
                                        .then(
                                                invitations.respond(
                                                        invitationId, "DECLINED", user.id()))
                                        .flatMap(this::stillPending));
    }

    private Mono<Invitation> addressedToMe(UUID eventId, UUID invitationId, CurrentUser user) {
        String email = user.verifiedEmail();
        return invitations
                .findInvitation(eventId, invitationId)
                .filter(
                        invitation ->
                                user.id().equals(invitation.inviteeUserId())
                                        || (email != null
                                                && email.equals(invitation.inviteeEmail())))
                .switchIfEmpty(Mono.error(MinkaException.notFound("invitation")));
    }

    private static Mono<Void> pending(Invitation invitation) {
        return switch (invitation.status()) {
            case "PENDING" -> Mono.empty();
            case "EXPIRED" -> TeamService.fail(ProblemType.INVITATION_EXPIRED);
            default -> TeamService.fail(ProblemType.NO_LONGER_PENDING, invitation.status());
        };
    }

    private Mono<Void> stillPending(long updated) {
        return updated == 1
                ? Mono.empty()
                : TeamService.fail(ProblemType.NO_LONGER_PENDING, "EXPIRED");
    }

    /** Asks to join a team (a registered citizen who is not in it, while REGISTRATION is open). */
    @Transactional
    public Mono<Invitation.Request> ask(
            UUID eventId, UUID teamId, Invitation.Ask request, CurrentUser user) {
        return teams.openEvent(eventId, user)
                .then(teamRows.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")))
                .flatMap(
                        team ->
                                teamRows.findActiveRegistration(eventId, user.id())
                                        .switchIfEmpty(TeamService.fail(ProblemType.NOT_REGISTERED))
                                        .then(teamRows.isMember(teamId, user.id()))
                                        .flatMap(
                                                member ->
                                                        member
                                                                ? TeamService.<UUID>fail(
                                                                        ProblemType.ALREADY_MEMBER)
                                                                : invitations.insertRequest(
                                                                        teamId,
                                                                        eventId,
                                                                        user.id(),
                                                                        request == null
                                                                                ? null
                                                                                : request
                                                                                        .message()))
                                        .onErrorMap(
                                                DuplicateKeyException.class,
                                                ex ->
                                                        new MinkaException(
                                                                ProblemType.JOIN_REQUEST_EXISTS)))
                .flatMap(id -> invitations.findRequest(eventId, id))
                .flatMap(
                        asked ->
                                teamRows.findTeam(eventId, teamId)
                                        .flatMap(
                                                team ->
                                                        notifier.notify(
                                                                team.captainId(),
                                                                eventId,
                                                                Notification.TEAM_JOIN_REQUEST,
                                                                Map.of(
                                                                        "requestId",
                                                                        asked.id(),
                                                                        "teamId",
                                                                        teamId,
                                                                        "teamName",
                                                                        asked.teamName(),
                                                                        "from",
                                                                        asked.displayName() == null
                                                                                ? ""
                                                                                : asked
                                                                                        .displayName())))
                                        .thenReturn(asked));
    }

    /** The team's join requests (its members and the event's organizers). */
    public Mono<List<Invitation.Request>> teamRequests(
            UUID eventId, UUID teamId, CurrentUser user) {
        return insiderTeam(eventId, teamId, user)
                .flatMap(team -> invitations.findTeamRequests(teamId).collectList());
    }

    /** My requests to join teams of this event. */
    public Mono<List<Invitation.Request>> myRequests(UUID eventId, CurrentUser user) {
        return teams.visibleEvent(eventId, user)
                .then(invitations.findRequestsBy(eventId, user.id()).collectList());
    }

    /** Approves a request and seats the requester (captain, while REGISTRATION is open). */
    @Transactional
    public Mono<Team> approve(UUID eventId, UUID teamId, UUID requestId, CurrentUser user) {
        return teams.openEvent(eventId, user)
                .flatMap(
                        event ->
                                teams.captainTeam(eventId, teamId, user)
                                        .flatMap(
                                                team ->
                                                        teamRequest(eventId, teamId, requestId)
                                                                .flatMap(
                                                                        request ->
                                                                                decide(
                                                                                                request,
                                                                                                "APPROVED",
                                                                                                user)
                                                                                        .then(
                                                                                                teams
                                                                                                        .addMember(
                                                                                                                event,
                                                                                                                team,
                                                                                                                request
                                                                                                                        .userId())))))
                .flatMap(team -> teams.view(team, true));
    }

    /** Declines a request (captain). */
    @Transactional
    public Mono<Void> declineRequest(UUID eventId, UUID teamId, UUID requestId, CurrentUser user) {
        return teams.captainTeam(eventId, teamId, user)
                .then(teamRequest(eventId, teamId, requestId))
                .flatMap(request -> decide(request, "DECLINED", user));
    }

    /** Withdraws my own pending request. */
    @Transactional
    public Mono<Void> cancel(UUID eventId, UUID requestId, CurrentUser user) {
        return teams.visibleEvent(eventId, user)
                .then(invitations.findRequest(eventId, requestId))
                .filter(request -> request.userId().equals(user.id()))
                .switchIfEmpty(Mono.error(MinkaException.notFound("join request")))
                .flatMap(request -> decide(request, "CANCELLED", user));
    }

    private Mono<Invitation.Request> teamRequest(UUID eventId, UUID teamId, UUID requestId) {
        return invitations
                .findRequest(eventId, requestId)
                .filter(request -> request.teamId().equals(teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("join request")));
    }

    private Mono<Void> decide(Invitation.Request request, String status, CurrentUser user) {
        if (!request.status().equals("PENDING")) {
            return TeamService.fail(ProblemType.NO_LONGER_PENDING, request.status());
        }
        Mono<Void> tell =
                status.equals("CANCELLED")
                        ? Mono.empty()
                        : notifier.notify(
                                request.userId(),
                                request.eventId(),
                                Notification.TEAM_JOIN_REQUEST_DECIDED,
                                Map.of(
                                        "requestId",
                                        request.id(),
                                        "teamId",
                                        request.teamId(),
                                        "teamName",
                                        request.teamName(),
                                        "status",
                                        status));
        return invitations
                .decide(request.id(), status, user.id())
                .flatMap(
                        n ->
                                n == 1
                                        ? tell
                                        : TeamService.fail(ProblemType.NO_LONGER_PENDING, status));
    }

    private Mono<TeamRepository.TeamRow> insiderTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return teams.visibleEvent(eventId, user)
                .then(teamRows.findTeam(eventId, teamId))
                .filterWhen(team -> teams.insider(team, user))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }
}
