package org.minka.judging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Gavel's rule for the item a judge sees next, as a preference order over the candidates (items
 * that are active, not ignored by the judge, not conflicted and not leased to another judge): the
 * prioritized ones if any, and among those the ones seen by fewer than MIN_VIEWS judges if any, are
 * preferred; they are shuffled; then with probability epsilon (or when the judge has no previous
 * item) the first is taken, else the one of greatest expected information gain against the previous
 * item. The rest follow in the same way, so that a caller who loses an item to another judge takes
 * the next best.
 */
final class PairwiseChooser {

    /** An item's state as the choice sees it. */
    record Candidate(UUID id, double mu, double sigmaSq, int views, boolean prioritized) {}

    private PairwiseChooser() {}

    /**
     * The candidates, best first.
     *
     * @param previous the judge's previous item, or null when they have none
     */
    static List<UUID> order(
            List<Candidate> candidates,
            Candidate previous,
            double alpha,
            double beta,
            int minViews,
            double epsilon,
            RandomGenerator random) {
        List<Candidate> preferred = preferred(candidates, minViews);
        List<Candidate> rest = new ArrayList<>(candidates);
        rest.removeAll(preferred);
        shuffle(preferred, random);
        shuffle(rest, random);
        boolean explore = previous == null || random.nextDouble() < epsilon;
        if (!explore) {
            Map<UUID, Double> gain =
                    candidates.stream()
                            .collect(
                                    Collectors.toMap(
                                            Candidate::id, c -> gain(previous, c, alpha, beta)));
            Comparator<Candidate> best = Comparator.comparing(c -> -gain.get(c.id()));
            preferred.sort(best);
            rest.sort(best);
        }
        List<UUID> order = new ArrayList<>(candidates.size());
        preferred.forEach(c -> order.add(c.id()));
        rest.forEach(c -> order.add(c.id()));
        return order;
    }

    /** The prioritized candidates (all when none is), narrowed to the less seen when any is. */
    static List<Candidate> preferred(List<Candidate> candidates, int minViews) {
        List<Candidate> pool = narrowed(candidates, Candidate::prioritized);
        return narrowed(pool, c -> c.views() < minViews);
    }

    private static List<Candidate> narrowed(List<Candidate> items, Predicate<Candidate> keep) {
        List<Candidate> kept = items.stream().filter(keep).toList();
        return new ArrayList<>(kept.isEmpty() ? items : kept);
    }

    private static double gain(Candidate previous, Candidate c, double alpha, double beta) {
        return CrowdBT.expectedInformationGain(
                alpha, beta, previous.mu(), previous.sigmaSq(), c.mu(), c.sigmaSq());
    }

    /** Fisher-Yates with the given generator, so a seed fixes the order. */
    private static void shuffle(List<Candidate> items, RandomGenerator random) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            items.set(i, items.set(j, items.get(i)));
        }
    }
}
