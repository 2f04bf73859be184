package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.judging.PairwiseReplay.Decision;
import org.minka.judging.PairwiseReplay.Outcome;

class PairwiseReplayTests {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();
    private final UUID judge = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @Test
    void replayWhenOneComparisonThenDomainVector() {
        PairwiseReplay.State s =
                PairwiseReplay.replay(
                        List.of(a, b), List.of(new Decision(judge, a, b, Outcome.CURRENT)));

        assertThat(s.items().get(b).mu()).isCloseTo(0.409091, within(1e-6));
        assertThat(s.items().get(a).mu()).isCloseTo(-0.409091, within(1e-6));
        assertThat(s.items().get(a).sigmaSq()).isCloseTo(0.832645, within(1e-6));
        assertThat(s.items().get(a).views()).isEqualTo(1);
        assertThat(s.judges().get(judge).decisions()).isEqualTo(1);
    }

    @Test
    void replayWhenPreviousWinsThenMirrorOfCurrentWinning() {
        PairwiseReplay.State current =
                PairwiseReplay.replay(
                        List.of(a, b), List.of(new Decision(judge, a, b, Outcome.CURRENT)));
        PairwiseReplay.State previous =
                PairwiseReplay.replay(
                        List.of(a, b), List.of(new Decision(judge, b, a, Outcome.PREVIOUS)));

        assertThat(previous.items()).isEqualTo(current.items());
        assertThat(previous.judges()).isEqualTo(current.judges());
    }

    @Test
    void replayWhenSkipThenNoScoreMovesButTheDecisionCounts() {
        PairwiseReplay.State s =
                PairwiseReplay.replay(
                        List.of(a, b), List.of(new Decision(judge, null, a, Outcome.SKIP)));

        assertThat(s.items().get(a)).isEqualTo(PairwiseReplay.Item.PRIOR);
        assertThat(s.judges().get(judge))
                .isEqualTo(new PairwiseReplay.Judge(CrowdBT.ALPHA_PRIOR, CrowdBT.BETA_PRIOR, 1));
    }

    @Test
    void replayWhenOneJudgeComparesAChainThenViewsCountJudgesNotComparisons() {
        PairwiseReplay.State s =
                PairwiseReplay.replay(
                        List.of(a, b, c),
                        List.of(
                                new Decision(judge, a, b, Outcome.CURRENT),
                                new Decision(judge, b, c, Outcome.PREVIOUS),
                                new Decision(other, c, a, Outcome.CURRENT)));

        assertThat(s.items().get(a).views()).isEqualTo(2);
        assertThat(s.items().get(b).views()).isEqualTo(1);
        assertThat(s.items().get(c).views()).isEqualTo(2);
        assertThat(s.judges().get(judge).decisions()).isEqualTo(2);
        assertThat(s.items().get(b).mu()).isGreaterThan(s.items().get(c).mu());
    }

    @Test
    void replayWhenStepsFollowCompareThenTheSameNumbers() {
        PairwiseReplay.Compared first =
                PairwiseReplay.compare(
                        PairwiseReplay.Judge.PRIOR,
                        PairwiseReplay.Item.PRIOR,
                        PairwiseReplay.Item.PRIOR,
                        Outcome.CURRENT);
        PairwiseReplay.Compared second =
                PairwiseReplay.compare(
                        first.judge(),
                        first.current(),
                        PairwiseReplay.Item.PRIOR,
                        Outcome.PREVIOUS);

        PairwiseReplay.State s =
                PairwiseReplay.replay(
                        List.of(a, b, c),
                        List.of(
                                new Decision(judge, a, b, Outcome.CURRENT),
                                new Decision(judge, b, c, Outcome.PREVIOUS)));

        assertThat(s.items().get(b).mu()).isEqualTo(second.previous().mu());
        assertThat(s.items().get(c).sigmaSq()).isEqualTo(second.current().sigmaSq());
        assertThat(s.judges().get(judge).alpha()).isEqualTo(second.judge().alpha());
    }
}
