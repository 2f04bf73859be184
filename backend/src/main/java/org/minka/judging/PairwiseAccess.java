package org.minka.judging;

import java.util.List;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may do what in pairwise judging: judges of the challenge (or of the whole event) ask for
 * items and decide while JUDGING is open; organizers read the ranking and the judges' reliability
 * at any time. An event the caller cannot see, or a challenge not of it, is 404; a caller without
 * the role gets 403; an event judged on a rubric gets 409.
 */
@Component
class PairwiseAccess {

    private final EventAccess events;

    PairwiseAccess(EventAccess events) {
        this.events = events;
    }

    /** Fails unless the caller judges this challenge, in pairwise mode, with JUDGING open. */
    Mono<Void> judge(UUID eventId, UUID challengeId, CurrentUser user) {
        return known(eventId, challengeId, user)
                .flatMap(settings -> judgeOf(eventId, challengeId, user).thenReturn(settings))
                .flatMap(PairwiseAccess::pairwise)
                .then(judgingOpen(eventId));
    }

    /** Fails unless the caller organizes the event, judged pairwise. */
    Mono<Void> organizer(UUID eventId, UUID challengeId, CurrentUser user) {
        return known(eventId, challengeId, user)
                .flatMap(settings -> organizes(eventId, user).thenReturn(settings))
                .flatMap(PairwiseAccess::pairwise);
    }

    /** The event's settings, once the event is visible and the challenge is one of its own. */
    private Mono<EventSettings> known(UUID eventId, UUID challengeId, CurrentUser user) {
        return events.visible(eventId, user)
                .flatMap(facts -> ownChallenge(eventId, challengeId).thenReturn(facts))
                .map(EventAccess.EventFacts::settings);
    }

    private Mono<Void> ownChallenge(UUID eventId, UUID challengeId) {
        return events.unknownChallengeIds(eventId, List.of(challengeId))
                .hasElements()
                .flatMap(
                        unknown ->
                                unknown
                                        ? Mono.error(MinkaException.notFound("challenge"))
                                        : Mono.<Void>empty());
    }

    private Mono<Void> judgeOf(UUID eventId, UUID challengeId, CurrentUser user) {
        return Checks.require(
                events.isJudgeOf(eventId, challengeId, user), MinkaException::forbidden);
    }

    private Mono<Void> organizes(UUID eventId, CurrentUser user) {
        return Checks.require(events.isOrganizer(eventId, user), MinkaException::forbidden);
    }

    private static Mono<Void> pairwise(EventSettings settings) {
        boolean on =
                settings.judging() != null
                        && settings.judging().mode() == EventSettings.JudgingMode.PAIRWISE;
        return Checks.require(on, () -> new MinkaException(ProblemType.PAIRWISE_OFF));
    }

    private Mono<Void> judgingOpen(UUID eventId) {
        return Checks.require(
                events.isOpen(eventId, Phase.JUDGING),
                () -> new MinkaException(ProblemType.PHASE_CLOSED, "JUDGING"));
    }
}
