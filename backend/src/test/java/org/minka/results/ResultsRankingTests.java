package org.minka.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.event.EventSettings;
import org.minka.judging.JudgingResults;
import org.minka.results.ResultsRows.Award;
import org.minka.results.ResultsRows.DatasetRef;
import org.minka.submission.SubmissionAccess;

/** The draft's re-ranking and built awards, on hand-made judging results. */
class ResultsRankingTests {

    private final UUID challenge = UUID.randomUUID();
    private final List<UUID> subs =
            List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

    private JudgingResults.Placement judged(int i, Integer rank, boolean tied, double score) {
        return new JudgingResults.Placement(subs.get(i), team(i), rank, tied, score, false);
    }

    private static UUID team(int i) {
        return new UUID(0, i + 1);
    }

    private List<SubmissionAccess.CountedVersion> counted() {
        return subs.stream()
                .map(
                        s ->
                                new SubmissionAccess.CountedVersion(
                                        s, team(subs.indexOf(s)), challenge, 1, Instant.EPOCH))
                .toList();
    }

    private ResultsRanking.Built build(
            Set<UUID> disqualified,
            Map<UUID, Long> votes,
            Map<UUID, List<DatasetRef>> datasets,
            JudgingResults.Placement... placements) {
        JudgingResults.ChallengeResult result =
                new JudgingResults.ChallengeResult(
                        challenge, JudgingResults.Source.RUBRIC, Arrays.asList(placements));
        return ResultsRanking.build(
                new ResultsRanking.Inputs(
                        List.of(result),
                        counted(),
                        votes,
                        EventSettings.VotingScope.PER_CHALLENGE,
                        disqualified,
                        datasets,
                        2,
                        false));
    }

    private Integer place(ResultsRanking.Built built, int i) {
        return built.placements().stream()
                .filter(p -> p.submissionId().equals(subs.get(i)))
                .findFirst()
                .orElseThrow()
                .place();
    }

    @Test
    void buildWhenTiedSecondAndFirstDisqualifiedThenTheTiedShareFirst() {
        ResultsRanking.Built built =
                build(
                        Set.of(subs.get(0)),
                        Map.of(),
                        Map.of(),
                        judged(0, 1, false, 2.0),
                        judged(1, 2, true, 1.0),
                        judged(2, 2, true, 1.0),
                        judged(3, 4, false, -1.0));

        assertThat(place(built, 0)).isNull();
        assertThat(place(built, 1)).isEqualTo(1);
        assertThat(place(built, 2)).isEqualTo(1);
        assertThat(place(built, 3)).isEqualTo(3);
        assertThat(built.awards().stream().filter(a -> a.kind() == AwardKind.PLACE))
                .extracting(Award::submissionId)
                .containsExactlyInAnyOrder(subs.get(1), subs.get(2));
    }

    @Test
    void buildWhenUnrankedByJudgingThenListedWithoutPlace() {
        ResultsRanking.Built built =
                build(
                        Set.of(),
                        Map.of(),
                        Map.of(),
                        judged(0, 1, false, 2.0),
                        judged(1, null, false, 0));

        assertThat(place(built, 1)).isNull();
        assertThat(place(built, 2)).isNull();
        assertThat(built.placements()).hasSize(4);
        assertThat(built.placements().get(2).source()).isEqualTo("NONE");
    }

    @Test
    void buildWhenTopVotedIsDisqualifiedThenPeoplesChoiceGoesToTheNextAndTiesShare() {
        ResultsRanking.Built built =
                build(
                        Set.of(subs.get(0)),
                        Map.of(subs.get(0), 9L, subs.get(1), 3L, subs.get(2), 3L),
                        Map.of(),
                        judged(0, 1, false, 2.0),
                        judged(1, 2, false, 1.0),
                        judged(2, 3, false, 0.5));

        assertThat(built.awards().stream().filter(a -> a.kind() == AwardKind.PEOPLES_CHOICE))
                .extracting(Award::submissionId)
                .containsExactlyInAnyOrder(subs.get(1), subs.get(2));
    }

    @Test
    void buildWhenWinnersUseLinkedDatasetsThenTheirPublishersAndTheMostUsedAreAwarded() {
        UUID ministry = UUID.randomUUID();
        UUID region = UUID.randomUUID();
        DatasetRef health = new DatasetRef("https://d/1", "Salud", UUID.randomUUID(), ministry);
        DatasetRef water = new DatasetRef("https://d/2", "Agua", UUID.randomUUID(), region);
        DatasetRef unlinked = new DatasetRef("https://otro/3", "Otro", null, null);
        ResultsRanking.Built built =
                build(
                        Set.of(),
                        Map.of(),
                        Map.of(
                                subs.get(0), List.of(health, unlinked),
                                subs.get(2), List.of(water),
                                subs.get(3), List.of(water, water)),
                        judged(0, 1, false, 2.0),
                        judged(1, 2, false, 1.0),
                        judged(2, 3, false, 0.5),
                        judged(3, 4, false, 0.1));

        assertThat(built.awards().stream().filter(a -> a.kind() == AwardKind.PUBLISHER))
                .extracting(Award::publisherId)
                .containsExactly(ministry);
        assertThat(built.awards().stream().filter(a -> a.kind() == AwardKind.DATASET))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.datasetId()).isEqualTo(water.datasetId());
                            assertThat(a.uses()).isEqualTo(2);
                            assertThat(a.publisherId()).isEqualTo(region);
                        });
    }

    @Test
    void csvWhenNamesHoldCommasQuotesOrFormulasThenQuotedAndDefused() {
        String csv =
                ResultsOpenData.csv(
                        List.of(
                                new ResultsViews.Row(
                                        challenge,
                                        "Agua, saneamiento",
                                        1,
                                        "=HYPERLINK(\"x\")",
                                        0.5,
                                        3,
                                        List.of("https://a", "https://b"))));

        assertThat(csv.lines().toList().get(1))
                .isEqualTo(
                        challenge
                                + ",\"Agua, saneamiento\",1,\"'=HYPERLINK(\"\"x\"\")\",0.5,3,https://a"
                                + " https://b");
    }
}
