package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.minka.common.MinkaException;

class EventClockTests {

    private static final Instant T0 = Instant.parse("2026-12-01T05:00:00Z");

    private static PhaseWindow window(Phase phase, int fromDay, int toDay) {
        return new PhaseWindow(
                phase, T0.plus(Duration.ofDays(fromDay)), T0.plus(Duration.ofDays(toDay)));
    }

    private static List<PhaseWindow> valid() {
        return List.of(
                window(Phase.REGISTRATION, 0, 10),
                window(Phase.SUBMISSION, 10, 20),
                window(Phase.JUDGING, 20, 30),
                window(Phase.VOTING, 25, 30),
                window(Phase.RESULTS, 30, 40));
    }

    private static List<PhaseWindow> reversed(List<PhaseWindow> windows) {
        List<PhaseWindow> copy = new ArrayList<>(windows);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String keyOf(List<PhaseWindow> windows) {
        try {
            EventClock.validate(windows);
            return "valid";
        } catch (MinkaException ex) {
            return ex.messageKey();
        }
    }

    @Test
    void validateWhenOrderedWithVotingOverJudgingThenValid() {
        assertThat(EventClock.validate(reversed(valid())))
                .extracting(PhaseWindow::phase)
                .containsExactly(Phase.values());
    }

    @Test
    void validateWhenAdjacentWindowsTouchThenValid() {
        assertThat(keyOf(valid())).isEqualTo("valid");
    }

    @Test
    void validateWhenWindowEmptyOrInvertedThenRefused() {
        List<PhaseWindow> windows = new ArrayList<>(valid());
        windows.set(0, window(Phase.REGISTRATION, 5, 5));
        assertThat(keyOf(windows)).isEqualTo("problem.invalid-phase-windows.empty");
        windows.set(0, window(Phase.REGISTRATION, 6, 5));
        assertThat(keyOf(windows)).isEqualTo("problem.invalid-phase-windows.empty");
    }

    @Test
    void validateWhenPhaseMissingOrRepeatedThenRefused() {
        assertThat(keyOf(valid().subList(0, 4))).isEqualTo("problem.invalid-phase-windows.missing");
        List<PhaseWindow> repeated = new ArrayList<>(valid());
        repeated.add(window(Phase.RESULTS, 41, 42));
        assertThat(keyOf(repeated)).isEqualTo("problem.invalid-phase-windows.duplicate");
    }

    @Test
    void validateWhenOverlapOtherThanVotingJudgingThenRefused() {
        List<PhaseWindow> windows = new ArrayList<>(valid());
        windows.set(1, window(Phase.SUBMISSION, 9, 20));
        assertThat(keyOf(windows)).isEqualTo("problem.invalid-phase-windows.overlap");
        windows = new ArrayList<>(valid());
        windows.set(3, window(Phase.VOTING, 25, 31));
        assertThat(keyOf(windows)).isEqualTo("problem.invalid-phase-windows.overlap");
    }

    @Test
    void validateWhenPhaseOpensBeforeEarlierPhaseThenRefused() {
        List<PhaseWindow> windows = new ArrayList<>(valid());
        windows.set(0, window(Phase.REGISTRATION, 10, 20));
        windows.set(1, window(Phase.SUBMISSION, 0, 10));
        assertThat(keyOf(windows)).isEqualTo("problem.invalid-phase-windows.order");
    }

    @Test
    void stageFollowsTheClock() {
        List<PhaseWindow> w = valid();
        assertThat(EventClock.stage(false, w, T0.plus(Duration.ofDays(1))))
                .isEqualTo(EventStage.DRAFT);
        assertThat(EventClock.stage(true, w, T0.minusSeconds(1))).isEqualTo(EventStage.UPCOMING);
        assertThat(EventClock.stage(true, w, T0)).isEqualTo(EventStage.REGISTRATION);
        assertThat(EventClock.stage(true, w, T0.plus(Duration.ofDays(10))))
                .isEqualTo(EventStage.SUBMISSION);
        assertThat(EventClock.stage(true, w, T0.plus(Duration.ofDays(26))))
                .isEqualTo(EventStage.VOTING);
        assertThat(EventClock.openPhases(w, T0.plus(Duration.ofDays(26))))
                .containsExactly(Phase.JUDGING, Phase.VOTING);
        assertThat(EventClock.stage(true, w, T0.plus(Duration.ofDays(40))))
                .isEqualTo(EventStage.ARCHIVED);
        List<PhaseWindow> gap = new ArrayList<>(w);
        gap.set(1, window(Phase.SUBMISSION, 12, 20));
        assertThat(EventClock.stage(true, gap, T0.plus(Duration.ofDays(11))))
                .isEqualTo(EventStage.BETWEEN_PHASES);
    }

    @Test
    void settingsDefaultsFillOnlyWhatIsMissing() {
        EventSettings partial =
                new EventSettings(
                        2, null, null, null, null, null, null, null, null, null, null, null, null,
                        null);
        EventSettings merged = partial.withDefaultsFrom(EventSettings.DEFAULTS);
        assertThat(merged.teamSizeMin()).isEqualTo(2);
        assertThat(merged.teamSizeMax()).isEqualTo(5);
        assertThat(merged.voting()).isEqualTo(EventSettings.DEFAULTS.voting());
        assertThat(merged.judgesSeeMentorThreads()).isFalse();
        assertThatThrownBy(() -> EventClock.validate(List.of())).isInstanceOf(MinkaException.class);
    }
}
