package org.minka.team;

import java.util.List;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess.EventFacts;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * A team's challenge entries (captain, until SUBMISSION closes). The event's limits on challenges
 * per team and teams per challenge are conditional updates in one transaction.
 */
@Service
class ChallengeEntries {

    private final EntryRepository entries;
    private final TeamGuards guards;
    private final TeamViews views;

    ChallengeEntries(EntryRepository entries, TeamGuards guards, TeamViews views) {
        this.entries = entries;
        this.guards = guards;
        this.views = views;
    }

    /** Enters a challenge of the event. */
    @Transactional
    Mono<Team> enter(UUID eventId, UUID teamId, UUID challengeId, CurrentUser user) {
        return guards.beforeSubmissionCloses(eventId, user)
                .flatMap(event -> enterAsCaptain(event, teamId, challengeId, user))
                .flatMap(team -> views.one(team, true, user));
    }

    /** Withdraws from a challenge. */
    @Transactional
    Mono<Void> withdraw(UUID eventId, UUID teamId, UUID challengeId, CurrentUser user) {
        return guards.beforeSubmissionCloses(eventId, user)
                .then(guards.captainTeam(eventId, teamId, user))
                .then(
                        Checks.updatedOrFail(
                                entries.deleteEntry(teamId, challengeId),
                                () -> MinkaException.notFound("entry")));
    }

    private Mono<TeamRepository.TeamRow> enterAsCaptain(
            EventFacts event, UUID teamId, UUID challengeId, CurrentUser user) {
        return guards.captainTeam(event.id(), teamId, user)
                .flatMap(team -> take(event, team, challengeId).thenReturn(team));
    }

    private Mono<Void> take(EventFacts event, TeamRepository.TeamRow team, UUID challengeId) {
        EventSettings settings = event.settings();
        return guards.knownChallenges(event.id(), List.of(challengeId))
                .then(
                        Checks.updatedOrFail(
                                entries.takeChallengeEntry(team.id(), settings.challengesPerTeam()),
                                () -> problem(ProblemType.CHALLENGE_LIMIT_REACHED)))
                .then(
                        Checks.updatedOrFail(
                                entries.takeChallengeSlot(
                                        challengeId, settings.maxTeamsPerChallenge()),
                                () -> problem(ProblemType.CHALLENGE_FULL)))
                .then(insertEntry(team, challengeId));
    }

    private Mono<Void> insertEntry(TeamRepository.TeamRow team, UUID challengeId) {
        return entries.insertEntry(team.id(), challengeId, team.eventId())
                .onErrorMap(
                        DuplicateKeyException.class, ex -> problem(ProblemType.ALREADY_ENTERED));
    }

    private static MinkaException problem(ProblemType type) {
        return new MinkaException(type);
    }
}
