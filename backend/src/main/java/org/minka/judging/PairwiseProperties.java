package org.minka.judging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Pairwise judging's settings (Gavel's): how long an item handed to a judge stays theirs alone, how
 * many views make an item no longer preferred, how often the next item is a random one, and the
 * seed of that randomness (absent: a random seed at start-up).
 *
 * @param timeout how long a handed item is leased to its judge
 * @param minViews items compared by fewer judges than this are handed first
 * @param epsilon the probability of a random next item instead of the most informative one
 * @param seed the seed of the choices, for reproducible runs; absent means random
 */
@ConfigurationProperties("minka.judging.pairwise")
record PairwiseProperties(Duration timeout, Integer minViews, Double epsilon, Long seed) {

    static final Duration TIMEOUT = Duration.ofMinutes(5);
    static final int MIN_VIEWS = 2;
    static final double EPSILON = 0.25;

    PairwiseProperties {
        timeout = timeout == null ? TIMEOUT : timeout;
        minViews = minViews == null ? MIN_VIEWS : minViews;
        epsilon = epsilon == null ? EPSILON : epsilon;
    }
}
