package org.minka.judging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The pools of judges whose loads the planner balances. Two judges are in the same pool when their
 * scopes share a challenge that has work (a counted version), and pools are closed under that: a
 * pool is a connected group of judges. An event-wide judge shares every challenge with work, so
 * with one the event has a single pool. A judge whose scope holds no work, or who is excluded, is
 * in no pool. Conflicts do not split pools: a judge conflicted with a challenge's only submission
 * still shares it (the planner's guarantee holds for every union of groups that actually exchange
 * work, so it holds for these).
 */
final class AssignmentPools {

    private AssignmentPools() {}

    /** Each pool's judges, sorted; pools ordered by their first judge. */
    static List<List<UUID>> of(
            Collection<UUID> challengesWithWork,
            List<AssignmentPlanner.Judge> judges,
            Set<UUID> excluded) {
        Set<UUID> challenges = new LinkedHashSet<>(challengesWithWork);
        List<AssignmentPlanner.Judge> sorted =
                judges.stream()
                        .filter(j -> !excluded.contains(j.judgeId()))
                        .sorted(Comparator.comparing(AssignmentPlanner.Judge::judgeId))
                        .toList();
        int[] parent = new int[sorted.size()];
        Map<UUID, Integer> firstJudge = new HashMap<>();
        boolean[] inPool = new boolean[sorted.size()];
        for (int j = 0; j < sorted.size(); j++) {
            parent[j] = j;
            for (UUID challenge : challenges) {
                if (sorted.get(j).covers(challenge)) {
                    inPool[j] = true;
                    Integer first = firstJudge.putIfAbsent(challenge, j);
                    if (first != null) {
                        union(parent, first, j);
                    }
                }
            }
        }
        Map<Integer, List<UUID>> pools = new TreeMap<>();
        for (int j = 0; j < sorted.size(); j++) {
            if (inPool[j]) {
                pools.computeIfAbsent(root(parent, j), r -> new ArrayList<>())
                        .add(sorted.get(j).judgeId());
            }
        }
        return new ArrayList<>(pools.values());
    }

    private static int root(int[] parent, int j) {
        while (parent[j] != j) {
            parent[j] = parent[parent[j]];
            j = parent[j];
        }
        return j;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = root(parent, a);
        int rb = root(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
