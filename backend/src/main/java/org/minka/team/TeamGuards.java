package org.minka.team;

import java.util.List;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.EventAccess.EventFacts;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The checks that several team use cases share: which phase is open at the database's now(), who
 * may act on a team, and whether answers name the event's regions and challenges.
 */
@Component
class TeamGuards {

    private final TeamRepository teams;
    private final EventAccess access;

    TeamGuards(TeamRepository teams, EventAccess access) {
        this.teams = teams;
        this.access = access;
    }

    /** The event if this user may see it; a not-found problem otherwise. */
    Mono<EventFacts> visible(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user);
    }

    /** The event, visible and published, with REGISTRATION open at the database's now(). */
    Mono<EventFacts> registrationOpen(UUID eventId, CurrentUser user) {
        return published(eventId, user)
                .filterWhen(event -> access.isOpen(eventId, Phase.REGISTRATION))
                .switchIfEmpty(phaseClosed(Phase.REGISTRATION));
    }

    /** The event, visible and published, with SUBMISSION not yet closed. */
    Mono<EventFacts> beforeSubmissionCloses(UUID eventId, CurrentUser user) {
        return published(eventId, user)
                .filterWhen(event -> notClosed(eventId, Phase.SUBMISSION))
                .switchIfEmpty(phaseClosed(Phase.SUBMISSION));
    }

    /** A team of an event this user may see; 404 otherwise. */
    Mono<TeamRepository.TeamRow> team(UUID eventId, UUID teamId, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }

    /** A team this user belongs to; 404 otherwise, so outsiders learn nothing. */
    Mono<TeamRepository.TeamRow> memberTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return access.visible(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .filterWhen(team -> teams.isMember(team.id(), user.id()))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }

    /** A team this user captains; 403 for its other members. */
    Mono<TeamRepository.TeamRow> captainTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return memberTeam(eventId, teamId, user)
                .filter(team -> team.captainId().equals(user.id()))
                .switchIfEmpty(Mono.error(MinkaException.forbidden()));
    }

    /** A team of an event this user organizes. */
    Mono<TeamRepository.TeamRow> organizerTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return access.requireOrganizer(eventId, user)
                .then(teams.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }

    /** A team whose members or event organizers include this user; 404 otherwise. */
    Mono<TeamRepository.TeamRow> insiderTeam(UUID eventId, UUID teamId, CurrentUser user) {
        return insider(eventId, teamId, user).map(Insider::team);
    }

    /** A team seen from inside, with the caller's standing in its event. */
    record Insider(TeamRepository.TeamRow team, EventAccess.Standing standing) {}

    /**
     * A team whose members or event organizers include this user, with the standing; 404 otherwise.
     * One check (the standing); the caller's membership comes with the team's row.
     */
    Mono<Insider> insider(UUID eventId, UUID teamId, CurrentUser user) {
        return access.standing(eventId, user)
                .flatMap(standing -> insider(standing, eventId, teamId, user))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")));
    }

    private Mono<Insider> insider(
            EventAccess.Standing standing, UUID eventId, UUID teamId, CurrentUser user) {
        if (user == null) {
            return Mono.empty();
        }
        return teams.findTeamWithMember(eventId, teamId, user.id())
                .filter(found -> found.member() || standing.organizer())
                .map(found -> new Insider(found.team(), standing));
    }

    /** Fails unless the region, when given, is one of the event's. */
    static Mono<Void> checkRegion(EventFacts event, String region) {
        boolean known =
                region == null
                        || region.isBlank()
                        || event.settings().regions().contains(region.strip());
        return Checks.require(known, TeamGuards::unknownRegion);
    }

    /** Fails with the first id that is not a challenge of the event. */
    Mono<Void> knownChallenges(UUID eventId, List<UUID> challengeIds) {
        return access.unknownChallengeIds(eventId, challengeIds)
                .next()
                .flatMap(id -> Mono.<Void>error(unknownChallenge(id)));
    }

    private Mono<EventFacts> published(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .filter(EventFacts::published)
                .switchIfEmpty(Mono.error(MinkaException.notFound("event")));
    }

    private Mono<Boolean> notClosed(UUID eventId, Phase phase) {
        return access.hasClosed(eventId, phase).map(closed -> !closed);
    }

    private static <T> Mono<T> phaseClosed(Phase phase) {
        return Mono.error(new MinkaException(ProblemType.PHASE_CLOSED, phase));
    }

    private static MinkaException unknownChallenge(UUID id) {
        return new MinkaException(ProblemType.UNKNOWN_CHALLENGE, List.of(id));
    }

    private static MinkaException unknownRegion() {
        return new MinkaException(
                ProblemType.VALIDATION_FAILED,
                "problem.validation-failed.detail",
                List.of(new Problem.FieldViolation("region", "must be one of the event's regions")),
                1);
    }
}
