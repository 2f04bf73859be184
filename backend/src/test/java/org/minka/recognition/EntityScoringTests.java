package org.minka.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.catalog.CatalogScoring.ScoredDataset;
import org.minka.catalog.Publisher;

/**
 * The entity score on a fixture catalog, against a table computed by hand: each expected value is
 * written as the arithmetic of docs/recognition.md, from the facts listed in the fixture.
 */
class EntityScoringTests {

    static final Instant OPENS = Instant.parse("2026-03-01T05:00:00Z");
    static final Instant CLOSES = Instant.parse("2026-09-01T05:00:00Z");
    static final EntityScoring.Window WINDOW = new EntityScoring.Window(OPENS, CLOSES);
    static final Instant SECOND = Instant.ofEpochSecond(1);

    static final Campaign.Weights DEFAULT = Campaign.Weights.DEFAULT.normalised();

    static Publisher publisher(String name) {
        return new Publisher(
                UUID.randomUUID(),
                name,
                Publisher.Type.MUNICIPALITY,
                "Cusco",
                null,
                Instant.EPOCH,
                0);
    }

    static ScoredDataset dataset(
            String title,
            String issued,
            String modified,
            Long period,
            int mqa,
            long challenges,
            long submissions) {
        return new ScoredDataset(
                UUID.randomUUID(),
                null,
                title,
                issued == null ? null : Instant.parse(issued),
                modified == null ? null : Instant.parse(modified),
                period,
                mqa,
                challenges,
                submissions);
    }

    static EntityScoring.Input input(String name, ScoredDataset... datasets) {
        return new EntityScoring.Input(publisher(name), List.of(datasets), null, null);
    }

    static EntityScoring.Rules rules(Campaign.Weights weights, boolean signals) {
        return new EntityScoring.Rules(WINDOW, CLOSES, weights, signals);
    }

    static double r2(double x) {
        return EntityScoring.round2(x);
    }

    static double part(EntityScoring.Result r, ScorePart part) {
        return r.parts().stream().filter(p -> p.part() == part).findFirst().orElseThrow().value();
    }

    /** The fixture: four entities, window [2026-03-01T05:00Z, 2026-09-01T05:00Z), as of close. */
    static List<EntityScoring.Input> fixture() {
        return List.of(
                input(
                        "A",
                        // issued and updated in the window, monthly, 2 challenges + 3 submissions
                        dataset(
                                "a1",
                                "2026-04-01T00:00:00Z",
                                "2026-08-20T00:00:00Z",
                                30L,
                                300,
                                2,
                                3),
                        // old and stale: issued 2025, updated 2024-06 (822 days > 1.5 x 365)
                        dataset(
                                "a2",
                                "2025-01-01T00:00:00Z",
                                "2024-06-01T00:00:00Z",
                                365L,
                                200,
                                0,
                                0),
                        // issued in the window, no modification date, no period, 1 submission
                        dataset("a3", "2026-05-01T00:00:00Z", null, null, 405, 0, 1)),
                input(
                        "B",
                        // issued at the very opening: inside
                        dataset(
                                "b1",
                                "2026-03-01T05:00:00Z",
                                "2026-08-30T00:00:00Z",
                                7L,
                                250,
                                1,
                                0),
                        // issued and updated one second before the opening: outside
                        dataset(
                                "b2",
                                "2026-03-01T04:59:59Z",
                                "2026-03-01T04:59:59Z",
                                365L,
                                150,
                                0,
                                0)),
                input(
                        "C",
                        // one second before the close: inside; daily and updated that second
                        dataset(
                                "c1",
                                "2026-09-01T04:59:59Z",
                                "2026-09-01T04:59:59Z",
                                1L,
                                220,
                                0,
                                0),
                        // at the close: outside; no period declared
                        dataset(
                                "c2",
                                "2026-09-01T05:00:00Z",
                                "2026-09-01T05:00:00Z",
                                null,
                                220,
                                0,
                                0)),
                input("D"));
    }

    @Test
    void scoreWhenDefaultWeightsThenMatchesTheHandComputedTable() {
        List<EntityScoring.Result> results = EntityScoring.score(fixture(), rules(DEFAULT, false));

        // NEW_DATASETS: issued in the window A 2 (a1, a3), B 1 (b1), C 1 (c1), D 0; the most is 2
        double newA = 100.0 * 2 / 2;
        double newB = 100.0 * 1 / 2;
        double newC = 100.0 * 1 / 2;
        // QUALITY: weight 1 when issued or updated in the window, else 0.5; mean MQA / 405
        double qualityA = 100.0 * ((1 * 300 + 0.5 * 200 + 1 * 405) / (1 + 0.5 + 1)) / 405;
        double qualityB = 100.0 * ((1 * 250 + 0.5 * 150) / (1 + 0.5)) / 405;
        double qualityC = 100.0 * ((1 * 220 + 0.5 * 220) / (1 + 0.5)) / 405;
        // FRESHNESS as of the close: A a1 (12 days <= 45); B b1 (2 <= 10.5), b2 (184 <= 547.5);
        // C c1 (0 <= 1.5), c2 has no period
        double freshA = 100.0 * 1 / 3;
        double freshB = 100.0 * 2 / 2;
        double freshC = 100.0 * 1 / 2;
        // USE: A 2 + 3 + 1 = 6, B 1, C 0; the most is 6
        double useA = 100.0 * 6 / 6;
        double useB = 100.0 * 1 / 6;
        double useC = 0;
        // score: the weighted mean, weights 30/30/20/20 (the optional parts are not counted)
        double scoreA = (30 * newA + 30 * qualityA + 20 * freshA + 20 * useA) / 100;
        double scoreB = (30 * newB + 30 * qualityB + 20 * freshB + 20 * useB) / 100;
        double scoreC = (30 * newC + 30 * qualityC + 20 * freshC + 20 * useC) / 100;

        assertThat(results)
                .extracting(EntityScoring.Result::score)
                .containsExactly(r2(scoreA), r2(scoreB), r2(scoreC), 0.0);
        assertThat(results.get(0).score()).isEqualTo(80.52);
        assertThat(results.get(1).score()).isEqualTo(54.38);
        assertThat(results.get(2).score()).isEqualTo(41.30);
        assertThat(part(results.get(0), ScorePart.QUALITY)).isEqualTo(r2(qualityA));
        assertThat(part(results.get(1), ScorePart.QUALITY)).isEqualTo(r2(qualityB));
        assertThat(part(results.get(2), ScorePart.FRESHNESS)).isEqualTo(r2(freshC));
        assertThat(part(results.get(1), ScorePart.USE)).isEqualTo(r2(useB));
        assertThat(results)
                .extracting(EntityScoring.Result::newDatasets)
                .containsExactly(2, 1, 1, 0);
        assertThat(results)
                .extracting(EntityScoring.Result::participates)
                .containsExactly(true, true, true, false);
    }

    @Test
    void scoreWhenExplainedThenEachPartListsTheDatasetsBehindIt() {
        EntityScoring.Result b = EntityScoring.score(fixture(), rules(DEFAULT, false)).get(1);

        Ranking.Part newDatasets = b.parts().get(0);
        assertThat(newDatasets.part()).isEqualTo(ScorePart.NEW_DATASETS);
        assertThat(newDatasets.datasets())
                .extracting(Ranking.PartDataset::title, Ranking.PartDataset::counts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("b1", true),
                        org.assertj.core.groups.Tuple.tuple("b2", false));
        assertThat(newDatasets.datasets().get(1).detail()).contains("before the window");
        Ranking.Part quality = b.parts().get(1);
        assertThat(quality.datasets().get(1).detail()).contains("weight 0.5");
        // points: weight x value / counted weights, and they add up to the score
        double points = b.parts().stream().mapToDouble(Ranking.Part::points).sum();
        assertThat(points).isCloseTo(b.score(), org.assertj.core.data.Offset.offset(0.03));
        assertThat(b.parts().get(4).counted()).isFalse();
        assertThat(b.parts().get(5).counted()).isFalse();
    }

    @Test
    void newDatasetsWhenIssuedAtTheWindowEdgesThenOnlyThoseInsideCount() {
        List<ScoredDataset> edges = new ArrayList<>();
        for (Instant issued :
                List.of(
                        OPENS.minus(Duration.ofSeconds(1)),
                        OPENS,
                        OPENS.plus(Duration.ofSeconds(1)),
                        CLOSES.minus(Duration.ofSeconds(1)),
                        CLOSES,
                        CLOSES.plus(Duration.ofSeconds(1)))) {
            edges.add(dataset(issued.toString(), issued.toString(), null, null, 100, 0, 0));
        }
        EntityScoring.Input in = new EntityScoring.Input(publisher("edges"), edges, null, null);

        EntityScoring.Result r = EntityScoring.score(List.of(in), rules(DEFAULT, false)).get(0);

        assertThat(r.newDatasets()).isEqualTo(3);
        assertThat(r.parts().get(0).datasets())
                .extracting(Ranking.PartDataset::counts)
                .containsExactly(false, true, true, true, false, false);
    }

    @Test
    void scoreWhenTwoEntitiesHaveTheSameFactsThenTheirScoresAreEqual() {
        List<EntityScoring.Input> twins =
                List.of(
                        input("X", dataset("x", "2026-04-01T00:00:00Z", null, null, 300, 1, 0)),
                        input("Y", dataset("y", "2026-04-01T00:00:00Z", null, null, 300, 1, 0)),
                        input("Z", dataset("z", "2026-04-01T00:00:00Z", null, null, 100, 0, 0)));

        List<EntityScoring.Result> r = EntityScoring.score(twins, rules(DEFAULT, false));

        assertThat(r.get(0).score()).isEqualTo(r.get(1).score()).isGreaterThan(r.get(2).score());
    }

    @Test
    void scoreWhenSignalsAvailableThenTheOptionalPartsCount() {
        Campaign.Weights weights = new Campaign.Weights(20, 20, 20, 20, 10, 10);
        Publisher a = publisher("A");
        Publisher b = publisher("B");
        ScoredDataset same = dataset("d", "2026-04-01T00:00:00Z", null, null, 405, 0, 0);
        List<EntityScoring.Input> inputs =
                List.of(
                        new EntityScoring.Input(
                                a,
                                List.of(same),
                                new ScoreSignals.Trained(a.id(), 4),
                                new ScoreSignals.Responsiveness(
                                        a.id(), 4, 3, 2, Duration.ofHours(30))),
                        new EntityScoring.Input(
                                b, List.of(same), new ScoreSignals.Trained(b.id(), 2), null));

        List<EntityScoring.Result> r = EntityScoring.score(inputs, rules(weights, true));

        // both: NEW 100, QUALITY 100 (405/405), FRESHNESS 0 (no date), USE 0 (none used)
        // A: trained 4 of the most 4 -> 100; answered 3 of 4, fixed 2 of 4 -> 50*3/4 + 50*2/4
        double scoreA = (20 * 100 + 20 * 100 + 20 * 0 + 20 * 0 + 10 * 100 + 10 * 62.5) / 100.0;
        // B: trained 2 of 4 -> 50; no reports -> 100
        double scoreB = (20 * 100 + 20 * 100 + 20 * 0 + 20 * 0 + 10 * 50 + 10 * 100) / 100.0;
        assertThat(r)
                .extracting(EntityScoring.Result::score)
                .containsExactly(r2(scoreA), r2(scoreB));
        assertThat(r).extracting(EntityScoring.Result::officialsTrained).containsExactly(4L, 2L);
    }

    @Test
    void scoreWhenSignalsUnavailableThenTheirWeightIsLeftOutOfTheMean() {
        Campaign.Weights weights = new Campaign.Weights(20, 20, 20, 20, 10, 10);
        ScoredDataset d = dataset("d", "2026-04-01T00:00:00Z", null, null, 405, 0, 0);

        EntityScoring.Result r =
                EntityScoring.score(List.of(input("A", d)), rules(weights, false)).get(0);

        // NEW 100, QUALITY 100, FRESHNESS 0, USE 0, over the counted weights 80
        assertThat(r.score()).isEqualTo(r2((20 * 100 + 20 * 100 + 20 * 0 + 20 * 0) / 80.0));
        assertThat(r.officialsTrained()).isNull();
    }

    @Test
    void summaryWhenRankedThenCountsNewDatasetsMeanQualityAndParticipants() {
        RecognitionRankingRepository.Summary s =
                RankingJob.summary(EntityScoring.score(fixture(), rules(DEFAULT, false)));

        assertThat(s.entities()).isEqualTo(4);
        assertThat(s.participants()).isEqualTo(3);
        assertThat(s.newDatasets()).isEqualTo(2 + 1 + 1);
        assertThat(s.datasets()).isEqualTo(7);
        assertThat(s.meanQuality()).isEqualTo(r2((300 + 200 + 405 + 250 + 150 + 220 + 220) / 7.0));
    }
}
