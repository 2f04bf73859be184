package org.minka.judging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Plans who judges what, in memory and without I/O. Each submission gets {@code k} judges, counting
 * those it keeps; only judges whose scope covers its challenge are chosen, never a conflicted or an
 * excluded one. The most constrained submissions are served first, each by the least-loaded
 * candidates; a repair pass then moves new assignments from a judge to a candidate with at least
 * two fewer, so that within a pool (the candidates of a challenge) loads differ by at most one
 * wherever a single move can make them. Inputs are sorted before use and ties are broken by a
 * permutation drawn from the seed, so the same inputs and seed give the same plan.
 *
 * <p>When a submission cannot reach {@code k}, the plan is a list of shortfalls and assigns
 * nothing: never silently short.
 */
final class AssignmentPlanner {

    private AssignmentPlanner() {}

    /** A submission to judge, in its challenge. */
    record Work(UUID submissionId, UUID challengeId) {}

    /** A judge and the challenges they judge ({@code all}: every challenge of the event). */
    record Judge(UUID judgeId, boolean all, Set<UUID> challengeIds) {

        boolean covers(UUID challengeId) {
            return all || challengeIds.contains(challengeId);
        }
    }

    /** One judge on one submission. */
    record Pair(UUID submissionId, UUID judgeId) {}

    /**
     * Why a submission cannot get {@code needed} judges: {@code inScope} judges cover its
     * challenge, {@code conflicted} of them have a conflict, {@code excluded} are withdrawn, and
     * {@code kept} are already on it.
     */
    record Shortfall(
            UUID submissionId,
            UUID challengeId,
            int needed,
            int inScope,
            int conflicted,
            int excluded,
            int kept) {

        /** How many conflict-free judges the submission could have. */
        int available() {
            return inScope - conflicted - excluded;
        }
    }

    /** The new pairs, or (assigning nothing) why some submissions fall short. */
    record Plan(List<Pair> added, List<Shortfall> shortfalls) {

        boolean complete() {
            return shortfalls.isEmpty();
        }
    }

    /** What to plan. {@code kept} pairs stay and count towards k and towards the loads. */
    record Request(
            List<Work> work,
            List<Judge> judges,
            Set<Pair> conflicts,
            Set<Pair> kept,
            Set<UUID> excluded,
            int k,
            long seed) {}

    /** Plans the request (see the class). */
    static Plan plan(Request request) {
        return new Run(request).plan();
    }

    /** One planning run: indexes, loads and the pairs chosen so far. */
    private static final class Run {

        private final Request request;
        private final List<Work> work;
        private final Judge[] judges;
        private final int[] load;
        private final int[] rank;
        private final Map<UUID, Integer> index = new HashMap<>();
        private final Map<UUID, Set<Integer>> onSubmission = new HashMap<>();
        private final Set<Pair> added = new HashSet<>();
        private final SplittableRandom random;
        private final Comparator<Integer> byLoadThenRank =
                Comparator.<Integer>comparingInt(j -> load()[j]).thenComparingInt(j -> rank()[j]);

        Run(Request request) {
            this.request = request;
            this.random = new SplittableRandom(request.seed());
            this.work =
                    request.work().stream()
                            .sorted(Comparator.comparing(Work::submissionId))
                            .toList();
            this.judges =
                    request.judges().stream()
                            .sorted(Comparator.comparing(Judge::judgeId))
                            .toArray(Judge[]::new);
            this.load = new int[judges.length];
            this.rank = permutation(judges.length);
            for (int j = 0; j < judges.length; j++) {
                index.put(judges[j].judgeId(), j);
            }
            int outsider = -1;
            for (Pair pair : request.kept()) {
                Integer j = index.get(pair.judgeId());
                if (j != null) {
                    load[j]++;
                } else {
                    j = outsider--;
                }
                onSubmission.computeIfAbsent(pair.submissionId(), s -> new HashSet<>()).add(j);
            }
        }

        Plan plan() {
            Map<Work, int[]> candidates = new LinkedHashMap<>();
            List<Shortfall> shortfalls = new ArrayList<>();
            for (Work w : work) {
                int[] found = candidates(w);
                int needed = needed(w);
                if (found.length < needed) {
                    shortfalls.add(shortfall(w, needed, found.length));
                }
                candidates.put(w, found);
            }
            if (!shortfalls.isEmpty()) {
                return new Plan(List.of(), shortfalls);
            }
            for (Work w : constrainedFirst(candidates)) {
                assign(w, candidates.get(w));
            }
            repair(candidates);
            List<Pair> pairs = new ArrayList<>(added);
            pairs.sort(Comparator.comparing(Pair::submissionId).thenComparing(Pair::judgeId));
            return new Plan(pairs, List.of());
        }

        private int needed(Work w) {
            return Math.max(0, request.k() - kept(w).size());
        }

        private Set<Integer> kept(Work w) {
            return onSubmission.getOrDefault(w.submissionId(), Set.of());
        }

        /** Judges that may take the submission: in scope, clear, not excluded, not on it. */
        private int[] candidates(Work w) {
            Set<Integer> on = kept(w);
            return java.util.stream.IntStream.range(0, judges.length)
                    .filter(j -> judges[j].covers(w.challengeId()))
                    .filter(j -> !blocked(w, j))
                    .filter(j -> !on.contains(j))
                    .toArray();
        }

        private boolean blocked(Work w, int j) {
            UUID judge = judges[j].judgeId();
            return request.excluded().contains(judge)
                    || request.conflicts().contains(new Pair(w.submissionId(), judge));
        }

        private Shortfall shortfall(Work w, int needed, int available) {
            int inScope = 0;
            int conflicted = 0;
            int excluded = 0;
            for (Judge judge : judges) {
                if (!judge.covers(w.challengeId())) {
                    continue;
                }
                inScope++;
                if (request.conflicts().contains(new Pair(w.submissionId(), judge.judgeId()))) {
                    conflicted++;
                } else if (request.excluded().contains(judge.judgeId())) {
                    excluded++;
                }
            }
            return new Shortfall(
                    w.submissionId(),
                    w.challengeId(),
                    request.k(),
                    inScope,
                    conflicted,
                    excluded,
                    kept(w).size());
        }

        /** Fewest candidates first; ties in a seeded random order. */
        private List<Work> constrainedFirst(Map<Work, int[]> candidates) {
            Map<Work, Long> tie = new HashMap<>();
            for (Work w : work) {
                tie.put(w, random.nextLong());
            }
            List<Work> order = new ArrayList<>(work);
            order.sort(
                    Comparator.<Work>comparingInt(w -> candidates.get(w).length)
                            .thenComparing(tie::get));
            return order;
        }

        /** Gives the submission its missing judges: the least loaded, by seeded rank on ties. */
        private void assign(Work w, int[] candidates) {
            int needed = needed(w);
            Integer[] order = Arrays.stream(candidates).boxed().toArray(Integer[]::new);
            Arrays.sort(order, byLoadThenRank);
            for (int i = 0; i < needed; i++) {
                take(w, order[i]);
            }
        }

        private int[] load() {
            return load;
        }

        private int[] rank() {
            return rank;
        }

        private void take(Work w, int j) {
            load[j]++;
            onSubmission.computeIfAbsent(w.submissionId(), s -> new HashSet<>()).add(j);
            added.add(new Pair(w.submissionId(), judges[j].judgeId()));
        }

        private void give(Work w, int from, int to) {
            load[from]--;
            onSubmission.get(w.submissionId()).remove(from);
            added.remove(new Pair(w.submissionId(), judges[from].judgeId()));
            take(w, to);
        }

        /**
         * Moves a new assignment from a judge to a candidate of the same submission with at least
         * two fewer, until no such move is left. Each move lowers the sum of squared loads, so this
         * ends.
         */
        private void repair(Map<Work, int[]> candidates) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Work w : work) {
                    moved |= repair(w, candidates.get(w));
                }
            }
        }

        private boolean repair(Work w, int[] candidates) {
            boolean moved = false;
            for (int from : candidates) {
                if (!added.contains(new Pair(w.submissionId(), judges[from].judgeId()))) {
                    continue;
                }
                int to = lightest(w, candidates);
                if (to >= 0 && load[to] <= load[from] - 2) {
                    give(w, from, to);
                    moved = true;
                }
            }
            return moved;
        }

        private int lightest(Work w, int[] candidates) {
            Set<Integer> on = onSubmission.getOrDefault(w.submissionId(), Set.of());
            int best = -1;
            for (int j : candidates) {
                if (!on.contains(j) && (best < 0 || byLoadThenRank.compare(j, best) < 0)) {
                    best = j;
                }
            }
            return best;
        }

        private int[] permutation(int n) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            return order;
        }
    }
}
