package org.minka.catalog;

import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the catalog asks of the module that holds events and challenges: who organizes, which
 * challenge entries name a dataset, and linking those entries to a newly linked dataset.
 */
public interface ChallengeDatasetPort {

    /** Whether the user organizes any event (an active organizer membership). */
    Mono<Boolean> organizesAnyEvent(UUID userId);

    /** How many challenges have an entry linked to the dataset. */
    Mono<Long> challengesUsing(UUID datasetId);

    /** The landing URLs of the challenge entries linked to the dataset. */
    Flux<String> entryUrls(UUID datasetId);

    /**
     * Links the free challenge entries that name this dataset: by landing URL (any of {@code
     * urls}), or by portal id (any of {@code ids}) on a landing URL under {@code baseUrl}. Joins
     * the caller's transaction.
     */
    Mono<Long> linkEntriesNaming(
            UUID datasetId, String baseUrl, List<String> urls, List<String> ids);

    /** Links every free challenge entry that names a linked dataset (see {@link CatalogLookup}). */
    Mono<Long> linkFreeEntries();
}
