package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.judging.PairwiseChooser.Candidate;

class PairwiseChooserTests {

    private static final Candidate PREVIOUS = item(0.2, 0.6, 2, false);

    private static Candidate item(double mu, double sigmaSq, int views, boolean prioritized) {
        return new Candidate(UUID.randomUUID(), mu, sigmaSq, views, prioritized);
    }

    private static double gain(Candidate c) {
        return CrowdBT.expectedInformationGain(
                10, 1, PREVIOUS.mu(), PREVIOUS.sigmaSq(), c.mu(), c.sigmaSq());
    }

    @Test
    void preferredWhenSomeSeenByFewerThanMinViewsThenOnlyThose() {
        Candidate fresh = item(0, 1, 0, false);
        Candidate once = item(0, 1, 1, false);
        Candidate seen = item(0, 1, 2, false);

        assertThat(PairwiseChooser.preferred(List.of(seen, fresh, once), 2))
                .containsExactlyInAnyOrder(fresh, once);
        assertThat(PairwiseChooser.preferred(List.of(seen), 2)).containsExactly(seen);
    }

    @Test
    void preferredWhenSomePrioritizedThenOnlyThoseEvenWhenSeen() {
        Candidate fresh = item(0, 1, 0, false);
        Candidate prioritizedSeen = item(0, 1, 5, true);

        assertThat(PairwiseChooser.preferred(List.of(fresh, prioritizedSeen), 2))
                .containsExactly(prioritizedSeen);
    }

    @Test
    void orderWhenGreedyThenMostInformativeFirstAndPreferredBeforeTheRest() {
        List<Candidate> fresh =
                List.of(item(0.1, 1, 0, false), item(2.5, 0.2, 1, false), item(-1, 0.9, 0, false));
        Candidate seen = item(0.2, 1, 3, false);
        List<Candidate> all = List.of(seen, fresh.get(0), fresh.get(1), fresh.get(2));

        List<UUID> order =
                PairwiseChooser.order(all, PREVIOUS, 10, 1, 2, 0.0, new SplittableRandom(7));

        List<UUID> byGain =
                fresh.stream()
                        .sorted(Comparator.comparingDouble(c -> -gain(c)))
                        .map(Candidate::id)
                        .toList();
        assertThat(order).containsExactlyElementsOf(concat(byGain, seen.id()));
    }

    @Test
    void orderWhenSameSeedThenSameOrder() {
        List<Candidate> all =
                List.of(item(0, 1, 0, false), item(0, 1, 0, false), item(1, 1, 0, false));

        List<UUID> first =
                PairwiseChooser.order(all, null, 10, 1, 2, 0.25, new SplittableRandom(3));
        List<UUID> again =
                PairwiseChooser.order(all, null, 10, 1, 2, 0.25, new SplittableRandom(3));

        assertThat(again).isEqualTo(first);
        assertThat(first)
                .containsExactlyInAnyOrderElementsOf(all.stream().map(Candidate::id).toList());
    }

    @Test
    void orderWhenAlwaysExploringThenTheShuffledOrderNotTheGreedyOne() {
        List<Candidate> all =
                List.of(item(0, 1, 0, false), item(3, 0.1, 0, false), item(-2, 1, 0, false));

        List<UUID> explored =
                PairwiseChooser.order(all, PREVIOUS, 10, 1, 2, 1.0, new SplittableRandom(11));
        List<UUID> shuffled =
                PairwiseChooser.order(all, null, 10, 1, 2, 0.0, new SplittableRandom(11));

        assertThat(explored).isEqualTo(shuffled);
    }

    /**
     * With epsilon 0.25 and four candidates, a random pick misses the greedy one 3/4 of the time:
     * the first is not the greedy one in 0.25 x 0.75 = 18.75% of turns. The seeds are fixed, so the
     * count is too.
     */
    @Test
    void orderWhenEpsilonQuarterThenAboutThatShareOfTurnsExplore() {
        List<Candidate> all =
                List.of(
                        item(0, 1, 0, false),
                        item(1.5, 0.3, 0, false),
                        item(-1, 0.7, 0, false),
                        item(0.4, 0.5, 0, false));
        UUID greedy =
                all.stream().max(Comparator.comparingDouble(PairwiseChooserTests::gain)).get().id();
        int turns = 4000;
        int explored = 0;
        for (int seed = 0; seed < turns; seed++) {
            List<UUID> order =
                    PairwiseChooser.order(
                            all, PREVIOUS, 10, 1, 2, 0.25, new SplittableRandom(seed));
            if (!order.get(0).equals(greedy)) {
                explored++;
            }
        }
        assertThat(explored / (double) turns).isBetween(0.16, 0.21);
    }

    private static List<UUID> concat(List<UUID> head, UUID last) {
        List<UUID> all = new java.util.ArrayList<>(head);
        all.add(last);
        return all;
    }
}
