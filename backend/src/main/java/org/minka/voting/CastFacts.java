package org.minka.voting;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.submission.SubmissionAccess;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What a cast reads of other modules, kept with the event's facts ({@link EventAccess#remembered}):
 * the submission's place and counted version, and its team's members. Both are frozen while VOTING
 * is open: VOTING never overlaps SUBMISSION (phases are checked by the event module), submits are
 * accepted only while SUBMISSION is open, and team members change only before SUBMISSION closes. A
 * submit also makes every instance forget the event's kept facts ({@code SubmissionService}), so
 * the one case left, a submit in the grace minutes after SUBMISSION closed, is seen at once; and
 * nothing is kept longer than {@code minka.event-cache.ttl}. So a cast costs the ballot statement
 * and, on a warm instance, no read of submissions or teams.
 */
@Component
class CastFacts {

    /** The key a submission's counted version is kept under, in its event. */
    private record CountedKey(UUID submissionId) {}

    /** The key a team's member ids are kept under, in its event. */
    private record MembersKey(UUID teamId) {}

    private final EventAccess events;
    private final SubmissionAccess submissions;
    private final TeamLookup teams;

    CastFacts(EventAccess events, SubmissionAccess submissions, TeamLookup teams) {
        this.events = events;
        this.submissions = submissions;
        this.teams = teams;
    }

    /**
     * The submission's place and counted version, as asked in the event's URL (the answer may name
     * another event; the caller refuses it then). Empty when there is no such submission.
     */
    Mono<Optional<SubmissionAccess.Counted>> submission(UUID eventId, UUID submissionId) {
        return events.remembered(
                eventId, new CountedKey(submissionId), () -> counted(submissionId));
    }

    /** Whether the user is a member of the team (a team of the event). */
    Mono<Boolean> isMember(UUID eventId, UUID teamId, UUID userId) {
        return events.remembered(eventId, new MembersKey(teamId), () -> members(teamId))
                .map(members -> members.contains(userId));
    }

    private Mono<Optional<SubmissionAccess.Counted>> counted(UUID submissionId) {
        return submissions.counted(submissionId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Mono<Set<UUID>> members(UUID teamId) {
        return teams.memberIds(teamId).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
