package org.minka.recognition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.minka.catalog.CatalogScoring.ScoredDataset;
import org.minka.catalog.Publisher;

/**
 * The entity score: plain arithmetic over the catalog's facts and the optional signals, the same
 * for every entity of a ranking. The formula, part by part, is in docs/recognition.md; in short
 * each part is a value from 0 to 100 and the score is the mean of the counted parts weighted by the
 * campaign's weights.
 */
final class EntityScoring {

    /** MQA points of a perfect dataset. */
    static final int MQA_MAX = 405;

    /** The quality weight of a dataset neither issued nor updated in the window. */
    static final double NOT_UPDATED_WEIGHT = 0.5;

    /** Fresh: updated at most this many declared periods ago. */
    static final double FRESH_PERIODS = 1.5;

    private EntityScoring() {}

    /** The campaign's window, [opensAt, closesAt). */
    record Window(Instant opensAt, Instant closesAt) {

        boolean contains(Instant t) {
            return t != null && !t.isBefore(opensAt) && t.isBefore(closesAt);
        }
    }

    /** One entity's inputs; the signals are null when the entity has nothing to report. */
    record Input(
            Publisher publisher,
            List<ScoredDataset> datasets,
            ScoreSignals.Trained trained,
            ScoreSignals.Responsiveness responsiveness) {}

    /** One entity's score, explained. */
    record Result(
            Publisher publisher,
            double score,
            List<Ranking.Part> parts,
            int datasets,
            int newDatasets,
            long qualitySum,
            boolean participates,
            Long officialsTrained) {}

    /** What a ranking scores against: the window, the moment, the weights, the signals. */
    record Rules(Window window, Instant asOf, Campaign.Weights weights, boolean signalsAvailable) {}

    /** Scores every entity; parts relative to the best entity use the maxima of these inputs. */
    static List<Result> score(List<Input> inputs, Rules rules) {
        Maxima max =
                new Maxima(
                        max(inputs, i -> newCount(i, rules.window())),
                        max(inputs, EntityScoring::useCount),
                        max(inputs, EntityScoring::trainedCount));
        return inputs.stream().map(i -> one(i, rules, max)).toList();
    }

    private record Maxima(long newDatasets, long use, long trained) {}

    private static long max(List<Input> inputs, ToLongFunction<Input> f) {
        return inputs.stream().mapToLong(f).max().orElse(0);
    }

    private static Result one(Input in, Rules rules, Maxima max) {
        List<Ranking.Part> raw =
                List.of(
                        newDatasets(in, rules, max.newDatasets()),
                        quality(in, rules),
                        freshness(in, rules),
                        use(in, rules, max.use()),
                        trained(in, rules, max.trained()),
                        responsiveness(in, rules));
        int counted =
                raw.stream().filter(Ranking.Part::counted).mapToInt(Ranking.Part::weight).sum();
        double total = 0;
        List<Ranking.Part> parts = new ArrayList<>();
        for (Ranking.Part p : raw) {
            double share = p.counted() && counted > 0 ? p.weight() * p.value() / counted : 0;
            total += share;
            parts.add(withPoints(p, share));
        }
        long qualitySum = in.datasets().stream().mapToLong(ScoredDataset::quality).sum();
        boolean takesPart = in.datasets().stream().anyMatch(d -> touched(d, rules.window()));
        return new Result(
                in.publisher(),
                round2(total),
                parts,
                in.datasets().size(),
                (int) newCount(in, rules.window()),
                qualitySum,
                takesPart,
                rules.signalsAvailable() ? trainedCount(in) : null);
    }

    private static Ranking.Part withPoints(Ranking.Part p, double share) {
        return new Ranking.Part(
                p.part(),
                p.weight(),
                p.counted(),
                round2(p.value()),
                round2(share),
                p.summary(),
                p.datasets());
    }

    // ---- the parts ---------------------------------------------------------------------------

    private static Ranking.Part newDatasets(Input in, Rules rules, long max) {
        long n = newCount(in, rules.window());
        double value = max == 0 ? 0 : 100.0 * n / max;
        List<Ranking.PartDataset> why = new ArrayList<>();
        for (ScoredDataset d : in.datasets()) {
            boolean counts = rules.window().contains(d.issued());
            why.add(dataset(d, counts, issuedDetail(d, rules.window())));
        }
        String summary =
                n
                        + " of "
                        + in.datasets().size()
                        + " datasets issued in the window; the most"
                        + " of any entity: "
                        + max;
        return part(ScorePart.NEW_DATASETS, rules, value, summary, why);
    }

    private static Ranking.Part quality(Input in, Rules rules) {
        double weighted = 0;
        double weights = 0;
        List<Ranking.PartDataset> why = new ArrayList<>();
        for (ScoredDataset d : in.datasets()) {
            boolean full = touched(d, rules.window());
            double w = full ? 1 : NOT_UPDATED_WEIGHT;
            weighted += w * d.quality();
            weights += w;
            why.add(dataset(d, true, qualityDetail(d, full)));
        }
        double mean = weights == 0 ? 0 : weighted / weights;
        String summary =
                "weighted mean MQA "
                        + round2(mean)
                        + " of "
                        + MQA_MAX
                        + " over "
                        + in.datasets().size()
                        + " datasets";
        return part(ScorePart.QUALITY, rules, 100.0 * mean / MQA_MAX, summary, why);
    }

    private static Ranking.Part freshness(Input in, Rules rules) {
        long fresh = 0;
        List<Ranking.PartDataset> why = new ArrayList<>();
        for (ScoredDataset d : in.datasets()) {
            boolean counts = fresh(d, rules.asOf());
            fresh += counts ? 1 : 0;
            why.add(dataset(d, counts, freshnessDetail(d, rules.asOf())));
        }
        int n = in.datasets().size();
        double value = n == 0 ? 0 : 100.0 * fresh / n;
        String summary = fresh + " of " + n + " datasets updated within their declared period";
        return part(ScorePart.FRESHNESS, rules, value, summary, why);
    }

    private static Ranking.Part use(Input in, Rules rules, long max) {
        long u = useCount(in);
        List<Ranking.PartDataset> why = new ArrayList<>();
        for (ScoredDataset d : in.datasets()) {
            long uses = d.challenges() + d.submissions();
            String detail = d.challenges() + " challenges, " + d.submissions() + " submissions";
            why.add(dataset(d, uses > 0, detail));
        }
        double value = max == 0 ? 0 : 100.0 * u / max;
        String summary =
                u + " uses (challenges plus counted submissions); the most of any entity: " + max;
        return part(ScorePart.USE, rules, value, summary, why);
    }

    private static Ranking.Part trained(Input in, Rules rules, long max) {
        if (!rules.signalsAvailable()) {
            return unavailable(ScorePart.OFFICIALS_TRAINED, rules);
        }
        long t = trainedCount(in);
        double value = max == 0 ? 0 : 100.0 * t / max;
        String summary =
                t + " officials completed a course in the window; the most of any entity: " + max;
        return part(ScorePart.OFFICIALS_TRAINED, rules, value, summary, List.of());
    }

    private static Ranking.Part responsiveness(Input in, Rules rules) {
        if (!rules.signalsAvailable()) {
            return unavailable(ScorePart.RESPONSIVENESS, rules);
        }
        ScoreSignals.Responsiveness r = in.responsiveness();
        if (r == null || r.reports() == 0) {
            String none = "no dataset reports in the window: nothing left unanswered";
            return part(ScorePart.RESPONSIVENESS, rules, 100, none, List.of());
        }
        double value = 50.0 * r.answered() / r.reports() + 50.0 * r.fixed() / r.reports();
        String median =
                r.medianToAnswer() == null ? "none" : r.medianToAnswer().toHours() + " hours";
        String summary =
                r.answered()
                        + " of "
                        + r.reports()
                        + " reports answered, "
                        + r.fixed()
                        + " fixed; median time to answer: "
                        + median;
        return part(ScorePart.RESPONSIVENESS, rules, value, summary, List.of());
    }

    private static Ranking.Part part(
            ScorePart part,
            Rules rules,
            double value,
            String summary,
            List<Ranking.PartDataset> datasets) {
        int weight = rules.weights().of(part);
        return new Ranking.Part(part, weight, true, value, 0, summary, datasets);
    }

    private static Ranking.Part unavailable(ScorePart part, Rules rules) {
        int weight = rules.weights().of(part);
        String why = "not counted: no training or feedback records on this server";
        return new Ranking.Part(part, weight, false, 0, 0, why, List.of());
    }

    // ---- the facts ---------------------------------------------------------------------------

    static long newCount(Input in, Window window) {
        return in.datasets().stream().filter(d -> window.contains(d.issued())).count();
    }

    static long useCount(Input in) {
        return in.datasets().stream().mapToLong(d -> d.challenges() + d.submissions()).sum();
    }

    static long trainedCount(Input in) {
        return in.trained() == null ? 0 : in.trained().officials();
    }

    /** Issued or updated inside the window: counted in full in the mean quality. */
    static boolean touched(ScoredDataset d, Window window) {
        return window.contains(d.issued()) || window.contains(d.modified());
    }

    /** Updated at most 1.5 declared periods (in whole days) before the ranking's moment. */
    static boolean fresh(ScoredDataset d, Instant asOf) {
        if (d.modified() == null || d.periodDays() == null) {
            return false;
        }
        return daysSince(d.modified(), asOf) <= d.periodDays() * FRESH_PERIODS;
    }

    private static long daysSince(Instant modified, Instant asOf) {
        return Math.max(0, Duration.between(modified, asOf).toDays());
    }

    private static Ranking.PartDataset dataset(ScoredDataset d, boolean counts, String detail) {
        return new Ranking.PartDataset(d.id(), d.title(), counts, detail);
    }

    private static String issuedDetail(ScoredDataset d, Window window) {
        if (d.issued() == null) {
            return "no issue date at the portal";
        }
        String when = "issued " + day(d.issued());
        if (window.contains(d.issued())) {
            return when + ", in the window";
        }
        return when
                + (d.issued().isBefore(window.opensAt()) ? ", before" : ", after")
                + " the window";
    }

    private static String qualityDetail(ScoredDataset d, boolean full) {
        return "MQA "
                + d.quality()
                + " of "
                + MQA_MAX
                + ", weight "
                + (full
                        ? "1 (issued or updated in the window)"
                        : "0.5 (not updated in the window)");
    }

    private static String freshnessDetail(ScoredDataset d, Instant asOf) {
        if (d.modified() == null) {
            return "no modification date at the portal";
        }
        if (d.periodDays() == null) {
            return "no fixed update period declared";
        }
        return "updated "
                + daysSince(d.modified(), asOf)
                + " days before; declared period "
                + d.periodDays()
                + " days (limit "
                + round2(d.periodDays() * FRESH_PERIODS)
                + ")";
    }

    private static LocalDate day(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** Half up to two decimals, as the scores are stored and compared for ties. */
    static double round2(double x) {
        return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
