package org.minka.voting.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * The event-wide counts the baseline rate comes from: its counted ballots, the submissions that
     * have any, when VOTING opened, and now.
     */
    record Baseline(int ballots, int submissions, Instant opensAt, Instant now) {}

    /** The busiest window of one submission: where it starts and the ballots it holds. */
    record Window(UUID submissionId, Instant start, int ballots) {}

    /** A window judged a burst, with the figures its evidence shows. */
    record Burst(Window window, double expected, double baselinePerHour, double pValue) {}

    /**
     * The bursts among all these counted ballots of one event, whose VOTING opened at {@code
     * opensAt}: the reference form of what a scan does, where the database finds each submission's
     * busiest window ({@code FraudFacts.busiestWindows}) and the scan {@linkplain #judge judges}
     * it.
     */
    List<Finding> detect(List<BallotFact> ballots, Instant opensAt, Instant now) {
        Map<UUID, List<BallotFact>> bySubmission =
                ballots.stream()
                        .collect(
                                Collectors.groupingBy(
                                        BallotFact::submissionId,
                                        LinkedHashMap::new,
                                        Collectors.toList()));
        Baseline baseline = new Baseline(ballots.size(), bySubmission.size(), opensAt, now);
        List<Finding> found = new ArrayList<>();
        for (List<BallotFact> ofSubmission : bySubmission.values()) {
            List<BallotFact> inside = busiest(ofSubmission);
            BallotFact first = inside.get(0);
            Window window = new Window(first.submissionId(), first.castAt(), inside.size());
            List<UUID> ids = inside.stream().map(BallotFact::ballotId).toList();
            judge(window, baseline).ifPresent(burst -> found.add(finding(burst, ids)));
        }
        return found;
    }

    /**
     * The ballots of the busiest window of one submission: the most ballots in {@code [start, start
     * + window)}, the earliest start on ties.
     */
    private List<BallotFact> busiest(List<BallotFact> ofSubmission) {
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
        return sorted.subList(bestFrom, bestTo);
    }

    /** Whether this window is a burst against the event's baseline. */
    Optional<Burst> judge(Window window, Baseline event) {
        int k = window.ballots();
        if (k < thresholds.minBallots()) {
            return Optional.empty();
        }
        double windowHours = thresholds.window().toMillis() / 1000.0 / HOUR_SECONDS;
        double openSeconds =
                Math.max(0, Duration.between(event.opensAt(), event.now()).toMillis()) / 1000.0;
        double outsideHours = Math.max(openSeconds / HOUR_SECONDS - windowHours, windowHours);
        int submissions = Math.max(1, event.submissions());
        double rate = (event.ballots() - k) / (double) submissions / outsideHours;
        double baseline = Math.max(rate, thresholds.minBaselinePerHour());
        double expected = baseline * windowHours;
        double p = tail(k, expected);
        if (p > thresholds.maxPValue()) {
            return Optional.empty();
        }
        return Optional.of(new Burst(window, expected, baseline, p));
    }

    /** {@code P(X ≥ k)} for a Poisson {@code X} of mean {@code mean}: the regularized gamma P. */
    static double tail(int k, double mean) {
        if (k <= 0) {
            return 1.0;
        }
        return Gamma.regularizedGammaP(k, mean);
    }

    /** The flag's finding: the burst's evidence, and the ballots of its window. */
    Finding finding(Burst burst, List<UUID> ballotIds) {
        Window window = burst.window();
        double score = -Math.log10(Math.max(burst.pValue(), SMALLEST_P));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("submissionId", window.submissionId().toString());
        evidence.put("windowStart", window.start().toString());
        evidence.put("windowEnd", window.start().plus(thresholds.window()).toString());
        evidence.put("windowSeconds", thresholds.window().toSeconds());
        evidence.put("ballots", window.ballots());
        evidence.put("expected", round(burst.expected()));
        evidence.put("baselinePerHour", round(burst.baselinePerHour()));
        evidence.put("pValue", burst.pValue());
        String subject = window.submissionId().toString();
        return new Finding(FlagKind.BURST, subject, ballotIds, round(score), evidence);
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
