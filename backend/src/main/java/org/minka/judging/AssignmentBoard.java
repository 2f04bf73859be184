package org.minka.judging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.submission.SubmissionAccess;

/** What an assignment write reads under the lock, what it plans, and the view of it. */
final class AssignmentBoard {
    final UUID eventId;
    final int k;
    List<AssignmentPlanner.Judge> judges = List.of();
    Map<UUID, SubmissionAccess.CountedVersion> counted = Map.of();
    Set<AssignmentPlanner.Pair> conflicted = Set.of();
    List<Assignments.Row> rows = List.of();
    int removed;

    AssignmentBoard(UUID eventId, int k) {
        this.eventId = eventId;
        this.k = k;
    }

    Set<AssignmentPlanner.Pair> kept() {
        Set<AssignmentPlanner.Pair> kept = new HashSet<>();
        rows.forEach(r -> kept.add(new AssignmentPlanner.Pair(r.submissionId(), r.judgeId())));
        return kept;
    }

    List<AssignmentPlanner.Work> work(Set<UUID> only) {
        return counted.values().stream()
                .filter(c -> only == null || only.contains(c.submissionId()))
                .map(c -> new AssignmentPlanner.Work(c.submissionId(), c.challengeId()))
                .toList();
    }

    AssignmentPlanner.Request request(Set<UUID> only, Set<UUID> excluded, long seed) {
        return new AssignmentPlanner.Request(
                work(only), judges, conflicted, kept(), excluded, k, seed);
    }

    List<Assignments.New> rowsFor(List<AssignmentPlanner.Pair> pairs) {
        return pairs.stream().map(this::row).toList();
    }

    private Assignments.New row(AssignmentPlanner.Pair p) {
        SubmissionAccess.CountedVersion c = counted.get(p.submissionId());
        return new Assignments.New(p.submissionId(), c.challengeId(), c.number(), p.judgeId());
    }

    /** The view of what the board holds. */
    AssignmentView view() {
        Map<UUID, List<UUID>> judgesOf = new HashMap<>();
        Map<UUID, int[]> loads = new LinkedHashMap<>();
        judges.forEach(j -> loads.put(j.judgeId(), new int[2]));
        for (Assignments.Row r : rows) {
            judgesOf.computeIfAbsent(r.submissionId(), s -> new ArrayList<>()).add(r.judgeId());
            int[] load = loads.computeIfAbsent(r.judgeId(), j -> new int[2]);
            load[0]++;
            load[1] += r.scored() ? 1 : 0;
        }
        List<AssignmentView.Item> items = new ArrayList<>();
        for (SubmissionAccess.CountedVersion c : counted.values()) {
            List<UUID> on = judgesOf.getOrDefault(c.submissionId(), List.of());
            items.add(
                    new AssignmentView.Item(
                            c.submissionId(),
                            c.challengeId(),
                            c.teamId(),
                            c.number(),
                            on,
                            Math.max(0, k - on.size())));
        }
        List<AssignmentView.Load> judgeLoads = new ArrayList<>();
        loads.forEach((j, l) -> judgeLoads.add(new AssignmentView.Load(j, l[0], l[1])));
        return new AssignmentView(k, items, judgeLoads, pools(loads));
    }

    /** The pools of the event's judges over its counted work, with their loads' spread. */
    private List<AssignmentView.Pool> pools(Map<UUID, int[]> loads) {
        Set<UUID> challenges = new HashSet<>();
        counted.values().forEach(c -> challenges.add(c.challengeId()));
        List<AssignmentView.Pool> pools = new ArrayList<>();
        for (List<UUID> pool : AssignmentPools.of(challenges, judges, Set.of())) {
            var stats = pool.stream().mapToInt(j -> loads.get(j)[0]).summaryStatistics();
            int min = stats.getMin();
            int max = stats.getMax();
            pools.add(new AssignmentView.Pool(pool, min, max, max - min));
        }
        return pools;
    }

    /** One submission of the view. */
    AssignmentView.Item item(UUID submissionId) {
        return view().submissions().stream()
                .filter(i -> i.submissionId().equals(submissionId))
                .findFirst()
                .orElseThrow();
    }
}
