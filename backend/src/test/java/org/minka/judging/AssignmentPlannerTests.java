package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.minka.judging.AssignmentPlanner.Judge;
import org.minka.judging.AssignmentPlanner.Pair;
import org.minka.judging.AssignmentPlanner.Plan;
import org.minka.judging.AssignmentPlanner.Request;
import org.minka.judging.AssignmentPlanner.Work;

class AssignmentPlannerTests {

    private static UUID id(int kind, int n) {
        return new UUID(kind, n);
    }

    private static List<Work> work(UUID challenge, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> new Work(id(1, i), challenge))
                .toList();
    }

    private static Judge everywhere(int n) {
        return new Judge(id(2, n), true, Set.of());
    }

    private static Judge scoped(int n, UUID... challenges) {
        return new Judge(id(2, n), false, Set.of(challenges));
    }

    private static Request request(List<Work> work, List<Judge> judges, int k, long seed) {
        return new Request(work, judges, Set.of(), Set.of(), Set.of(), k, seed);
    }

    private static Map<UUID, Long> loads(List<Pair> pairs) {
        return pairs.stream().collect(Collectors.groupingBy(Pair::judgeId, Collectors.counting()));
    }

    private static Map<UUID, List<UUID>> judgesBySubmission(List<Pair> pairs) {
        return pairs.stream()
                .collect(
                        Collectors.groupingBy(
                                Pair::submissionId,
                                Collectors.mapping(Pair::judgeId, Collectors.toList())));
    }

    /** max − min of the loads of these judges (0 for a judge with none). */
    private static long spread(List<Pair> pairs, List<Judge> pool) {
        Map<UUID, Long> loads = loads(pairs);
        var stats =
                pool.stream()
                        .mapToLong(j -> loads.getOrDefault(j.judgeId(), 0L))
                        .summaryStatistics();
        return stats.getMax() - stats.getMin();
    }

    @Test
    void planWhenOnePoolThenEachGetsKDistinctJudgesAndLoadsDifferByAtMostOne() {
        UUID challenge = id(9, 1);
        List<Judge> judges = IntStream.range(0, 7).mapToObj(n -> everywhere(n)).toList();

        Plan plan = AssignmentPlanner.plan(request(work(challenge, 0, 20), judges, 3, 42));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.added()).hasSize(60);
        assertThat(judgesBySubmission(plan.added()).values())
                .hasSize(20)
                .allSatisfy(js -> assertThat(new HashSet<>(js)).hasSize(3));
        assertThat(spread(plan.added(), judges)).isLessThanOrEqualTo(1);
    }

    @Test
    void planWhenSameInputsAndSeedThenSamePlanWhateverTheInputOrder() {
        UUID a = id(9, 1);
        UUID b = id(9, 2);
        List<Work> work = new ArrayList<>(work(a, 0, 15));
        work.addAll(work(b, 15, 15));
        List<Judge> judges = new ArrayList<>();
        IntStream.range(0, 4).forEach(n -> judges.add(scoped(n, a)));
        IntStream.range(4, 9).forEach(n -> judges.add(everywhere(n)));

        Plan first = AssignmentPlanner.plan(request(work, judges, 3, 7));
        List<Work> shuffledWork = new ArrayList<>(work);
        java.util.Collections.reverse(shuffledWork);
        List<Judge> shuffledJudges = new ArrayList<>(judges);
        java.util.Collections.reverse(shuffledJudges);
        Plan again = AssignmentPlanner.plan(request(shuffledWork, shuffledJudges, 3, 7));
        Plan otherSeed = AssignmentPlanner.plan(request(work, judges, 3, 8));

        assertThat(again.added()).isEqualTo(first.added());
        assertThat(otherSeed.complete()).isTrue();
        assertThat(otherSeed.added()).hasSameSizeAs(first.added()).isNotEqualTo(first.added());
    }

    @Test
    void planWhenJudgesScopedThenOnlyJudgesOfTheChallengeAndBalancedWithinEachPool() {
        UUID a = id(9, 1);
        UUID b = id(9, 2);
        List<Work> work = new ArrayList<>(work(a, 0, 10));
        work.addAll(work(b, 10, 10));
        List<Judge> poolA = new ArrayList<>(List.of(scoped(1, a), scoped(2, a)));
        List<Judge> poolB =
                new ArrayList<>(List.of(scoped(3, b), scoped(4, b), scoped(5, b), scoped(6, b)));
        List<Judge> everywhere = List.of(everywhere(7), everywhere(8));
        poolA.addAll(everywhere);
        poolB.addAll(everywhere);
        List<Judge> judges = new ArrayList<>(poolA);
        judges.addAll(poolB.subList(0, 4));

        Plan plan = AssignmentPlanner.plan(request(work, judges, 2, 1));

        assertThat(plan.complete()).isTrue();
        Map<UUID, UUID> challengeOf = new HashMap<>();
        work.forEach(w -> challengeOf.put(w.submissionId(), w.challengeId()));
        Map<UUID, Judge> judgeById = new HashMap<>();
        judges.forEach(j -> judgeById.put(j.judgeId(), j));
        assertThat(plan.added())
                .hasSize(40)
                .allSatisfy(
                        p ->
                                assertThat(
                                                judgeById
                                                        .get(p.judgeId())
                                                        .covers(challengeOf.get(p.submissionId())))
                                        .isTrue());
        assertThat(spread(plan.added(), poolA)).isLessThanOrEqualTo(1);
        assertThat(spread(plan.added(), poolB)).isLessThanOrEqualTo(1);
    }

    @Test
    void planWhenConflictsThenNeverAssignsAConflictedJudge() {
        UUID challenge = id(9, 1);
        List<Work> work = work(challenge, 0, 12);
        List<Judge> judges = IntStream.range(0, 4).mapToObj(n -> everywhere(n)).toList();
        Set<Pair> conflicts = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            conflicts.add(new Pair(id(1, i), id(2, i % 4)));
        }

        Plan plan =
                AssignmentPlanner.plan(
                        new Request(work, judges, conflicts, Set.of(), Set.of(), 3, 5));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.added()).hasSize(36).doesNotContainAnyElementsOf(conflicts);
        assertThat(spread(plan.added(), judges)).isLessThanOrEqualTo(1);
    }

    @Test
    void planWhenTooFewClearJudgesThenListsEveryShortSubmissionWithWhyAndAssignsNothing() {
        UUID a = id(9, 1);
        UUID b = id(9, 2);
        List<Work> work = new ArrayList<>(work(a, 0, 3));
        work.addAll(work(b, 3, 2));
        List<Judge> judges = List.of(scoped(1, a), scoped(2, a), scoped(3, b), everywhere(4));
        Set<Pair> conflicts = Set.of(new Pair(id(1, 0), id(2, 1)), new Pair(id(1, 4), id(2, 4)));

        Plan plan =
                AssignmentPlanner.plan(
                        new Request(work, judges, conflicts, Set.of(), Set.of(), 3, 3));

        assertThat(plan.added()).isEmpty();
        assertThat(plan.shortfalls())
                .extracting(AssignmentPlanner.Shortfall::submissionId)
                .containsExactly(id(1, 0), id(1, 3), id(1, 4));
        var first = plan.shortfalls().get(0);
        assertThat(first.inScope()).isEqualTo(3);
        assertThat(first.conflicted()).isEqualTo(1);
        assertThat(first.available()).isEqualTo(2);
        var last = plan.shortfalls().get(2);
        assertThat(last.inScope()).isEqualTo(2);
        assertThat(last.conflicted()).isEqualTo(1);
    }

    @Test
    void planWhenPairsKeptThenTheyCountTowardsKAndTheExcludedJudgeGetsNothing() {
        UUID challenge = id(9, 1);
        List<Work> work = work(challenge, 0, 6);
        List<Judge> judges = IntStream.range(0, 5).mapToObj(n -> everywhere(n)).toList();
        Set<Pair> kept = Set.of(new Pair(id(1, 0), id(2, 0)), new Pair(id(1, 1), id(2, 1)));
        Set<UUID> excluded = Set.of(id(2, 4));

        Plan plan =
                AssignmentPlanner.plan(new Request(work, judges, Set.of(), kept, excluded, 2, 11));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.added()).hasSize(10).doesNotContainAnyElementsOf(kept);
        assertThat(plan.added()).noneMatch(p -> p.judgeId().equals(id(2, 4)));
        Map<UUID, List<UUID>> bySubmission = judgesBySubmission(plan.added());
        assertThat(bySubmission.get(id(1, 0))).hasSize(1).doesNotContain(id(2, 0));
        assertThat(bySubmission.get(id(1, 2))).hasSize(2);
        List<Pair> all = new ArrayList<>(plan.added());
        all.addAll(kept);
        assertThat(spread(all, judges.subList(0, 4))).isLessThanOrEqualTo(1);
    }

    @Test
    void planWhenNationalScaleThenEverySubmissionGetsKAndTheEventWidePoolStaysBalanced() {
        List<Work> work = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            work.add(new Work(id(1, i), id(9, i % 150)));
        }
        List<Judge> judges = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            Set<UUID> scope = new HashSet<>();
            for (int c = 0; c < 15; c++) {
                scope.add(id(9, (n * 15 + c) % 150));
            }
            judges.add(new Judge(id(2, n), false, scope));
        }
        List<Judge> everywhere = IntStream.range(40, 60).mapToObj(n -> everywhere(n)).toList();
        judges.addAll(everywhere);
        Set<Pair> conflicts = new HashSet<>();
        for (int i = 0; i < 1000; i += 7) {
            conflicts.add(new Pair(id(1, i), id(2, 40 + i % 20)));
        }

        Plan plan =
                AssignmentPlanner.plan(
                        new Request(work, judges, conflicts, Set.of(), Set.of(), 3, 2026));

        assertThat(plan.complete()).isTrue();
        assertThat(plan.added()).hasSize(3000).doesNotContainAnyElementsOf(conflicts);
        assertThat(judgesBySubmission(plan.added()).values())
                .hasSize(1000)
                .allSatisfy(js -> assertThat(new HashSet<>(js)).hasSize(3));
        assertThat(spread(plan.added(), everywhere)).isLessThanOrEqualTo(1);
        assertThat(AssignmentPools.of(challengesOf(work), judges, Set.of())).hasSize(1);
        assertThat(spread(plan.added(), judges)).isLessThanOrEqualTo(1);
    }

    private static Set<UUID> challengesOf(List<Work> work) {
        return work.stream().map(Work::challengeId).collect(Collectors.toSet());
    }

    @Test
    void
            planWhenSmallRandomInstancesThenEachPoolIsAsBalancedAsAnyAssignmentFoundByExhaustiveSearch() {
        SplittableRandom random = new SplittableRandom(13);
        int checked = 0;
        int spreadOnePossible = 0;
        for (int instance = 0; instance < 3000; instance++) {
            Request request = randomRequest(random, instance);
            Plan plan = AssignmentPlanner.plan(request);
            Exhaustive best = Exhaustive.search(request);
            assertThat(plan.complete()).as("instance %d", instance).isEqualTo(best.feasible);
            if (!plan.complete()) {
                continue;
            }
            checked++;
            assertValid(request, plan);
            Map<UUID, Long> loads = loadsWithKept(request, plan.added());
            List<List<UUID>> pools =
                    AssignmentPools.of(
                            challengesOf(request.work()), request.judges(), request.excluded());
            boolean allWithinOne = true;
            for (int p = 0; p < pools.size(); p++) {
                var stats =
                        pools.get(p).stream()
                                .mapToLong(j -> loads.getOrDefault(j, 0L))
                                .summaryStatistics();
                assertThat(stats.getMax())
                        .as("instance %d max", instance)
                        .isEqualTo(best.lowestMax(pools.get(p)));
                assertThat(stats.getMin())
                        .as("instance %d min", instance)
                        .isEqualTo(best.highestMin(pools.get(p)));
                allWithinOne &= stats.getMax() - stats.getMin() <= 1;
            }
            assertThat(allWithinOne)
                    .as("instance %d", instance)
                    .isEqualTo(best.everyPoolWithinOne(pools));
            spreadOnePossible += allWithinOne ? 1 : 0;
        }
        assertThat(checked).isGreaterThan(1000);
        assertThat(spreadOnePossible).isGreaterThan(checked / 4).isLessThan(checked);
        System.out.printf(
                "exhaustive: %d feasible instances, %d with spread <= 1 possible in every pool%n",
                checked, spreadOnePossible);
    }

    /**
     * The bench's shape (make bench-judging): 150 challenges, 12 submissions in each of the first
     * ten and 880 round robin over the rest; judges 1..10 event-wide, 11..20 on the first ten and
     * six others, 21..60 on six each; mentors' and team members' conflicts and 30 declared ones.
     * The planner's highest load is the lowest any assignment allows (a max flow with every judge
     * capped one lower cannot carry the work) and its lowest load the highest (no flow gives every
     * judge one more).
     */
    @Test
    void planWhenBenchShapeThenHighestLoadIsTheLowestPossibleAndLowestTheHighest() {
        List<Work> work = new ArrayList<>();
        for (int s = 1; s <= 1000; s++) {
            int challenge = s <= 120 ? (s - 1) / 12 : 10 + (s - 121) % 140;
            work.add(new Work(id(1, s), id(9, challenge)));
        }
        List<Judge> judges = new ArrayList<>();
        for (int j = 1; j <= 60; j++) {
            if (j <= 10) {
                judges.add(everywhere(j));
                continue;
            }
            Set<UUID> scope = new HashSet<>();
            for (int c = 0; c < 6; c++) {
                scope.add(id(9, 10 + ((j - 11) * 6 + c) % 140));
            }
            for (int c = 0; j <= 20 && c < 10; c++) {
                scope.add(id(9, c));
            }
            judges.add(new Judge(id(2, j), false, scope));
        }
        Set<Pair> conflicts = new HashSet<>();
        for (Work w : work) {
            long s = w.submissionId().getLeastSignificantBits();
            for (int j = 21; j <= 25; j++) {
                if (w.challengeId().equals(id(9, 29 + j))) {
                    conflicts.add(new Pair(w.submissionId(), id(2, j)));
                }
            }
            if (s >= 226 && s <= 228) {
                conflicts.add(new Pair(w.submissionId(), id(2, (int) s - 200)));
            }
            if (s % 33 == 0) {
                conflicts.add(new Pair(w.submissionId(), id(2, 1 + (int) (s * 7) % 60)));
            }
        }
        Request request = new Request(work, judges, conflicts, Set.of(), Set.of(), 3, 8);

        long start = System.nanoTime();
        Plan plan = AssignmentPlanner.plan(request);
        long planMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(plan.complete()).isTrue();
        assertValid(request, plan);
        assertThat(AssignmentPools.of(challengesOf(work), judges, Set.of())).hasSize(1);
        Map<UUID, Long> loads = loads(plan.added());
        var stats =
                judges.stream()
                        .mapToLong(j -> loads.getOrDefault(j.judgeId(), 0L))
                        .summaryStatistics();
        assertThat(routes(request, j -> (int) stats.getMax() - 1, false)).isFalse();
        assertThat(routes(request, j -> (int) stats.getMin() + 1, true)).isFalse();
        assertThat(routes(request, j -> (int) stats.getMin(), true)).isTrue();
        System.out.printf(
                "bench shape: one pool of %d judges, loads %d..%d, planned in %d ms%n",
                judges.size(), stats.getMin(), stats.getMax(), planMs);
    }

    /**
     * With each judge capped at {@code cap}: can the work be carried in full (atLeast false), or
     * can every judge be given {@code cap} (atLeast true; any such partial assignment extends to a
     * full one, the loads being a polymatroid's)?
     */
    private static boolean routes(
            Request request, java.util.function.ToIntFunction<Judge> cap, boolean atLeast) {
        List<Work> work = request.work();
        List<Judge> judges = request.judges();
        int source = work.size() + judges.size();
        int sink = source + 1;
        MaxFlow flow = new MaxFlow(sink + 1);
        long demand = 0;
        for (int w = 0; w < work.size(); w++) {
            flow.edge(source, w, request.k());
            demand += request.k();
            for (int j = 0; j < judges.size(); j++) {
                Pair pair = new Pair(work.get(w).submissionId(), judges.get(j).judgeId());
                if (judges.get(j).covers(work.get(w).challengeId())
                        && !request.conflicts().contains(pair)) {
                    flow.edge(w, work.size() + j, 1);
                }
            }
        }
        long wanted = 0;
        for (int j = 0; j < judges.size(); j++) {
            int c = Math.max(0, cap.applyAsInt(judges.get(j)));
            flow.edge(work.size() + j, sink, c);
            wanted += c;
        }
        return flow.flow(source, sink) == (atLeast ? wanted : demand);
    }

    /**
     * Up to 3 challenges, 1 to 4 submissions, 2 to 5 judges (event-wide or scoped to one or two
     * challenges), random conflicts, a few kept pairs, sometimes a withdrawn judge, k from 1 to 3.
     */
    private static Request randomRequest(SplittableRandom random, long seed) {
        int challenges = 1 + random.nextInt(3);
        List<Work> work = new ArrayList<>();
        int submissions = 1 + random.nextInt(4);
        for (int i = 0; i < submissions; i++) {
            work.add(new Work(id(1, i), id(9, random.nextInt(challenges))));
        }
        List<Judge> judges = new ArrayList<>();
        int count = 2 + random.nextInt(4);
        for (int n = 0; n < count; n++) {
            if (random.nextInt(4) == 0) {
                judges.add(everywhere(n));
            } else {
                Set<UUID> scope = new HashSet<>();
                scope.add(id(9, random.nextInt(challenges)));
                if (random.nextBoolean()) {
                    scope.add(id(9, random.nextInt(challenges)));
                }
                judges.add(new Judge(id(2, n), false, scope));
            }
        }
        Set<Pair> conflicts = new HashSet<>();
        Set<Pair> kept = new HashSet<>();
        for (Work w : work) {
            for (Judge j : judges) {
                int roll = random.nextInt(10);
                if (roll < 2) {
                    conflicts.add(new Pair(w.submissionId(), j.judgeId()));
                } else if (roll == 2 && j.covers(w.challengeId())) {
                    kept.add(new Pair(w.submissionId(), j.judgeId()));
                }
            }
        }
        Set<UUID> excluded = random.nextInt(5) == 0 ? Set.of(judges.get(0).judgeId()) : Set.of();
        int k = 1 + random.nextInt(3);
        return new Request(work, judges, conflicts, kept, excluded, k, seed);
    }

    /** Every new pair is a clear candidate, and each submission ends with k distinct judges. */
    private static void assertValid(Request request, Plan plan) {
        Map<UUID, Judge> judgeById = new HashMap<>();
        request.judges().forEach(j -> judgeById.put(j.judgeId(), j));
        Map<UUID, Set<UUID>> on = new HashMap<>();
        request.kept()
                .forEach(
                        p ->
                                on.computeIfAbsent(p.submissionId(), s -> new HashSet<>())
                                        .add(p.judgeId()));
        for (Pair p : plan.added()) {
            assertThat(request.conflicts()).doesNotContain(p);
            assertThat(request.excluded()).doesNotContain(p.judgeId());
            assertThat(on.computeIfAbsent(p.submissionId(), s -> new HashSet<>()).add(p.judgeId()))
                    .isTrue();
        }
        for (Work w : request.work()) {
            Set<UUID> judges = on.getOrDefault(w.submissionId(), Set.of());
            assertThat(judges.size()).isGreaterThanOrEqualTo(request.k());
            for (Pair p : plan.added()) {
                if (p.submissionId().equals(w.submissionId())) {
                    assertThat(judgeById.get(p.judgeId()).covers(w.challengeId())).isTrue();
                }
            }
        }
    }

    private static Map<UUID, Long> loadsWithKept(Request request, List<Pair> added) {
        List<Pair> all = new ArrayList<>(added);
        all.addAll(request.kept());
        return loads(all);
    }

    /** Every assignment of the request, enumerated: the load vectors they give. */
    private static final class Exhaustive {
        final boolean feasible;
        final List<Map<UUID, Long>> vectors;

        private Exhaustive(boolean feasible, List<Map<UUID, Long>> vectors) {
            this.feasible = feasible;
            this.vectors = vectors;
        }

        static Exhaustive search(Request request) {
            List<List<List<UUID>>> options = new ArrayList<>();
            for (Work w : request.work()) {
                Set<UUID> on = new HashSet<>();
                request.kept().stream()
                        .filter(p -> p.submissionId().equals(w.submissionId()))
                        .forEach(p -> on.add(p.judgeId()));
                List<UUID> candidates =
                        request.judges().stream()
                                .filter(j -> j.covers(w.challengeId()))
                                .map(Judge::judgeId)
                                .filter(j -> !on.contains(j))
                                .filter(j -> !request.excluded().contains(j))
                                .filter(
                                        j ->
                                                !request.conflicts()
                                                        .contains(new Pair(w.submissionId(), j)))
                                .toList();
                int needed = Math.max(0, request.k() - on.size());
                List<List<UUID>> subsets = new ArrayList<>();
                subsets(candidates, 0, needed, new ArrayList<>(), subsets);
                if (subsets.isEmpty()) {
                    return new Exhaustive(false, List.of());
                }
                options.add(subsets);
            }
            Map<UUID, Long> base = new HashMap<>();
            request.judges().forEach(j -> base.put(j.judgeId(), 0L));
            request.kept().forEach(p -> base.merge(p.judgeId(), 1L, Long::sum));
            Set<Map<UUID, Long>> vectors = new HashSet<>();
            enumerate(options, 0, base, vectors);
            return new Exhaustive(true, new ArrayList<>(vectors));
        }

        private static void subsets(
                List<UUID> from, int start, int size, List<UUID> chosen, List<List<UUID>> out) {
            if (chosen.size() == size) {
                out.add(List.copyOf(chosen));
                return;
            }
            for (int i = start; i < from.size(); i++) {
                chosen.add(from.get(i));
                subsets(from, i + 1, size, chosen, out);
                chosen.remove(chosen.size() - 1);
            }
        }

        private static void enumerate(
                List<List<List<UUID>>> options,
                int w,
                Map<UUID, Long> loads,
                Set<Map<UUID, Long>> out) {
            if (w == options.size()) {
                out.add(Map.copyOf(loads));
                return;
            }
            for (List<UUID> subset : options.get(w)) {
                subset.forEach(j -> loads.merge(j, 1L, Long::sum));
                enumerate(options, w + 1, loads, out);
                subset.forEach(j -> loads.merge(j, -1L, Long::sum));
            }
        }

        long lowestMax(List<UUID> pool) {
            return vectors.stream()
                    .mapToLong(v -> pool.stream().mapToLong(v::get).max().orElseThrow())
                    .min()
                    .orElseThrow();
        }

        long highestMin(List<UUID> pool) {
            return vectors.stream()
                    .mapToLong(v -> pool.stream().mapToLong(v::get).min().orElseThrow())
                    .max()
                    .orElseThrow();
        }

        boolean everyPoolWithinOne(List<List<UUID>> pools) {
            return vectors.stream().anyMatch(v -> pools.stream().allMatch(p -> spread(v, p) <= 1));
        }

        private static long spread(Map<UUID, Long> v, List<UUID> pool) {
            var stats = pool.stream().mapToLong(v::get).summaryStatistics();
            return stats.getMax() - stats.getMin();
        }
    }
}
