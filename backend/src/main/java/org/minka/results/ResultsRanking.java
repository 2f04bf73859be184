package org.minka.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.minka.event.EventSettings;
import org.minka.judging.JudgingResults;
import org.minka.results.ResultsRows.Award;
import org.minka.results.ResultsRows.DatasetRef;
import org.minka.results.ResultsRows.Placement;
import org.minka.submission.SubmissionAccess;

/**
 * The draft's ranking and its built awards, from judging's provisional ranking, the valid votes and
 * the disqualifications. A disqualified submission loses its place and everyone below it moves up
 * (ties stay shared: a place is one more than the number of eligible submissions ranked strictly
 * better). Counted submissions that judging did not rank are listed without a place.
 */
final class ResultsRanking {

    private ResultsRanking() {}

    /** What a build reads. */
    record Inputs(
            List<JudgingResults.ChallengeResult> judging,
            List<SubmissionAccess.CountedVersion> counted,
            Map<UUID, Long> votes,
            EventSettings.VotingScope scope,
            Set<UUID> disqualified,
            Map<UUID, List<DatasetRef>> datasets,
            int places,
            boolean overallWinner) {}

    /** The draft's placements and built awards. */
    record Built(List<Placement> placements, List<Award> awards) {}

    static Built build(Inputs in) {
        List<Placement> placements = placements(in);
        List<Award> awards = new ArrayList<>();
        awards.addAll(places(placements, in.places()));
        if (in.overallWinner()) {
            awards.addAll(overall(placements));
        }
        awards.addAll(peoplesChoice(placements, in));
        awards.addAll(publishers(placements, awards));
        awards.addAll(mostUsed(placements, in.disqualified()));
        return new Built(placements, awards);
    }

    static List<Placement> placements(Inputs in) {
        Map<UUID, SubmissionAccess.CountedVersion> counted = new LinkedHashMap<>();
        in.counted().forEach(v -> counted.put(v.submissionId(), v));
        List<Placement> out = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (JudgingResults.ChallengeResult result : in.judging()) {
            List<JudgingResults.Placement> ranked =
                    result.placements().stream()
                            .filter(p -> counted.containsKey(p.submissionId()))
                            .toList();
            for (JudgingResults.Placement p : ranked) {
                seen.add(p.submissionId());
                out.add(reranked(in, counted.get(p.submissionId()), p, ranked, result.source()));
            }
        }
        for (SubmissionAccess.CountedVersion v : counted.values()) {
            if (!seen.contains(v.submissionId())) {
                out.add(placement(in, v, null, false, null, "NONE"));
            }
        }
        return out;
    }

    private static Placement reranked(
            Inputs in,
            SubmissionAccess.CountedVersion v,
            JudgingResults.Placement p,
            List<JudgingResults.Placement> challenge,
            JudgingResults.Source source) {
        if (p.rank() == null || in.disqualified().contains(p.submissionId())) {
            return placement(in, v, null, false, p.score(), source.name());
        }
        List<JudgingResults.Placement> eligible =
                challenge.stream()
                        .filter(o -> o.rank() != null)
                        .filter(o -> !in.disqualified().contains(o.submissionId()))
                        .toList();
        long better = eligible.stream().filter(o -> o.rank() < p.rank()).count();
        long same = eligible.stream().filter(o -> o.rank().equals(p.rank())).count();
        return placement(in, v, (int) better + 1, same > 1, p.score(), source.name());
    }

    private static Placement placement(
            Inputs in,
            SubmissionAccess.CountedVersion v,
            Integer place,
            boolean tied,
            Double score,
            String source) {
        return new Placement(
                v.submissionId(),
                v.challengeId(),
                v.teamId(),
                place,
                tied,
                score,
                in.votes().getOrDefault(v.submissionId(), 0L),
                source,
                in.datasets().getOrDefault(v.submissionId(), List.of()));
    }

    private static List<Award> places(List<Placement> placements, int m) {
        return placements.stream()
                .filter(p -> p.place() != null && p.place() <= m)
                .map(p -> winner(AwardKind.PLACE, p.challengeId(), p.place(), p))
                .toList();
    }

    private static Award winner(AwardKind kind, UUID challenge, Integer place, Placement p) {
        return Award.built(kind, challenge, place, p.submissionId(), p.teamId(), null, null, null);
    }

    /** The first places with the best score (all of them when they tie). */
    private static List<Award> overall(List<Placement> placements) {
        List<Placement> firsts =
                placements.stream()
                        .filter(p -> Integer.valueOf(1).equals(p.place()))
                        .filter(p -> p.score() != null)
                        .toList();
        double best = firsts.stream().mapToDouble(Placement::score).max().orElse(Double.NaN);
        return firsts.stream()
                .filter(p -> p.score() == best)
                .map(p -> winner(AwardKind.OVERALL, null, null, p))
                .toList();
    }

    /** Most valid votes among eligible submissions, per challenge or per event; ties share. */
    private static List<Award> peoplesChoice(List<Placement> placements, Inputs in) {
        Map<UUID, List<Placement>> groups = new LinkedHashMap<>();
        for (Placement p : placements) {
            if (in.disqualified().contains(p.submissionId()) || p.votes() == 0) {
                continue;
            }
            UUID key = in.scope() == EventSettings.VotingScope.PER_EVENT ? null : p.challengeId();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        List<Award> out = new ArrayList<>();
        groups.forEach((challenge, group) -> out.addAll(topVoted(challenge, group)));
        return out;
    }

    private static List<Award> topVoted(UUID challenge, List<Placement> group) {
        long best = group.stream().mapToLong(Placement::votes).max().orElse(0);
        return group.stream()
                .filter(p -> p.votes() == best)
                .sorted(Comparator.comparing(Placement::submissionId))
                .map(p -> winner(AwardKind.PEOPLES_CHOICE, challenge, null, p))
                .toList();
    }

    /** The publishers of the linked datasets that placed or overall winners used. */
    private static List<Award> publishers(List<Placement> placements, List<Award> awards) {
        Set<UUID> winners = new HashSet<>();
        awards.stream()
                .filter(a -> a.kind() == AwardKind.PLACE || a.kind() == AwardKind.OVERALL)
                .forEach(a -> winners.add(a.submissionId()));
        Set<UUID> publishers = new TreeSet<>();
        placements.stream()
                .filter(p -> winners.contains(p.submissionId()))
                .flatMap(p -> p.datasets().stream())
                .map(DatasetRef::publisherId)
                .filter(Objects::nonNull)
                .forEach(publishers::add);
        return publishers.stream()
                .map(id -> Award.built(AwardKind.PUBLISHER, null, null, null, null, id, null, null))
                .toList();
    }

    /** The linked datasets that the most eligible submissions declared (ties share). */
    private static List<Award> mostUsed(List<Placement> placements, Set<UUID> disqualified) {
        Map<UUID, Integer> uses = new TreeMap<>();
        Map<UUID, UUID> publisherOf = new HashMap<>();
        for (Placement p : placements) {
            if (disqualified.contains(p.submissionId())) {
                continue;
            }
            Set<UUID> declared = new HashSet<>();
            for (DatasetRef d : p.datasets()) {
                if (d.datasetId() != null && declared.add(d.datasetId())) {
                    publisherOf.put(d.datasetId(), d.publisherId());
                    uses.merge(d.datasetId(), 1, Integer::sum);
                }
            }
        }
        int best = uses.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return uses.entrySet().stream()
                .filter(e -> e.getValue() == best)
                .map(e -> dataset(e.getKey(), publisherOf.get(e.getKey()), best))
                .toList();
    }

    private static Award dataset(UUID datasetId, UUID publisherId, int uses) {
        return Award.built(AwardKind.DATASET, null, null, null, null, publisherId, datasetId, uses);
    }
}
