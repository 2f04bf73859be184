package org.minka.submission;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Whether a judge has a conflict of interest with a submission; declared here, implemented by
 * judging. A conflicted judge reads the submission as if it did not exist (404), even by id.
 */
public interface JudgeConflictPort {

    /** A submission's place, so the check need not read it again. */
    record Subject(UUID submissionId, UUID eventId, UUID challengeId, UUID teamId) {}

    /** Whether the user, as a judge, has an active conflict with the submission. */
    Mono<Boolean> conflicted(Subject subject, UUID judgeId);

    /**
     * Of these submissions, the ids of those the user, as a judge, has an active conflict with: the
     * same rule as {@link #conflicted}, asked once for a whole page.
     */
    Mono<java.util.Set<UUID>> conflictedAmong(java.util.List<Subject> subjects, UUID judgeId);
}
