package org.minka.judging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Schulze method (strongest paths) over complete rankings. Candidates tied under the method
 * share a tier; a tier holds the candidates that no other remaining candidate beats.
 */
public final class Schulze {

    private Schulze() {}

    /**
     * Ranks the candidates of complete ballots.
     *
     * @param ballots each a full ranking of the same candidates, best first
     * @return tiers, best first; candidates in one tier are tied (sorted by name)
     * @throws IllegalArgumentException when a ballot repeats a candidate or omits one
     */
    public static List<List<String>> rank(List<List<String>> ballots) {
        List<String> candidates = candidates(ballots);
        int[][] strongest = strongestPaths(preferences(candidates, ballots));
        return tiers(candidates, strongest);
    }

    private static List<String> candidates(List<List<String>> ballots) {
        if (ballots.isEmpty()) {
            return List.of();
        }
        List<String> sorted = new ArrayList<>(new HashSet<>(ballots.get(0)));
        sorted.sort(null);
        Set<String> expected = Set.copyOf(sorted);
        for (List<String> ballot : ballots) {
            if (ballot.size() != expected.size() || !expected.equals(Set.copyOf(ballot))) {
                throw new IllegalArgumentException(
                        "every ballot must rank each candidate exactly once");
            }
        }
        return sorted;
    }

    /** d[i][j]: how many ballots rank candidate i above candidate j. */
    private static int[][] preferences(List<String> candidates, List<List<String>> ballots) {
        int n = candidates.size();
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            index.put(candidates.get(i), i);
        }
        int[][] d = new int[n][n];
        for (List<String> ballot : ballots) {
            for (int a = 0; a < ballot.size(); a++) {
                for (int b = a + 1; b < ballot.size(); b++) {
                    d[index.get(ballot.get(a))][index.get(ballot.get(b))]++;
                }
            }
        }
        return d;
    }

    /** p[i][j]: the strength of the strongest path from i to j (Floyd-Warshall, widest path). */
    static int[][] strongestPaths(int[][] d) {
        int n = d.length;
        int[][] p = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && d[i][j] > d[j][i]) {
                    p[i][j] = d[i][j];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                if (i == k) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (j != i && j != k) {
                        p[i][j] = Math.max(p[i][j], Math.min(p[i][k], p[k][j]));
                    }
                }
            }
        }
        return p;
    }

    private static List<List<String>> tiers(List<String> candidates, int[][] p) {
        List<List<String>> tiers = new ArrayList<>();
        Set<Integer> remaining = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            remaining.add(i);
        }
        while (!remaining.isEmpty()) {
            List<Integer> top = unbeaten(remaining, p);
            List<String> tier = new ArrayList<>();
            top.forEach(i -> tier.add(candidates.get(i)));
            tier.sort(null);
            tiers.add(List.copyOf(tier));
            top.forEach(remaining::remove);
        }
        return List.copyOf(tiers);
    }

    /** The remaining candidates that no other remaining candidate beats (never empty). */
    private static List<Integer> unbeaten(Set<Integer> remaining, int[][] p) {
        List<Integer> top = new ArrayList<>();
        for (int i : remaining) {
            boolean beaten = false;
            for (int j : remaining) {
                if (j != i && p[j][i] > p[i][j]) {
                    beaten = true;
                    break;
                }
            }
            if (!beaten) {
                top.add(i);
            }
        }
        return top;
    }
}
