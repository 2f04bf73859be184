package org.minka.judging;

import java.util.UUID;
import reactor.core.publisher.Flux;

/**
 * The pairwise mode's ranking of a challenge, as {@link JudgingResults} reads it: a bean that the
 * pairwise part of this module provides. Without one, pairwise challenges have no ranking yet.
 */
public interface PairwiseRanking {

    /** One submission's standing: its Crowd BT mean μ and variance σ². */
    record Item(UUID submissionId, double mu, double sigmaSq) {}

    /** The challenge's submissions, best first (highest μ); empty before any decision. */
    Flux<Item> ranking(UUID eventId, UUID challengeId);
}
