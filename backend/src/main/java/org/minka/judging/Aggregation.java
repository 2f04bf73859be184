package org.minka.judging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Round 1 aggregation, in memory. Each judge's submitted totals (0..100) are normalised over all of
 * that judge's counted scores in the event: a z-score with the population standard deviation, or
 * only mean-centred when the judge has fewer than two scores or they are all equal. A submission's
 * score is the mean of its normalised totals. Submissions are ranked per challenge, best first;
 * ties on the score are broken by the higher raw mean of the rubric's first criterion, then by the
 * earlier submit time of the counted version. A tie that remains is shown: both get the same rank
 * (competition ranking, 1, 2, 2, 4). Excluded scores (a judge conflicted after scoring, a removed
 * judge) count nowhere, neither in the judge's normalisation nor in the submission's mean.
 */
final class Aggregation {

    /** Below this a judge's totals count as all equal (zero variance). */
    static final double EPSILON = 1e-9;

    private Aggregation() {}

    /** A counted version to rank, with the key of its rubric's first criterion. */
    record Candidate(
            UUID submissionId, UUID challengeId, Instant submittedAt, String firstCriterion) {}

    /** One submitted score: the judge's weighted total and the value per criterion. */
    record Score(UUID judgeId, UUID submissionId, double total, Map<String, Integer> values) {}

    /** A judge's score that does not count; all the judge's scores when submissionId is null. */
    record Exclusion(UUID judgeId, UUID submissionId, String reason) {

        boolean covers(Score score) {
            return judgeId.equals(score.judgeId())
                    && (submissionId == null || submissionId.equals(score.submissionId()));
        }
    }

    /** How a judge's totals were normalised. */
    enum Method {
        Z_SCORE,
        MEAN_CENTRED
    }

    /** A judge's normalisation: over how many scores, their mean and standard deviation. */
    record JudgeStats(UUID judgeId, int count, double mean, double sd, Method method) {

        double normalise(double total) {
            return method == Method.Z_SCORE ? (total - mean) / sd : total - mean;
        }
    }

    /** What decided a submission's place against its neighbours in the ranking. */
    enum DecidedBy {
        SCORE,
        FIRST_CRITERION,
        SUBMITTED_AT,
        TIE,
        /** No score counts for it: it has no rank. */
        UNRANKED
    }

    /** One judge's part in a submission's score. */
    record JudgeTotal(UUID judgeId, double raw, double normalised, Method method) {}

    /**
     * A ranked submission. Score, means and rank are null when no score counts for it; such
     * submissions come last, unranked.
     */
    record Ranked(
            Candidate candidate,
            Integer rank,
            Double score,
            Double rawMean,
            Double firstCriterionMean,
            DecidedBy decidedBy,
            List<JudgeTotal> judges,
            Map<String, Double> criterionMeans,
            List<Exclusion> excluded) {

        UUID submissionId() {
            return candidate.submissionId();
        }

        boolean tied() {
            return decidedBy == DecidedBy.TIE;
        }
    }

    /** The whole event: rankings per challenge and every judge's normalisation. */
    record Result(Map<UUID, List<Ranked>> byChallenge, Map<UUID, JudgeStats> judges) {

        List<Ranked> challenge(UUID challengeId) {
            return byChallenge.getOrDefault(challengeId, List.of());
        }
    }

    /** Aggregates an event's scores; scores of submissions that are not candidates are ignored. */
    static Result aggregate(
            List<Candidate> candidates, List<Score> scores, List<Exclusion> exclusions) {
        Map<UUID, Candidate> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.submissionId(), c));
        Map<UUID, List<Exclusion>> excludedBySubmission = new HashMap<>();
        List<Score> counted = new ArrayList<>();
        Map<Object, Exclusion> excluded = index(exclusions);
        for (Score score : scores) {
            if (!byId.containsKey(score.submissionId())) {
                continue;
            }
            Exclusion exclusion = exclusionOf(score, excluded);
            if (exclusion == null) {
                counted.add(score);
            } else {
                excludedBySubmission
                        .computeIfAbsent(score.submissionId(), id -> new ArrayList<>())
                        .add(
                                new Exclusion(
                                        score.judgeId(), score.submissionId(), exclusion.reason()));
            }
        }
        Map<UUID, JudgeStats> stats = judgeStats(counted);
        Map<UUID, List<Score>> bySubmission =
                counted.stream().collect(Collectors.groupingBy(Score::submissionId));
        Map<UUID, List<Ranked>> byChallenge = new TreeMap<>();
        for (Candidate c : candidates) {
            List<Score> own = bySubmission.getOrDefault(c.submissionId(), List.of());
            List<Exclusion> out = excludedBySubmission.getOrDefault(c.submissionId(), List.of());
            byChallenge
                    .computeIfAbsent(c.challengeId(), id -> new ArrayList<>())
                    .add(unranked(c, own, stats, out));
        }
        byChallenge.replaceAll((challenge, list) -> rank(list));
        return new Result(byChallenge, stats);
    }

    /** Exclusions by judge and submission, and by judge alone (submissionId null). */
    private static Exclusion exclusionOf(Score score, Map<Object, Exclusion> exclusions) {
        Exclusion whole = exclusions.get(score.judgeId());
        return whole != null
                ? whole
                : exclusions.get(List.of(score.judgeId(), score.submissionId()));
    }

    private static Map<Object, Exclusion> index(List<Exclusion> exclusions) {
        Map<Object, Exclusion> index = new HashMap<>();
        for (Exclusion e : exclusions) {
            Object key =
                    e.submissionId() == null ? e.judgeId() : List.of(e.judgeId(), e.submissionId());
            index.putIfAbsent(key, e);
        }
        return index;
    }

    /** Each judge's mean and population standard deviation over their counted totals. */
    static Map<UUID, JudgeStats> judgeStats(List<Score> counted) {
        Map<UUID, List<Double>> totals = new LinkedHashMap<>();
        counted.forEach(
                s -> totals.computeIfAbsent(s.judgeId(), id -> new ArrayList<>()).add(s.total()));
        Map<UUID, JudgeStats> stats = new HashMap<>();
        totals.forEach((judge, list) -> stats.put(judge, statsOf(judge, list)));
        return stats;
    }

    private static JudgeStats statsOf(UUID judge, List<Double> totals) {
        int n = totals.size();
        double mean = totals.stream().mapToDouble(Double::doubleValue).sum() / n;
        double squares = 0;
        for (double t : totals) {
            squares += (t - mean) * (t - mean);
        }
        double sd = Math.sqrt(squares / n);
        Method method = n < 2 || sd < EPSILON ? Method.MEAN_CENTRED : Method.Z_SCORE;
        return new JudgeStats(judge, n, mean, method == Method.Z_SCORE ? sd : 0, method);
    }

    private static Ranked unranked(
            Candidate c, List<Score> own, Map<UUID, JudgeStats> stats, List<Exclusion> out) {
        if (own.isEmpty()) {
            return new Ranked(
                    c, null, null, null, null, DecidedBy.UNRANKED, List.of(), Map.of(), out);
        }
        List<JudgeTotal> judges = new ArrayList<>();
        for (Score s : own) {
            JudgeStats js = stats.get(s.judgeId());
            judges.add(
                    new JudgeTotal(s.judgeId(), s.total(), js.normalise(s.total()), js.method()));
        }
        judges.sort(Comparator.comparing(JudgeTotal::judgeId));
        double score =
                round(judges.stream().mapToDouble(JudgeTotal::normalised).sum() / judges.size());
        double raw = judges.stream().mapToDouble(JudgeTotal::raw).sum() / judges.size();
        Map<String, Double> means = criterionMeans(own);
        Double first = means.get(c.firstCriterion());
        return new Ranked(c, null, score, raw, first, null, judges, means, out);
    }

    private static Map<String, Double> criterionMeans(List<Score> own) {
        Map<String, double[]> sums = new TreeMap<>();
        for (Score s : own) {
            s.values()
                    .forEach(
                            (key, value) -> {
                                double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
                                sum[0] += value;
                                sum[1]++;
                            });
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((key, sum) -> means.put(key, round(sum[0] / sum[1])));
        return means;
    }

    /** Orders one challenge's submissions and gives ranks; unscored ones go last, unranked. */
    private static List<Ranked> rank(List<Ranked> list) {
        List<Ranked> scored = new ArrayList<>();
        List<Ranked> unscored = new ArrayList<>();
        list.forEach(r -> (r.score() == null ? unscored : scored).add(r));
        scored.sort(Aggregation::compare);
        unscored.sort(Comparator.comparing(Ranked::submissionId));
        List<Ranked> ranked = new ArrayList<>(list.size());
        for (int i = 0; i < scored.size(); i++) {
            DecidedBy before = i > 0 ? level(scored.get(i - 1), scored.get(i)) : DecidedBy.SCORE;
            DecidedBy after =
                    i + 1 < scored.size()
                            ? level(scored.get(i), scored.get(i + 1))
                            : DecidedBy.SCORE;
            int rank = before == DecidedBy.TIE ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(with(scored.get(i), rank, max(before, after)));
        }
        ranked.addAll(unscored);
        return List.copyOf(ranked);
    }

    private static Ranked with(Ranked r, int rank, DecidedBy decidedBy) {
        return new Ranked(
                r.candidate(),
                rank,
                r.score(),
                r.rawMean(),
                r.firstCriterionMean(),
                decidedBy,
                r.judges(),
                r.criterionMeans(),
                r.excluded());
    }

    private static DecidedBy max(DecidedBy a, DecidedBy b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The first key on which two neighbours differ; TIE when none does. */
    static DecidedBy level(Ranked a, Ranked b) {
        if (a.score().doubleValue() != b.score().doubleValue()) {
            return DecidedBy.SCORE;
        }
        if (differ(a.firstCriterionMean(), b.firstCriterionMean())) {
            return DecidedBy.FIRST_CRITERION;
        }
        if (!a.candidate().submittedAt().equals(b.candidate().submittedAt())) {
            return DecidedBy.SUBMITTED_AT;
        }
        return DecidedBy.TIE;
    }

    private static boolean differ(Double a, Double b) {
        double x = a == null ? Double.NEGATIVE_INFINITY : a;
        double y = b == null ? Double.NEGATIVE_INFINITY : b;
        return x != y;
    }

    /**
     * Rounds to nine decimals, so that equal scores reached by different sums compare equal and the
     * order stays transitive.
     */
    static double round(double x) {
        return Math.round(x * 1e9) / 1e9;
    }

    /** Best first: higher score, higher first-criterion mean, earlier submit, then by id. */
    private static int compare(Ranked a, Ranked b) {
        return switch (level(a, b)) {
            case SCORE -> Double.compare(b.score(), a.score());
            case FIRST_CRITERION -> Double.compare(orLowest(b), orLowest(a));
            case SUBMITTED_AT -> a.candidate().submittedAt().compareTo(b.candidate().submittedAt());
            case TIE, UNRANKED -> a.submissionId().compareTo(b.submissionId());
        };
    }

    private static double orLowest(Ranked r) {
        return r.firstCriterionMean() == null ? Double.NEGATIVE_INFINITY : r.firstCriterionMean();
    }

    /** The ids of a challenge's ranked submissions in order (ranked ones only). */
    static List<UUID> order(List<Ranked> ranking) {
        return ranking.stream().filter(r -> r.rank() != null).map(Ranked::submissionId).toList();
    }

    /** Of a set of submissions, the ones that appear in the ranking, for checks. */
    static Set<UUID> scored(List<Ranked> ranking) {
        return ranking.stream()
                .filter(r -> r.rank() != null)
                .map(Ranked::submissionId)
                .collect(Collectors.toSet());
    }
}
