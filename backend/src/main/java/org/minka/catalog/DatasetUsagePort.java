package org.minka.catalog;

import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the catalog asks of the module that holds submissions: which submissions declare a dataset.
 * A URL list names the dataset; URLs compare without case or trailing slash.
 */
public interface DatasetUsagePort {

    /**
     * Submissions whose latest submitted version declares one of the URLs (drafts do not count).
     */
    Mono<Long> countDeclaring(List<String> urls);

    /** Of those, the ones a public gallery shows, oldest submitted first, at most {@code limit}. */
    Flux<Dataset.PublicSubmission> publicDeclaring(List<String> urls, int limit);
}
