package org.minka.team;

import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.EventAccess.EventFacts;
import org.minka.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * Creating teams and belonging to them: create, join by code, read, change, leave, hand over
 * captaincy, rotate the code and remove members. Every write checks its phase at the database's
 * now(), and every cap is a conditional update in the same transaction.
 */
@Service
class TeamMembership {

    private final TeamRepository teams;
    private final TeamGuards guards;
    private final Seats seats;
    private final TeamViews views;
    private final EventAccess access;
    private final AuditLog audit;
    private final JoinCodes codes;

    TeamMembership(
            TeamRepository teams,
            TeamGuards guards,
            Seats seats,
            TeamViews views,
            EventAccess access,
            AuditLog audit,
            JoinCodes codes) {
        this.teams = teams;
        this.guards = guards;
        this.seats = seats;
        this.views = views;
        this.access = access;
        this.audit = audit;
        this.codes = codes;
    }

    /** Creates a team; its registered creator becomes captain and takes the first seat. */
    @Transactional
    Mono<Team> create(UUID eventId, Team.Create request, CurrentUser user) {
        return guards.registrationOpen(eventId, user)
                .flatMap(event -> found(event, request, user))
                .flatMap(team -> views.one(team, true, user));
    }

    /** Joins the team whose code this is, while REGISTRATION is open. */
    @Transactional
    Mono<Team> join(UUID eventId, String code, CurrentUser user) {
        return guards.registrationOpen(eventId, user)
                .flatMap(event -> joinByCode(event, code, user))
                .flatMap(team -> views.one(team, true, user));
    }

    /** A team, for its members and the event's organizers; 404 for anyone else. */
    Mono<Team> get(UUID eventId, UUID teamId, CurrentUser user) {
        return guards.insider(eventId, teamId, user)
                .flatMap(i -> views.one(i.team(), true, TeamViews.sizeRule(i.standing())));
    }

    /**
     * Changes a team's name, description, looking flag, skills wanted or region (captain, until
     * SUBMISSION closes). {@code expectedVersion} comes from If-Match.
     */
    @Transactional
    Mono<Team> update(
            UUID eventId,
            UUID teamId,
            Team.Update request,
            Long expectedVersion,
            CurrentUser user) {
        return guards.beforeSubmissionCloses(eventId, user)
                .flatMap(event -> change(event, teamId, request, expectedVersion, user))
                .onErrorMap(DuplicateKeyException.class, ex -> nameTaken(request.name()))
                .switchIfEmpty(Mono.error(new MinkaException(ProblemType.STALE_VERSION)))
                .flatMap(team -> views.one(team, true, user));
    }

    /**
     * Leaves a team while REGISTRATION is open. A captain must transfer captaincy first, unless
     * they are the last member, whose leaving dissolves the team.
     */
    @Transactional
    Mono<Void> leave(UUID eventId, UUID teamId, CurrentUser user) {
        return guards.registrationOpen(eventId, user)
                .then(guards.memberTeam(eventId, teamId, user))
                .flatMap(team -> seats.remove(team, user.id()));
    }

    /** Hands captaincy to another member while REGISTRATION is open (captain only). */
    @Transactional
    Mono<Team> transferCaptaincy(UUID eventId, UUID teamId, UUID newCaptain, CurrentUser user) {
        return guards.registrationOpen(eventId, user)
                .then(guards.captainTeam(eventId, teamId, user))
                .flatMap(team -> handOver(team, newCaptain, user))
                .flatMap(team -> views.one(team, true, user));
    }

    /** Replaces the join code (captain only); the old code stops working at once. */
    @Transactional
    Mono<Team.Code> rotateCode(UUID eventId, UUID teamId, CurrentUser user) {
        return guards.captainTeam(eventId, teamId, user)
                .flatMap(team -> teams.rotateCode(team.id(), codes.next()))
                .map(Team.Code::new);
    }

    /**
     * Removes a member: the captain while REGISTRATION is open, an organizer at any time (audited).
     * The captain is not removed while others remain; they transfer captaincy first.
     */
    @Transactional
    Mono<Void> removeMember(UUID eventId, UUID teamId, UUID memberId, CurrentUser user) {
        return guards.team(eventId, teamId, user)
                .zipWhen(team -> access.isOrganizer(eventId, user))
                .flatMap(found -> removeAs(found.getT1(), found.getT2(), memberId, user));
    }

    private Mono<TeamRepository.TeamRow> found(
            EventFacts event, Team.Create request, CurrentUser user) {
        return TeamGuards.checkRegion(event, request.region())
                .then(seats.takeTeamSeat(event, user.id()))
                .then(insertTeam(event, request, user))
                .flatMap(team -> seatCaptain(team, user));
    }

    private Mono<TeamRepository.TeamRow> insertTeam(
            EventFacts event, Team.Create request, CurrentUser user) {
        int max = event.settings().teamSizeMax();
        return teams.insertTeam(event.id(), request, user.id(), codes.next(), max)
                .onErrorMap(DuplicateKeyException.class, ex -> nameTaken(request.name().strip()));
    }

    private Mono<TeamRepository.TeamRow> seatCaptain(
            TeamRepository.TeamRow team, CurrentUser user) {
        return teams.insertMember(team.id(), team.eventId(), user.id(), "CAPTAIN").thenReturn(team);
    }

    private Mono<TeamRepository.TeamRow> joinByCode(
            EventFacts event, String code, CurrentUser user) {
        return teams.findByCode(event.id(), JoinCodes.normalize(code))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")))
                .flatMap(team -> seats.add(event, team, user.id()));
    }

    private Mono<TeamRepository.TeamRow> change(
            EventFacts event,
            UUID teamId,
            Team.Update request,
            Long expectedVersion,
            CurrentUser user) {
        return guards.captainTeam(event.id(), teamId, user)
                .flatMap(team -> changeAt(event, team, request, expectedVersion));
    }

    private Mono<TeamRepository.TeamRow> changeAt(
            EventFacts event,
            TeamRepository.TeamRow team,
            Team.Update request,
            Long expectedVersion) {
        return TeamGuards.checkRegion(event, request.region())
                .then(Mono.fromRunnable(() -> checkVersion(expectedVersion, team)))
                .then(teams.updateTeam(team, request));
    }

    private static void checkVersion(Long expectedVersion, TeamRepository.TeamRow team) {
        HttpCaching.checkVersion(expectedVersion, team.version());
    }

    private Mono<TeamRepository.TeamRow> handOver(
            TeamRepository.TeamRow team, UUID newCaptain, CurrentUser user) {
        return Checks.updatedOrFail(
                        teams.transferCaptaincy(team.id(), user.id(), newCaptain),
                        () -> new MinkaException(ProblemType.NOT_A_MEMBER))
                .then(teams.findTeam(team.eventId(), team.id()));
    }

    private Mono<Void> removeAs(
            TeamRepository.TeamRow team, boolean organizer, UUID memberId, CurrentUser user) {
        return organizer
                ? organizerRemoves(team, memberId, user)
                : captainRemoves(team, memberId, user);
    }

    private Mono<Void> organizerRemoves(
            TeamRepository.TeamRow team, UUID memberId, CurrentUser user) {
        Map<String, String> data =
                Map.of("teamId", team.id().toString(), "userId", memberId.toString());
        return seats.remove(team, memberId)
                .then(audit.record(team.eventId(), user.id(), "team.member.removed", data));
    }

    private Mono<Void> captainRemoves(
            TeamRepository.TeamRow team, UUID memberId, CurrentUser user) {
        return Checks.require(
                        teams.isMember(team.id(), user.id()), () -> MinkaException.notFound("team"))
                .then(Checks.require(team.captainId().equals(user.id()), MinkaException::forbidden))
                .then(Checks.require(!memberId.equals(user.id()), this::captainMustTransfer))
                .then(guards.registrationOpen(team.eventId(), user))
                .then(seats.remove(team, memberId));
    }

    private MinkaException captainMustTransfer() {
        return new MinkaException(ProblemType.CAPTAIN_MUST_TRANSFER);
    }

    private static MinkaException nameTaken(String name) {
        return new MinkaException(ProblemType.TEAM_NAME_TAKEN, name);
    }
}
