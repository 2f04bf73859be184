package org.minka.team;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess.EventFacts;
import org.minka.notification.Notification;
import org.minka.notification.Notifier;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Captains' invitations. Accepting seats the person through the same conditional updates as a join
 * by code, in the same transaction as the status change.
 */
@Service
class InvitationService {

    private final TeamRepository teams;
    private final InvitationRepository invitations;
    private final TeamGuards guards;
    private final Seats seats;
    private final TeamViews views;
    private final UserDirectory users;
    private final Notifier notifier;

    InvitationService(
            TeamRepository teams,
            InvitationRepository invitations,
            TeamGuards guards,
            Seats seats,
            TeamViews views,
            UserDirectory users,
            Notifier notifier) {
        this.teams = teams;
        this.invitations = invitations;
        this.guards = guards;
        this.seats = seats;
        this.views = views;
        this.users = users;
        this.notifier = notifier;
    }

    /** Who is invited: a known user or an email address, normalised. */
    private record Invitee(UUID userId, String email, int days) {

        static Invitee of(Invitation.Create request) {
            String email = request.email();
            return new Invitee(
                    request.userId(),
                    email == null ? null : email.strip().toLowerCase(Locale.ROOT),
                    request.expiresInDays() == null
                            ? Invitation.DEFAULT_DAYS
                            : request.expiresInDays());
        }
    }

    /** Invites a user or an email address to the team (captain, while REGISTRATION is open). */
    @Transactional
    Mono<Invitation> invite(
            UUID eventId, UUID teamId, Invitation.Create request, CurrentUser user) {
        boolean noEmail = request.email() == null || request.email().isBlank();
        if ((request.userId() == null) == noEmail) {
            return Mono.error(
                    MinkaException.invalid("userId", "give exactly one of userId and email"));
        }
        Invitee invitee = Invitee.of(request);
        return guards.registrationOpen(eventId, user)
                .then(guards.captainTeam(eventId, teamId, user))
                .flatMap(team -> insertInvitation(team, invitee, user))
                .flatMap(id -> invitations.findInvitation(eventId, id))
                .flatMap(this::notifyInvitees);
    }

    /** The team's invitations (its members and the event's organizers). */
    Mono<List<Invitation>> teamInvitations(UUID eventId, UUID teamId, CurrentUser user) {
        return guards.insiderTeam(eventId, teamId, user)
                .flatMap(team -> invitations.findTeamInvitations(teamId).collectList());
    }

    /** Withdraws a pending invitation (captain). */
    @Transactional
    Mono<Void> revoke(UUID eventId, UUID teamId, UUID invitationId, CurrentUser user) {
        return guards.captainTeam(eventId, teamId, user)
                .then(invitations.findInvitation(eventId, invitationId))
                .filter(invitation -> invitation.teamId().equals(teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("invitation")))
                .flatMap(invitation -> respond(invitation, "REVOKED", null));
    }

    /** Invitations addressed to me in this event, by user id or by my verified email. */
    Mono<List<Invitation>> mine(UUID eventId, CurrentUser user) {
        return guards.visible(eventId, user)
                .thenMany(invitations.findInvitationsFor(eventId, user.id(), user.verifiedEmail()))
                .collectList();
    }

    /** Accepts an invitation addressed to me, and takes a seat in the team. */
    @Transactional
    Mono<Team> accept(UUID eventId, UUID invitationId, CurrentUser user) {
        return guards.registrationOpen(eventId, user)
                .flatMap(event -> acceptAndSeat(event, invitationId, user))
                .flatMap(team -> views.one(team, true, user));
    }

    /** Declines an invitation addressed to me. */
    @Transactional
    Mono<Void> decline(UUID eventId, UUID invitationId, CurrentUser user) {
        return guards.visible(eventId, user)
                .then(addressedToMe(eventId, invitationId, user))
                .flatMap(invitation -> respond(invitation, "DECLINED", user.id()));
    }

    private Mono<UUID> insertInvitation(
            TeamRepository.TeamRow team, Invitee invitee, CurrentUser user) {
        return knownInvitee(invitee.userId())
                .then(notAlreadyMember(team, invitee))
                .then(invitations.expireLapsed(team.id()))
                .then(
                        invitations.insertInvitation(
                                team.id(),
                                team.eventId(),
                                user.id(),
                                invitee.userId(),
                                invitee.email(),
                                invitee.days()))
                .onErrorMap(
                        DuplicateKeyException.class, ex -> problem(ProblemType.INVITATION_EXISTS));
    }

    private Mono<Void> knownInvitee(UUID userId) {
        if (userId == null) {
            return Mono.empty();
        }
        return Checks.require(
                users.findById(userId).hasElement(),
                () -> new MinkaException(ProblemType.UNKNOWN_USER, userId));
    }

    /** Fails when the user, or a user with this email, already belongs to the team. */
    private Mono<Void> notAlreadyMember(TeamRepository.TeamRow team, Invitee invitee) {
        return teams.memberIds(team.id())
                .collectList()
                .flatMap(ids -> isMember(ids, invitee))
                .flatMap(
                        member ->
                                Checks.require(!member, () -> problem(ProblemType.ALREADY_MEMBER)));
    }

    private Mono<Boolean> isMember(List<UUID> memberIds, Invitee invitee) {
        if (invitee.userId() != null && memberIds.contains(invitee.userId())) {
            return Mono.just(true);
        }
        if (invitee.email() == null) {
            return Mono.just(false);
        }
        return users.findAllById(memberIds)
                .map(byId -> byId.values().stream().anyMatch(u -> sameEmail(u, invitee)));
    }

    private static boolean sameEmail(UserDirectory.UserSummary user, Invitee invitee) {
        return user.email() != null
                && user.email().toLowerCase(Locale.ROOT).equals(invitee.email());
    }

    private Mono<Invitation> notifyInvitees(Invitation invitation) {
        Map<String, Object> data =
                Map.of(
                        "invitationId", invitation.id(),
                        "teamId", invitation.teamId(),
                        "teamName", invitation.teamName(),
                        "expiresAt", invitation.expiresAt().toString());
        return invitees(invitation)
                .collectList()
                .flatMap(
                        ids ->
                                notifier.notifyAll(
                                        ids,
                                        invitation.eventId(),
                                        Notification.TEAM_INVITATION,
                                        data))
                .thenReturn(invitation);
    }

    /** Users an invitation reaches: its user, or the users whose verified email it names. */
    private Flux<UUID> invitees(Invitation invitation) {
        return invitation.inviteeUserId() != null
                ? Flux.just(invitation.inviteeUserId())
                : users.idsWithVerifiedEmail(invitation.inviteeEmail());
    }

    private Mono<TeamRepository.TeamRow> acceptAndSeat(
            EventFacts event, UUID invitationId, CurrentUser user) {
        return addressedToMe(event.id(), invitationId, user)
                .flatMap(invitation -> accepted(invitation, user))
                .flatMap(team -> seats.add(event, team, user.id()));
    }

    private Mono<TeamRepository.TeamRow> accepted(Invitation invitation, CurrentUser user) {
        return respond(invitation, "ACCEPTED", user.id())
                .then(teams.findTeam(invitation.eventId(), invitation.teamId()))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }

    private Mono<Invitation> addressedToMe(UUID eventId, UUID invitationId, CurrentUser user) {
        return invitations
                .findInvitation(eventId, invitationId)
                .filter(invitation -> addressedTo(invitation, user))
                .switchIfEmpty(Mono.error(MinkaException.notFound("invitation")));
    }

    private static boolean addressedTo(Invitation invitation, CurrentUser user) {
        String email = user.verifiedEmail();
        return user.id().equals(invitation.inviteeUserId())
                || (email != null && email.equals(invitation.inviteeEmail()));
    }

    /** Moves a pending invitation to {@code status}, or fails when it is no longer pending. */
    private Mono<Void> respond(Invitation invitation, String status, UUID userId) {
        return pending(invitation)
                .then(
                        Checks.updatedOrFail(
                                invitations.respond(invitation.id(), status, userId),
                                () -> problem(ProblemType.NO_LONGER_PENDING, "EXPIRED")));
    }

    private static Mono<Void> pending(Invitation invitation) {
        return switch (invitation.status()) {
            case "PENDING" -> Mono.empty();
            case "EXPIRED" -> Mono.error(problem(ProblemType.INVITATION_EXPIRED));
            default -> Mono.error(problem(ProblemType.NO_LONGER_PENDING, invitation.status()));
        };
    }

    private static MinkaException problem(ProblemType type, Object... args) {
        return new MinkaException(type, args);
    }
}
