package org.minka.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.catalog.Publisher;

/** Who is recognised with the top N: nationally, else in the region, else by entity type. */
class RecognitionRuleTests {

    private static RecognitionRankingRepository.RankedRow entry(
            double score, int national, Integer region, int type) {
        return new RecognitionRankingRepository.RankedRow(
                UUID.randomUUID(),
                "Entidad",
                region == null ? null : "Cusco",
                Publisher.Type.MUNICIPALITY,
                score,
                null,
                "[]",
                new Ranking.Rank(national, false),
                region == null ? null : new Ranking.Rank(region, true),
                new Ranking.Rank(type, false),
                national);
    }

    private static Optional<Ranking.Scope> scope(
            RecognitionRankingRepository.RankedRow e, int top) {
        return RecognitionCertificates.recognition(e, top)
                .map(RecognitionCertificates.Recognition::scope);
    }

    @Test
    void recognitionWhenRankAtMostTopThenScopeInOrderNationalRegionType() {
        assertThat(scope(entry(70, 3, 1, 1), 3)).contains(Ranking.Scope.NATIONAL);
        assertThat(scope(entry(70, 4, 3, 1), 3)).contains(Ranking.Scope.REGION);
        assertThat(scope(entry(70, 4, 4, 3), 3)).contains(Ranking.Scope.ENTITY_TYPE);
        assertThat(scope(entry(70, 4, null, 2), 3)).contains(Ranking.Scope.ENTITY_TYPE);
    }

    @Test
    void recognitionWhenTiedAtTheLastPlaceThenRecognised() {
        // ranks 1, 2, 2, 4 with N = 2: both 2s are in
        assertThat(scope(entry(50, 2, null, 2), 2)).contains(Ranking.Scope.NATIONAL);
        assertThat(scope(entry(40, 4, null, 4), 2)).isEmpty();
    }

    @Test
    void recognitionWhenBelowTopEverywhereOrScoreZeroThenNotRecognised() {
        assertThat(scope(entry(70, 4, 4, 4), 3)).isEmpty();
        assertThat(scope(entry(70, 4, null, 4), 3)).isEmpty();
        assertThat(scope(entry(0, 1, 1, 1), 3)).isEmpty();
    }
}
