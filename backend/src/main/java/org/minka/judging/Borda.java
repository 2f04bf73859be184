package org.minka.judging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Borda count over complete rankings: with n candidates, a ballot gives n − 1 points to its
 * first, n − 2 to its second, down to 0 for its last. Candidates with equal points share a tier.
 */
final class Borda {

    private Borda() {}

    /**
     * Each candidate's points.
     *
     * @throws IllegalArgumentException when a ballot repeats or omits a candidate
     */
    static Map<String, Integer> points(List<List<String>> ballots) {
        Map<String, Integer> points = new TreeMap<>();
        if (ballots.isEmpty()) {
            return points;
        }
        Set<String> candidates = Set.copyOf(new HashSet<>(ballots.get(0)));
        for (List<String> ballot : ballots) {
            if (ballot.size() != candidates.size() || !candidates.equals(Set.copyOf(ballot))) {
                throw new IllegalArgumentException("a ballot must rank every candidate once");
            }
            int n = ballot.size();
            for (int i = 0; i < n; i++) {
                points.merge(ballot.get(i), n - 1 - i, Integer::sum);
            }
        }
        return points;
    }

    /** Tiers, best first; candidates with equal points share one (sorted by name). */
    static List<List<String>> rank(List<List<String>> ballots) {
        Map<Integer, List<String>> byPoints = new TreeMap<>((a, b) -> Integer.compare(b, a));
        points(ballots)
                .forEach((c, p) -> byPoints.computeIfAbsent(p, k -> new ArrayList<>()).add(c));
        return byPoints.values().stream().map(List::copyOf).toList();
    }
}
