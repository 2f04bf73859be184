package org.minka.team;

import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess.EventFacts;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Taking and giving back seats: a team's size cap and a citizen's limit of teams per event, both
 * conditional updates in the caller's transaction. Exactly one of many concurrent joiners gets the
 * last seat.
 */
@Component
class Seats {

    /** How many teams a citizen may join when the event allows more than one. */
    static final int MULTI_TEAM_CAP = 10;

    private final TeamRepository teams;
    private final RegistrationRepository registrations;

    Seats(TeamRepository teams, RegistrationRepository registrations) {
        this.teams = teams;
        this.registrations = registrations;
    }

    /**
     * Seats a registered citizen in the team, within the event's limit of teams per citizen and the
     * team's size cap. Returns the team as it is afterwards.
     */
    Mono<TeamRepository.TeamRow> add(EventFacts event, TeamRepository.TeamRow team, UUID userId) {
        return notMember(team, userId)
                .then(takeTeamSeat(event, userId))
                .then(takeSeat(team))
                .then(teams.insertMember(team.id(), event.id(), userId, "MEMBER"))
                .then(teams.findTeam(event.id(), team.id()));
    }

    /** Takes one of the citizen's seats in the event's teams. */
    Mono<Void> takeTeamSeat(EventFacts event, UUID userId) {
        int cap = Boolean.TRUE.equals(event.settings().allowMultipleTeams()) ? MULTI_TEAM_CAP : 1;
        return teams.takeTeamSeat(event.id(), userId, cap)
                .filter(taken -> taken == 1)
                .switchIfEmpty(seatRefused(event.id(), userId))
                .then();
    }

    /**
     * Takes a member out of the team (a captain only when alone in it), gives back their seat, and
     * dissolves the team when it is left empty.
     */
    Mono<Void> remove(TeamRepository.TeamRow team, UUID memberId) {
        boolean captainWithOthers = team.captainId().equals(memberId) && team.memberCount() > 1;
        return Checks.require(!captainWithOthers, Seats::captainMustTransfer)
                .then(
                        Checks.updatedOrFail(
                                teams.deleteMember(team.id(), memberId), Seats::notAMember))
                .then(release(team, memberId));
    }

    private Mono<Void> release(TeamRepository.TeamRow team, UUID memberId) {
        return teams.releaseTeamSeat(team.eventId(), memberId)
                .then(teams.freeSeat(team.id()))
                .filter(left -> left == 0)
                .flatMap(left -> teams.deleteTeam(team.id()));
    }

    private Mono<Void> notMember(TeamRepository.TeamRow team, UUID userId) {
        return Checks.require(
                teams.isMember(team.id(), userId).map(member -> !member),
                () -> new MinkaException(ProblemType.ALREADY_MEMBER));
    }

    private Mono<Void> takeSeat(TeamRepository.TeamRow team) {
        return Checks.updatedOrFail(
                teams.takeSeat(team.id()), () -> new MinkaException(ProblemType.TEAM_FULL));
    }

    private Mono<Long> seatRefused(UUID eventId, UUID userId) {
        return registrations
                .findActiveRegistration(eventId, userId)
                .hasElement()
                .flatMap(registered -> Mono.error(seatProblem(registered)));
    }

    private static MinkaException seatProblem(boolean registered) {
        return new MinkaException(
                registered ? ProblemType.TEAM_LIMIT_REACHED : ProblemType.NOT_REGISTERED);
    }

    private static MinkaException captainMustTransfer() {
        return new MinkaException(ProblemType.CAPTAIN_MUST_TRANSFER);
    }

    private static MinkaException notAMember() {
        return new MinkaException(ProblemType.NOT_A_MEMBER);
    }
}
