package org.minka.recognition;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The score's optional parts from training and feedback. Officials trained: distinct users who
 * enrolled as members of the publisher and completed a course inside the window. Responsiveness:
 * reports received inside the window, how many were answered and fixed, and the median time to the
 * first answer.
 */
@Component
class TrainingFeedbackSignals implements ScoreSignals {

    private final CourseRepository courses;
    private final FeedbackRepository feedback;

    TrainingFeedbackSignals(CourseRepository courses, FeedbackRepository feedback) {
        this.courses = courses;
        this.feedback = feedback;
    }

    @Override
    public Flux<Trained> officialsTrained(Collection<UUID> publisherIds, Instant from, Instant to) {
        return publisherIds.isEmpty() ? Flux.empty() : courses.trained(publisherIds, from, to);
    }

    @Override
    public Flux<Responsiveness> responsiveness(
            Collection<UUID> publisherIds, Instant from, Instant to) {
        return publisherIds.isEmpty()
                ? Flux.empty()
                : feedback.responsiveness(publisherIds, from, to);
    }
}
