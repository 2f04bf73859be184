package org.minka.judging;

import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The pairwise ranking as {@link JudgingResults} reads it: the stored Crowd BT scores of the
 * challenge's items, best first, once at least one decision was made there.
 */
@Component
class PairwiseResults implements PairwiseRanking {

    private final PairwiseRepository repo;

    PairwiseResults(PairwiseRepository repo) {
        this.repo = repo;
    }

    @Override
    public Flux<Item> ranking(UUID eventId, UUID challengeId) {
        return repo.decisionCount(challengeId)
                .flatMapMany(n -> n == 0 ? Flux.empty() : stored(challengeId));
    }

    private Flux<Item> stored(UUID challengeId) {
        return repo.ranking(challengeId).map(row -> new Item(row.id(), row.mu(), row.sigmaSq()));
    }
}
