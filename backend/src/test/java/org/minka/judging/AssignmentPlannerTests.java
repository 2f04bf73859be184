package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        assertThat(spread(plan.added(), judges)).isLessThanOrEqualTo(2);
    }
}
