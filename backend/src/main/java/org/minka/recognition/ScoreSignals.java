package org.minka.recognition;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import reactor.core.publisher.Flux;

/**
 * The optional parts of an entity's score that come from this module's own records: officials
 * trained (courses) and responsiveness to dataset feedback. The scoring use case asks; the training
 * and feedback use cases answer. A publisher with nothing to report is left out.
 */
interface ScoreSignals {

    /** Per publisher: its members who completed a course, completion inside [from, to). */
    Flux<Trained> officialsTrained(Collection<UUID> publisherIds, Instant from, Instant to);

    /**
     * Per publisher: dataset reports received inside [from, to), how many were answered and fixed,
     * and the median time from report to first answer (null when none was answered).
     */
    Flux<Responsiveness> responsiveness(Collection<UUID> publisherIds, Instant from, Instant to);

    record Trained(UUID publisherId, long officials) {}

    record Responsiveness(
            UUID publisherId, long reports, long answered, long fixed, Duration medianToAnswer) {}
}
