package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The finals' result: the judges' rankings aggregated by Schulze (or Borda), ties within a tier
 * broken by the round 1 score; a tie that remains shares the rank.
 */
@Schema(name = "JudgingFinalRanking")
record FinalistRanking(
        UUID challengeId,
        @Schema(example = "SCHULZE") Method method,
        @Schema(description = "How many judges ranked the finalists", example = "5") int ballots,
        List<Entry> entries) {

    /** How ballots are aggregated. */
    enum Method {
        SCHULZE,
        BORDA
    }

    /** What set a finalist apart from the others of its tier. */
    enum DecidedBy {
        METHOD,
        ROUND1_SCORE,
        TIE,
        /** No judge has ranked the finalists yet. */
        UNRANKED
    }

    /** One finalist's place. */
    @Schema(name = "JudgingFinalRankingEntry")
    record Entry(
            @Schema(nullable = true, description = "Null until a judge has ranked", example = "1")
                    Integer rank,
            boolean tied,
            UUID submissionId,
            @Schema(
                            nullable = true,
                            description = "Its tier under the method, from 1",
                            example = "1")
                    Integer tier,
            @Schema(nullable = true, description = "Borda points (with BORDA)", example = "12")
                    Integer points,
            @Schema(nullable = true, example = "1.12") Double round1Score,
            @Schema(example = "METHOD") DecidedBy decidedBy) {}

    /**
     * Aggregates complete ballots over the finalists: tiers by the method, then within a tier the
     * higher round 1 score first; equal round 1 scores in a tier share the rank. Without ballots
     * the finalists are listed in seed order, unranked.
     */
    static FinalistRanking of(
            UUID challengeId,
            Method method,
            List<List<UUID>> ballots,
            List<FinalistList.Finalist> finalists) {
        if (ballots.isEmpty()) {
            List<Entry> unranked =
                    finalists.stream()
                            .map(
                                    f ->
                                            new Entry(
                                                    null,
                                                    false,
                                                    f.submissionId(),
                                                    null,
                                                    null,
                                                    f.round1Score(),
                                                    null))
                            .toList();
            return new FinalistRanking(challengeId, method, 0, unranked);
        }
        List<List<String>> names =
                ballots.stream().map(b -> b.stream().map(UUID::toString).toList()).toList();
        List<List<String>> tiers = method == Method.BORDA ? Borda.rank(names) : Schulze.rank(names);
        java.util.Map<String, Integer> points =
                method == Method.BORDA ? Borda.points(names) : java.util.Map.of();
        java.util.Map<UUID, Double> round1 = new java.util.HashMap<>();
        finalists.forEach(f -> round1.put(f.submissionId(), f.round1Score()));
        List<Entry> entries = new java.util.ArrayList<>();
        for (int t = 0; t < tiers.size(); t++) {
            List<UUID> tier = tiers.get(t).stream().map(UUID::fromString).toList();
            addTier(entries, tier, t + 1, round1, points);
        }
        return new FinalistRanking(challengeId, method, ballots.size(), List.copyOf(entries));
    }

    private static void addTier(
            List<Entry> entries,
            List<UUID> tier,
            int tierNumber,
            java.util.Map<UUID, Double> round1,
            java.util.Map<String, Integer> points) {
        List<UUID> sorted = new java.util.ArrayList<>(tier);
        sorted.sort(
                java.util.Comparator.comparing((UUID id) -> score(round1, id))
                        .reversed()
                        .thenComparing(java.util.Comparator.naturalOrder()));
        int start = entries.size();
        for (int i = 0; i < sorted.size(); i++) {
            UUID id = sorted.get(i);
            boolean tiedBefore = i > 0 && score(round1, sorted.get(i - 1)) == score(round1, id);
            boolean tiedAfter =
                    i + 1 < sorted.size() && score(round1, sorted.get(i + 1)) == score(round1, id);
            int rank = tiedBefore ? entries.get(entries.size() - 1).rank() : start + i + 1;
            DecidedBy by =
                    tiedBefore || tiedAfter
                            ? DecidedBy.TIE
                            : sorted.size() > 1 ? DecidedBy.ROUND1_SCORE : DecidedBy.METHOD;
            entries.add(
                    new Entry(
                            rank,
                            by == DecidedBy.TIE,
                            id,
                            tierNumber,
                            points.get(id.toString()),
                            round1.get(id),
                            by));
        }
    }

    private static double score(java.util.Map<UUID, Double> round1, UUID id) {
        Double s = round1.get(id);
        return s == null ? Double.NEGATIVE_INFINITY : s;
    }
}
