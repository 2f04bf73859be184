package org.minka.judging;

import java.util.List;
import java.util.UUID;
import org.minka.event.EventAccess;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The event's judges with the challenges each judges, as the planner takes them. */
@Component
class JudgeScopes {

    private final EventAccess events;

    JudgeScopes(EventAccess events) {
        this.events = events;
    }

    /** Every active judge of the event, by id. */
    Mono<List<AssignmentPlanner.Judge>> judges(UUID eventId) {
        return events.judgeScopes(eventId).map(JudgeScopes::judge).collectList();
    }

    /** The judge, if they judge this challenge of the event. */
    Mono<AssignmentPlanner.Judge> judgeOf(UUID eventId, UUID challengeId, UUID judgeId) {
        return events.judgeScopes(eventId)
                .filter(m -> m.userId().equals(judgeId) && m.covers(challengeId))
                .map(JudgeScopes::judge)
                .next();
    }

    /** Whether the user judges any challenge of the event. */
    Mono<Boolean> isJudge(UUID eventId, UUID userId) {
        return events.judgeScopes(eventId).any(m -> m.userId().equals(userId));
    }

    private static AssignmentPlanner.Judge judge(EventAccess.ScopedMember m) {
        return new AssignmentPlanner.Judge(m.userId(), m.scope().all(), m.scope().challengeIds());
    }
}
