package org.minka.judging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
 * excluded one. Inputs are sorted before use and ties are broken by a permutation drawn from the
 * seed, so the same inputs and seed give the same plan.
 *
 * <p><b>Pools and balance.</b> A judge's load is every assignment they hold, kept ones included.
 * Two judges are in the same <em>pool</em> when their scopes share a challenge with work to plan,
 * and pools are closed under that: a pool is a connected group of judges (see {@link
 * AssignmentPools}). An event-wide judge shares every such challenge, so with one the event has a
 * single pool of all its judges with work in scope. First the most constrained submissions are
 * served, each by the least-loaded candidates; then {@link AssignmentBalance} hands work along
 * chains (submission s from judge a to b, s' from b to c, ...) until no judge can pass an
 * assignment, directly or through others, to a judge with two fewer. Such loads are decreasingly
 * minimal: in every pool the highest load is as low as any assignment can make it and the lowest as
 * high, at once. So whenever some assignment gives a pool's loads a spread (max − min) of at most
 * 1, the plan does too; when the plan's spread is larger, no assignment of the same work with the
 * same scopes, conflicts and kept pairs does better.
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
            balance(candidates);
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

        /**
         * Hands work along chains until no judge can pass an assignment, directly or through
         * others, to a judge with two fewer (see {@link AssignmentBalance}); then records the pairs
         * the chains left.
         */
        private void balance(Map<Work, int[]> candidates) {
            int[][] options = new int[work.size()][];
            BitSet[] holds = new BitSet[judges.length];
            for (int j = 0; j < judges.length; j++) {
                holds[j] = new BitSet(work.size());
            }
            for (int w = 0; w < work.size(); w++) {
                Work item = work.get(w);
                options[w] = candidates.get(item);
                for (int j : options[w]) {
                    if (added.contains(new Pair(item.submissionId(), judges[j].judgeId()))) {
                        holds[j].set(w);
                    }
                }
            }
            new AssignmentBalance(options, holds, load, rank).balance();
            added.clear();
            for (int j = 0; j < judges.length; j++) {
                for (int w = holds[j].nextSetBit(0); w >= 0; w = holds[j].nextSetBit(w + 1)) {
                    added.add(new Pair(work.get(w).submissionId(), judges[j].judgeId()));
                }
            }
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
