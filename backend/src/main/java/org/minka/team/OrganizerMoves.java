package org.minka.team;

import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * An organizer seating and moving citizens at any phase, audited. The size cap and the event's
 * limit of teams per citizen still hold.
 */
@Service
class OrganizerMoves {

    private final TeamRepository teams;
    private final TeamGuards guards;
    private final Seats seats;
    private final TeamViews views;
    private final AuditLog audit;

    OrganizerMoves(
            TeamRepository teams, TeamGuards guards, Seats seats, TeamViews views, AuditLog audit) {
        this.teams = teams;
        this.guards = guards;
        this.seats = seats;
        this.views = views;
        this.audit = audit;
    }

    /** Seats a registered citizen in a team. */
    @Transactional
    Mono<Team> add(UUID eventId, UUID teamId, UUID userId, CurrentUser user) {
        Map<String, String> data = Map.of("teamId", teamId.toString(), "userId", userId.toString());
        return guards.organizerTeam(eventId, teamId, user)
                .flatMap(team -> seat(team, userId, user))
                .flatMap(team -> audited(team, "team.member.added", data, user));
    }

    /**
     * Moves a member to another team of the event in one transaction: the member leaves the first
     * team (a captain only when alone in it) and takes a seat in the other.
     */
    @Transactional
    Mono<Team> move(UUID eventId, UUID teamId, UUID userId, UUID toTeamId, CurrentUser user) {
        if (teamId.equals(toTeamId)) {
            return Mono.error(new MinkaException(ProblemType.ALREADY_MEMBER));
        }
        Map<String, String> data =
                Map.of(
                        "fromTeamId", teamId.toString(),
                        "toTeamId", toTeamId.toString(),
                        "userId", userId.toString());
        return guards.organizerTeam(eventId, teamId, user)
                .flatMap(from -> moveFrom(from, userId, toTeamId, user))
                .flatMap(team -> audited(team, "team.member.moved", data, user));
    }

    private Mono<TeamRepository.TeamRow> moveFrom(
            TeamRepository.TeamRow from, UUID userId, UUID toTeamId, CurrentUser user) {
        return teams.findTeam(from.eventId(), toTeamId)
                .switchIfEmpty(
                        Mono.error(
                                MinkaException.invalid("toTeamId", "no such team in this event")))
                .flatMap(to -> seats.remove(from, userId).then(seat(to, userId, user)));
    }

    private Mono<TeamRepository.TeamRow> seat(
            TeamRepository.TeamRow team, UUID userId, CurrentUser user) {
        return guards.visible(team.eventId(), user)
                .flatMap(event -> seats.add(event, team, userId));
    }

    private Mono<Team> audited(
            TeamRepository.TeamRow team,
            String action,
            Map<String, String> data,
            CurrentUser user) {
        return audit.record(team.eventId(), user.id(), action, data)
                .then(views.one(team, true, user));
    }
}
