package org.minka.judging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The pairwise state recomputed from the decisions alone, in the order they were applied: each
 * comparison moves both items' scores and the judge's reliability by {@link CrowdBT#update} (the
 * same step the live decisions take, see {@link #compare}); an item's views are the judges who
 * compared it. Skips change no score.
 */
final class PairwiseReplay {

    /** One stored decision. */
    record Decision(UUID judgeId, UUID previousId, UUID currentId, Outcome outcome) {}

    /** Which of the two the judge found better, or neither (skip). */
    enum Outcome {
        CURRENT,
        PREVIOUS,
        SKIP
    }

    /** An item's score and views. */
    record Item(double mu, double sigmaSq, int views) {

        static final Item PRIOR = new Item(CrowdBT.MU_PRIOR, CrowdBT.SIGMA_SQ_PRIOR, 0);
    }

    /** A judge's reliability and how many decisions (skips included) they made. */
    record Judge(double alpha, double beta, int decisions) {

        static final Judge PRIOR = new Judge(CrowdBT.ALPHA_PRIOR, CrowdBT.BETA_PRIOR, 0);
    }

    /** A comparison's result: the judge's and both items' new scores (views unchanged). */
    record Compared(Judge judge, Item previous, Item current) {}

    /** Everything recomputed. */
    record State(Map<UUID, Item> items, Map<UUID, Judge> judges) {}

    private PairwiseReplay() {}

    /**
     * One comparison: the judge said {@code outcome} of (previous, current); neither may be SKIP.
     * Views and decision counts are left to the caller.
     */
    static Compared compare(Judge judge, Item previous, Item current, Outcome outcome) {
        boolean currentWins = outcome == Outcome.CURRENT;
        Item winner = currentWins ? current : previous;
        Item loser = currentWins ? previous : current;
        CrowdBT.Update u =
                CrowdBT.update(
                        judge.alpha(),
                        judge.beta(),
                        winner.mu(),
                        winner.sigmaSq(),
                        loser.mu(),
                        loser.sigmaSq());
        Item w = new Item(u.muWinner(), u.sigmaSqWinner(), winner.views());
        Item l = new Item(u.muLoser(), u.sigmaSqLoser(), loser.views());
        Judge j = new Judge(u.alpha(), u.beta(), judge.decisions());
        return currentWins ? new Compared(j, l, w) : new Compared(j, w, l);
    }

    /** Replays the decisions, in order, over these items (all at the prior to begin with). */
    static State replay(Collection<UUID> itemIds, List<Decision> decisions) {
        Map<UUID, Item> items = new HashMap<>();
        itemIds.forEach(id -> items.put(id, Item.PRIOR));
        Map<UUID, Judge> judges = new HashMap<>();
        Set<List<UUID>> seen = new HashSet<>();
        for (Decision d : decisions) {
            Judge judge = judges.getOrDefault(d.judgeId(), Judge.PRIOR);
            if (d.outcome() != Outcome.SKIP) {
                Compared c =
                        compare(
                                judge,
                                items.getOrDefault(d.previousId(), Item.PRIOR),
                                items.getOrDefault(d.currentId(), Item.PRIOR),
                                d.outcome());
                items.put(d.previousId(), viewed(c.previous(), seen, d.judgeId(), d.previousId()));
                items.put(d.currentId(), viewed(c.current(), seen, d.judgeId(), d.currentId()));
                judge = c.judge();
            }
            judges.put(d.judgeId(), new Judge(judge.alpha(), judge.beta(), judge.decisions() + 1));
        }
        return new State(items, judges);
    }

    private static Item viewed(Item item, Set<List<UUID>> seen, UUID judgeId, UUID itemId) {
        boolean first = seen.add(new ArrayList<>(List.of(judgeId, itemId)));
        return first ? new Item(item.mu(), item.sigmaSq(), item.views() + 1) : item;
    }
}
