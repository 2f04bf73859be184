package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrowdBTTests {

    private static final double EPS = 1e-6;

    /** The test vector of reference/DOMAIN.md section 4.2. */
    @Test
    void updateWhenReliableJudgeAndEqualPriorsThenDomainVector() {
        CrowdBT.Update u = CrowdBT.update(10, 1, 0, 1, 0, 1);

        assertThat(u.muWinner()).isCloseTo(0.409091, within(EPS));
        assertThat(u.muLoser()).isCloseTo(-0.409091, within(EPS));
        assertThat(u.sigmaSqWinner()).isCloseTo(0.832645, within(EPS));
        assertThat(u.sigmaSqLoser()).isCloseTo(0.832645, within(EPS));
        assertThat(u.alpha()).isCloseTo(10, within(0.05));
        assertThat(u.beta()).isCloseTo(1, within(0.05));
    }

    @Test
    void expectedInformationGainWhenDomainVectorThenMatches() {
        assertThat(CrowdBT.expectedInformationGain(10, 1, 0, 1, 0, 1))
                .isCloseTo(0.183148, within(EPS));
    }

    @Test
    void updateWhenUninformativeJudgeThenScoresUnchanged() {
        CrowdBT.Update u = CrowdBT.update(1, 1, 0.3, 0.8, -0.2, 0.5);

        assertThat(u.muWinner()).isCloseTo(0.3, within(1e-12));
        assertThat(u.muLoser()).isCloseTo(-0.2, within(1e-12));
    }

    @Test
    void updateWhenAdversarialJudgeThenWinnerLoses() {
        CrowdBT.Update u = CrowdBT.update(1, 10, 0, 1, 0, 1);

        assertThat(u.muWinner()).isLessThan(0);
        assertThat(u.muLoser()).isGreaterThan(0);
    }

    @Test
    void expectedInformationGainWhenItemsUncertainThenHigherThanWhenSettled() {
        double uncertain = CrowdBT.expectedInformationGain(10, 1, 0, 1, 0, 1);
        double settled = CrowdBT.expectedInformationGain(10, 1, 0, 0.01, 0, 0.01);

        assertThat(uncertain).isGreaterThan(settled);
        assertThat(settled).isPositive();
    }

    @Test
    void expectedInformationGainWhenSymmetricThenOrderDoesNotMatter() {
        double ab = CrowdBT.expectedInformationGain(8, 2, 0.4, 0.7, -0.1, 0.9);
        double ba = CrowdBT.expectedInformationGain(8, 2, -0.1, 0.9, 0.4, 0.7);

        assertThat(ab).isCloseTo(ba, within(1e-12));
    }

    @Test
    void klWhenSameDistributionThenZero() {
        assertThat(CrowdBT.klNormal(0.2, 0.5, 0.2, 0.5)).isCloseTo(0, within(1e-12));
        assertThat(CrowdBT.klBeta(3, 4, 3, 4)).isCloseTo(0, within(1e-12));
    }
}
