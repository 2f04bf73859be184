package org.minka.voting.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.commons.math3.special.Gamma;

/**
 * Bursts of ballots on one submission. For each submission, the sliding window of the configured
 * length that holds the most ballots is compared with the event's baseline: the ballots outside
 * that window, spread evenly over the submissions with ballots and over the time VOTING has been
 * open outside the window (never below the configured floor). With {@code λ} the baseline's
 * expected count in one window, the window is a burst when it holds at least {@code minBallots} and
 * the Poisson tail {@code P(X ≥ k | λ)} is at most {@code maxPValue}. The score is {@code
 * -log10(p)}.
 */
final class BurstDetector {

    private static final double HOUR_SECONDS = 3600.0;
    private static final double SMALLEST_P = 1e-300;

    private final FraudProperties.Burst thresholds;

    BurstDetector(FraudProperties.Burst thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * The bursts among all counted ballots of one event, whose VOTING opened at {@code opensAt}.
     */
    List<Finding> detect(List<BallotFact> ballots, Instant opensAt, Instant now) {
        long submissions = ballots.stream().map(BallotFact::submissionId).distinct().count();
        return detect(ballots, new Baseline(ballots.size(), (int) submissions, opensAt, now));
    }

    /**
     * The event-wide counts the baseline rate comes from: its counted ballots, the submissions that
     * have any, when VOTING opened, and now.
     */
    record Baseline(int ballots, int submissions, Instant opensAt, Instant now) {}

    /**
     * The bursts among the event's recent ballots: the windows are searched among {@code recent}
     * only (a scan passes the ballots since its last scan less one window, so every window that
     * holds a new ballot is seen), and judged against the whole event's {@code baseline}.
     */
    List<Finding> detect(List<BallotFact> recent, Baseline baseline) {
        Map<UUID, List<BallotFact>> bySubmission =
                recent.stream()
                        .collect(
                                Collectors.groupingBy(
                                        BallotFact::submissionId,
                                        LinkedHashMap::new,
                                        Collectors.toList()));
        List<Finding> found = new ArrayList<>();
        for (Map.Entry<UUID, List<BallotFact>> entry : bySubmission.entrySet()) {
            Window busiest = busiest(entry.getValue());
            Finding finding =
                    judge(
                            entry.getKey(),
                            busiest,
                            baseline.ballots(),
                            Math.max(1, baseline.submissions()),
                            baseline.opensAt(),
                            baseline.now());
            if (finding != null) {
                found.add(finding);
            }
        }
        return found;
    }

    /** The ballots of the busiest window of one submission, earliest first on ties. */
    private record Window(List<BallotFact> ballots, Instant start) {}

    private Window busiest(List<BallotFact> ofSubmission) {
        List<BallotFact> sorted =
                ofSubmission.stream()
                        .sorted(
                                Comparator.comparing(BallotFact::castAt)
                                        .thenComparing(BallotFact::ballotId))
                        .toList();
        Duration window = thresholds.window();
        int bestFrom = 0;
        int bestTo = 0;
        int to = 0;
        for (int from = 0; from < sorted.size(); from++) {
            Instant end = sorted.get(from).castAt().plus(window);
            to = Math.max(to, from);
            while (to < sorted.size() && sorted.get(to).castAt().isBefore(end)) {
                to++;
            }
            if (to - from > bestTo - bestFrom) {
                bestFrom = from;
                bestTo = to;
            }
        }
        List<BallotFact> inside = sorted.subList(bestFrom, bestTo);
        return new Window(inside, sorted.get(bestFrom).castAt());
    }

    private Finding judge(
            UUID submissionId,
            Window busiest,
            int eventBallots,
            int submissions,
            Instant opensAt,
            Instant now) {
        int k = busiest.ballots().size();
        if (k < thresholds.minBallots()) {
            return null;
        }
        double windowHours = thresholds.window().toMillis() / 1000.0 / HOUR_SECONDS;
        double openSeconds = Math.max(0, Duration.between(opensAt, now).toMillis()) / 1000.0;
        double outsideHours = Math.max(openSeconds / HOUR_SECONDS - windowHours, windowHours);
        double rate = (eventBallots - k) / (double) submissions / outsideHours;
        double baseline = Math.max(rate, thresholds.minBaselinePerHour());
        double expected = baseline * windowHours;
        double p = tail(k, expected);
        if (p > thresholds.maxPValue()) {
            return null;
        }
        return finding(submissionId, busiest, expected, baseline, p);
    }

    /** {@code P(X ≥ k)} for a Poisson {@code X} of mean {@code mean}: the regularized gamma P. */
    static double tail(int k, double mean) {
        if (k <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaP(k, mean);
    }

    private Finding finding(
            UUID submissionId, Window busiest, double expected, double baseline, double p) {
        double score = -Math.log10(Math.max(p, SMALLEST_P));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("submissionId", submissionId.toString());
        evidence.put("windowStart", busiest.start().toString());
        evidence.put("windowEnd", busiest.start().plus(thresholds.window()).toString());
        evidence.put("windowSeconds", thresholds.window().toSeconds());
        evidence.put("ballots", busiest.ballots().size());
        evidence.put("expected", round(expected));
        evidence.put("baselinePerHour", round(baseline));
        evidence.put("pValue", p);
        List<UUID> ids = busiest.ballots().stream().map(BallotFact::ballotId).toList();
        return new Finding(FlagKind.BURST, submissionId.toString(), ids, round(score), evidence);
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
