package org.minka.voting.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BurstDetectorTests {

    private static final UUID A = Ballots.id(1001);
    private static final UUID B = Ballots.id(1002);
    private static final UUID C = Ballots.id(1003);
    private static final Instant NOW = Ballots.OPENS.plus(Duration.ofHours(24));

    private final BurstDetector detector = new BurstDetector(FraudProperties.Burst.DEFAULTS);

    @Test
    void tailWhenKnownPoissonValuesThenMatchesClosedForm() {
        assertThat(BurstDetector.tail(0, 2.0)).isEqualTo(1.0);
        assertThat(BurstDetector.tail(1, 2.0)).isCloseTo(1 - Math.exp(-2.0), within(1e-12));
        assertThat(BurstDetector.tail(2, 1.0)).isCloseTo(1 - 2 / Math.E, within(1e-12));
        // P(X >= 30 | 0.5) = e^-0.5 * sum_{k>=30} 0.5^k/k!, dominated by the first term
        double first = Math.exp(-0.5) * Math.pow(0.5, 30) / factorial(30);
        assertThat(BurstDetector.tail(30, 0.5) / first).isCloseTo(1.0, within(0.02));
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    @Test
    void detectWhenSteadyTrafficThenNoBurst() {
        Ballots ballots = new Ballots();
        ballots.steady(List.of(A, B, C), Duration.ofMinutes(2), NOW);

        assertThat(detector.detect(ballots.all(), Ballots.OPENS, NOW)).isEmpty();
    }

    @Test
    void detectWhenThirtyBallotsInFiveMinutesOnOneSubmissionThenThatWindowIsFlagged() {
        Ballots ballots = new Ballots();
        ballots.steady(List.of(A, B, C), Duration.ofHours(1), NOW);
        Instant start = Ballots.OPENS.plus(Duration.ofHours(12)).plus(Duration.ofMinutes(20));
        List<UUID> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            burst.add(
                    ballots.cast(UUID.randomUUID(), B, "ip-b-" + i, start.plusSeconds(10L * i))
                            .ballotId());
        }

        List<Finding> found = detector.detect(ballots.all(), Ballots.OPENS, NOW);

        assertThat(found).hasSize(1);
        Finding finding = found.get(0);
        assertThat(finding.kind()).isEqualTo(FlagKind.BURST);
        assertThat(finding.subject()).isEqualTo(B.toString());
        assertThat(finding.ballotIds()).containsExactlyElementsOf(burst);
        assertThat(finding.evidence())
                .containsEntry("submissionId", B.toString())
                .containsEntry("ballots", 30)
                .containsEntry("windowStart", start.toString())
                .containsEntry("windowEnd", start.plus(Duration.ofMinutes(10)).toString())
                .containsEntry("windowSeconds", 600L);
        // 72 steady ballots, 3 submissions, 23h50m outside the window: 1.007 an hour, 0.168 a
        // window
        assertThat((Double) finding.evidence().get("baselinePerHour"))
                .isCloseTo(1.007, within(1e-3));
        assertThat((Double) finding.evidence().get("expected")).isCloseTo(0.168, within(1e-3));
        assertThat((Double) finding.evidence().get("pValue")).isLessThan(1e-30);
        assertThat(finding.score()).isGreaterThan(30);
    }

    @Test
    void detectWhenBurstBelowMinimumBallotsThenNothing() {
        Ballots ballots = new Ballots();
        ballots.steady(List.of(A, B), Duration.ofHours(2), NOW);
        Instant start = Ballots.OPENS.plus(Duration.ofHours(5));
        for (int i = 0; i < 19; i++) {
            ballots.cast(UUID.randomUUID(), A, "ip-a-" + i, start.plusSeconds(i));
        }

        assertThat(detector.detect(ballots.all(), Ballots.OPENS, NOW)).isEmpty();
    }

    @Test
    void detectWhenBusyEventMakesTheWindowPlausibleThenNoBurst() {
        // 25 ballots in ten minutes on a submission is ordinary when every submission gets that
        Ballots ballots = new Ballots();
        ballots.steady(List.of(A, B, C), Duration.ofSeconds(24), NOW);

        assertThat(detector.detect(ballots.all(), Ballots.OPENS, NOW)).isEmpty();
    }

    @Test
    void detectWhenLowerThresholdsConfiguredThenSmallerBurstFlagged() {
        FraudProperties.Burst loose =
                new FraudProperties.Burst(Duration.ofMinutes(1), 5, 1e-3, 1.0);
        Ballots ballots = new Ballots();
        Instant start = Ballots.OPENS.plus(Duration.ofHours(3));
        for (int i = 0; i < 5; i++) {
            ballots.cast(UUID.randomUUID(), C, "ip-c-" + i, start.plusSeconds(i));
        }

        List<Finding> found = new BurstDetector(loose).detect(ballots.all(), Ballots.OPENS, NOW);

        assertThat(found).extracting(Finding::subject).containsExactly(C.toString());
        assertThat(
                        new BurstDetector(FraudProperties.Burst.DEFAULTS)
                                .detect(ballots.all(), Ballots.OPENS, NOW))
                .isEmpty();
    }
}
