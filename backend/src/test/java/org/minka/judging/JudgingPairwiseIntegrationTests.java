package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.minka.judging.PairwiseSetup.PAIRWISE;
import static org.minka.judging.PairwiseSetup.current;
import static org.minka.judging.PairwiseSetup.decide;
import static org.minka.judging.PairwiseSetup.next;
import static org.minka.judging.PairwiseSetup.previous;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;

/**
 * Pairwise judging end to end: the turn flow (first item, then pairs), CrowdBT scores, the lease
 * (also under concurrent requests), conflicts, MIN_VIEWS, the recompute from decisions, and bad
 * input (nothing stored).
 */
class JudgingPairwiseIntegrationTests extends IntegrationTest {

    private JudgingScenario scenario() {
        return new JudgingScenario(web, db, fixtures, PAIRWISE);
    }

    private static double num(Api.Reply reply, String path) {
        return ((Number) reply.json(path)).doubleValue();
    }

    private long decisions(JudgingScenario s) {
        return count(
                "select count(*) from judging_pairwise_decisions where event_id = $1", s.event);
    }

    @Test
    void nextWhenFirstCallThenHandsAnItemOfTheChallengeLeasedForFiveMinutes() {
        JudgingScenario s = scenario();

        Api.Reply turn = next(s, s.judgeHealth, s.health).expect(200);

        assertThat(previous(turn)).isNull();
        assertThat(s.submissionsOf(s.health)).contains(current(turn));
        Instant until = Instant.parse(turn.json("$.leasedUntil"));
        assertThat(until)
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(4)),
                        Instant.now().plus(Duration.ofMinutes(6)));
    }

    @Test
    void nextWhenCalledAfterTheFirstThenFirstBecomesPreviousAndAPairWaitsForItsDecision() {
        JudgingScenario s = scenario();
        UUID first = current(next(s, s.judgeHealth, s.health).expect(200));

        Api.Reply pair = next(s, s.judgeHealth, s.health).expect(200);
        Api.Reply again = next(s, s.judgeHealth, s.health).expect(200);

        assertThat(previous(pair)).isEqualTo(first);
        assertThat(current(pair)).isNotNull().isNotEqualTo(first);
        assertThat(s.submissionsOf(s.health)).contains(current(pair));
        assertThat(previous(again)).isEqualTo(first);
        assertThat(current(again)).isEqualTo(current(pair));
    }

    @Test
    void decideWhenCurrentWinsThenScoresAndReliabilityMoveByOneCrowdBTStep() {
        JudgingScenario s = scenario();
        UUID first = current(next(s, s.judgeHealth, s.health));
        UUID second = current(next(s, s.judgeHealth, s.health));

        Api.Reply decision =
                decide(s, s.judgeHealth, s.health, first, second, "CURRENT").expect(201);

        assertThat((String) decision.json("$.outcome")).isEqualTo("CURRENT");
        CrowdBT.Update u = CrowdBT.update(10, 1, 0, 1, 0, 1);
        Api.Reply ranking =
                s.api.get(s.organizer, PairwiseSetup.base(s, s.health) + "/ranking").expect(200);
        assertThat((String) ranking.json("$.items[0].submissionId")).isEqualTo(second.toString());
        assertThat(num(ranking, "$.items[0].mu")).isCloseTo(u.muWinner(), within(1e-9));
        assertThat(num(ranking, "$.items[1].mu")).isCloseTo(u.muLoser(), within(1e-9));
        assertThat(num(ranking, "$.items[1].sigmaSq")).isCloseTo(u.sigmaSqLoser(), within(1e-9));
        assertThat((Integer) ranking.json("$.items[0].views")).isEqualTo(1);
        assertThat((Integer) ranking.json("$.decisions")).isEqualTo(1);
        Api.Reply judges =
                s.api.get(s.organizer, PairwiseSetup.base(s, s.health) + "/judges").expect(200);
        assertThat((String) judges.json("$.items[0].judgeId"))
                .isEqualTo(s.judgeHealth.id().toString());
        assertThat(num(judges, "$.items[0].alpha")).isCloseTo(u.alpha(), within(1e-9));
        assertThat(num(judges, "$.items[0].beta")).isCloseTo(u.beta(), within(1e-9));
        assertThat((Integer) judges.json("$.items[0].decisions")).isEqualTo(1);
    }

    @Test
    void resultsWhenPairwiseThenTheProvisionalRankingFollowsMu() {
        JudgingScenario s = scenario();
        UUID first = current(next(s, s.judgeHealth, s.health));
        UUID second = current(next(s, s.judgeHealth, s.health));
        decide(s, s.judgeHealth, s.health, first, second, "PREVIOUS").expect(201);

        Api.Reply results = s.api.get(s.organizer, s.eventPath() + "/judging/results").expect(200);

        String health = "$[?(@.challengeId == '" + s.health + "')]";
        List<String> sources = results.json(health + ".source");
        List<String> order = results.json(health + ".placements[*].submissionId");
        List<Integer> ranks = results.json(health + ".placements[*].rank");
        assertThat(sources).containsExactly("PAIRWISE");
        assertThat(order).containsExactly(first.toString(), second.toString());
        assertThat(ranks).containsExactly(1, 2);
    }

    @Test
    void nextWhenEveryItemSeenThenNoCurrentAndTheJudgeWasNeverHandedOneTwice() {
        JudgingScenario s = scenario();
        s.entry(s.health);
        Set<UUID> handed = new HashSet<>();
        UUID first = current(next(s, s.judgeHealth, s.health));
        handed.add(first);
        Api.Reply turn = next(s, s.judgeHealth, s.health);
        for (int i = 0; i < 5 && current(turn) != null; i++) {
            assertThat(handed.add(current(turn))).as("handed twice").isTrue();
            decide(s, s.judgeHealth, s.health, previous(turn), current(turn), "PREVIOUS")
                    .expect(201);
            turn = next(s, s.judgeHealth, s.health).expect(200);
        }

        assertThat(current(turn)).isNull();
        assertThat(handed).containsExactlyInAnyOrderElementsOf(s.submissionsOf(s.health));
        assertThat(decisions(s)).isEqualTo(2);
    }

    @Test
    void decideWhenSkipThenScoresStayAndTheItemIsNeverHandedToThatJudgeAgain() {
        JudgingScenario s = scenario();
        UUID first = current(next(s, s.judgeHealth, s.health));

        decide(s, s.judgeHealth, s.health, null, first, "SKIP").expect(201);
        UUID other = current(next(s, s.judgeHealth, s.health).expect(200));
        Api.Reply after = next(s, s.judgeHealth, s.health).expect(200);

        assertThat(other).isNotEqualTo(first);
        assertThat(previous(after)).isEqualTo(other);
        assertThat(current(after)).isNull();
        assertThat(
                        count(
                                "select count(*) from judging_pairwise_items"
                                        + " where submission_id = $1 and mu = 0 and sigma_sq = 1"
                                        + " and views = 0",
                                first))
                .isEqualTo(1);
        Api.Reply judges =
                s.api.get(s.organizer, PairwiseSetup.base(s, s.health) + "/judges").expect(200);
        assertThat(num(judges, "$.items[0].alpha")).isEqualTo(CrowdBT.ALPHA_PRIOR);
    }

    @Test
    void nextWhenItemLeasedToAnotherJudgeThenNotHandedUntilTheLeaseRunsOut() {
        JudgingScenario s = scenario();
        User second = s.judge(s.health);
        User third = s.judge(s.health);
        UUID one = current(next(s, s.judgeHealth, s.health));
        UUID two = current(next(s, second, s.health));

        Api.Reply none = next(s, third, s.health).expect(200);
        s.sql(
                "update judging_pairwise_items set leased_until = now() - interval '1 second'"
                        + " where submission_id = $1",
                one);
        Api.Reply freed = next(s, third, s.health).expect(200);

        assertThat(two).isNotEqualTo(one);
        assertThat(current(none)).isNull();
        assertThat(current(freed)).isEqualTo(one);
    }

    @Test
    void nextWhenTwentyJudgesAskAtOnceThenEachIsHandedADifferentItem() throws Exception {
        JudgingScenario s = scenario();
        PairwiseSetup.bulkEntries(s, s.health, 23);
        List<User> judges = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            judges.add(s.judge(s.health));
        }

        List<UUID> handed = all(judges, judge -> current(next(s, judge, s.health).expect(200)));

        assertThat(handed).doesNotContainNull().doesNotHaveDuplicates().hasSize(20);
        assertThat(
                        count(
                                "select count(distinct leased_by) from judging_pairwise_items"
                                        + " where challenge_id = $1 and leased_until > now()",
                                s.health))
                .isEqualTo(20);
    }

    @Test
    void nextWhenMoreJudgesThanItemsAskAtOnceThenEachItemIsHandedOnce() throws Exception {
        JudgingScenario s = scenario();
        PairwiseSetup.bulkEntries(s, s.health, 3);
        List<User> judges = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            judges.add(s.judge(s.health));
        }

        List<UUID> handed = all(judges, judge -> current(next(s, judge, s.health).expect(200)));

        List<UUID> given = handed.stream().filter(java.util.Objects::nonNull).toList();
        assertThat(given).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(items(s));
        assertThat(given).hasSize(5);
    }

    private List<UUID> items(JudgingScenario s) {
        return db.sql("select submission_id from judging_pairwise_items where challenge_id = $1")
                .bind(0, s.health)
                .map((row, meta) -> row.get(0, UUID.class))
                .all()
                .collectList()
                .block();
    }

    /** Runs the call for every judge at once (released together), and collects the answers. */
    private static List<UUID> all(List<User> judges, java.util.function.Function<User, UUID> call)
            throws Exception {
        List<java.util.concurrent.Callable<UUID>> calls = new ArrayList<>();
        for (User judge : judges) {
            calls.add(() -> call.apply(judge));
        }
        return org.minka.support.Together.run(judges.size(), calls);
    }

    @Test
    void nextWhenJudgeHasAConflictThenThatItemIsNeverHanded() {
        JudgingScenario s = scenario();
        conflict(s, s.judgeHealth, s.healthA.submission());

        UUID first = current(next(s, s.judgeHealth, s.health));
        Api.Reply turn = next(s, s.judgeHealth, s.health).expect(200);

        assertThat(first).isEqualTo(s.healthB.submission());
        assertThat(current(turn)).isNull();
    }

    @Test
    void decideWhenConflictDeclaredAfterTheItemWasHandedThen404AndNothingStored() {
        JudgingScenario s = scenario();
        UUID first = current(next(s, s.judgeHealth, s.health));
        UUID second = current(next(s, s.judgeHealth, s.health));
        conflict(s, s.judgeHealth, second);

        decide(s, s.judgeHealth, s.health, first, second, "CURRENT").problem(404, "not-found");

        assertThat(decisions(s)).isZero();
    }

    private void conflict(JudgingScenario s, User judge, UUID submission) {
        s.sql(
                "insert into judging_conflicts (event_id, submission_id, judge_id, source, reason)"
                        + " values ($1, $2, $3, 'DECLARED', 'Asesoré a este equipo')",
                s.event,
                submission,
                judge.id());
    }

    @Test
    void nextWhenOneItemSeenByFewerThanMinViewsThenItIsHandedFirst() {
        JudgingScenario s = scenario();
        PairwiseSetup.bulkEntries(s, s.health, 6);
        next(s, s.judge(s.health), s.health).expect(200);
        s.sql(
                "update judging_pairwise_items set views = 2, leased_by = null,"
                        + " leased_until = null where challenge_id = $1",
                s.health);
        s.sql(
                "update judging_pairwise_items set views = 1 where submission_id = $1",
                s.healthB.submission());

        UUID handed = current(next(s, s.judgeHealth, s.health).expect(200));

        assertThat(handed).isEqualTo(s.healthB.submission());
    }

    @Test
    void rankingWhenRecomputedFromDecisionsThenEqualsTheLiveScoresAndReliabilities() {
        JudgingScenario s = scenario();
        PairwiseSetup.bulkEntries(s, s.health, 6);
        List<User> judges = List.of(s.judgeHealth, s.judgeAll, s.judge(s.health));
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 6; round++) {
            for (User judge : judges) {
                Api.Reply turn = next(s, judge, s.health).expect(200);
                if (previous(turn) == null && current(turn) != null) {
                    turn = next(s, judge, s.health).expect(200);
                }
                if (current(turn) == null) {
                    continue;
                }
                String outcome =
                        List.of("CURRENT", "PREVIOUS", "CURRENT", "SKIP").get(random.nextInt(4));
                decide(s, judge, s.health, previous(turn), current(turn), outcome).expect(201);
            }
        }
        String base = PairwiseSetup.base(s, s.health);

        Api.Reply live = s.api.get(s.organizer, base + "/ranking").expect(200);
        Api.Reply replayed = s.api.get(s.organizer, base + "/ranking?source=DECISIONS").expect(200);

        assertThat((String) replayed.json("$.source")).isEqualTo("DECISIONS");
        assertThat((Integer) live.json("$.decisions")).isGreaterThan(10);
        List<Map<String, Object>> a = live.json("$.items");
        List<Map<String, Object>> b = replayed.json("$.items");
        assertThat(a).hasSize(8);
        assertThat(b).isEqualTo(a);
        assertThat(num(live, "$.items[0].mu")).isNotEqualTo(0.0);
        assertThat(replayedJudges(s)).isEqualTo(liveJudges(s));
    }

    /** Each judge's (alpha, beta, decisions) as stored. */
    private Map<UUID, PairwiseReplay.Judge> liveJudges(JudgingScenario s) {
        return db.sql(
                        "select judge_id, alpha, beta, decisions from judging_pairwise_judges"
                                + " where challenge_id = $1")
                .bind(0, s.health)
                .map(
                        (row, meta) ->
                                Map.entry(
                                        row.get("judge_id", UUID.class),
                                        new PairwiseReplay.Judge(
                                                row.get("alpha", Double.class),
                                                row.get("beta", Double.class),
                                                row.get("decisions", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .block();
    }

    /** Each judge's (alpha, beta, decisions) replayed from the stored decisions. */
    private Map<UUID, PairwiseReplay.Judge> replayedJudges(JudgingScenario s) {
        List<PairwiseReplay.Decision> decisions =
                db.sql(
                                "select judge_id, previous_id, current_id, outcome"
                                        + " from judging_pairwise_decisions"
                                        + " where challenge_id = $1 order by seq")
                        .bind(0, s.health)
                        .map(
                                (row, meta) ->
                                        new PairwiseReplay.Decision(
                                                row.get("judge_id", UUID.class),
                                                row.get("previous_id", UUID.class),
                                                row.get("current_id", UUID.class),
                                                PairwiseReplay.Outcome.valueOf(
                                                        row.get("outcome", String.class))))
                        .all()
                        .collectList()
                        .block();
        return PairwiseReplay.replay(List.of(), decisions).judges();
    }

    @Test
    void decisionsWhenUpdatedOrDeletedInSqlThenTheDatabaseRefuses() {
        JudgingScenario s = scenario();
        UUID first = current(next(s, s.judgeHealth, s.health));
        decide(s, s.judgeHealth, s.health, null, first, "SKIP").expect(201);

        assertThatThrownBy(
                        () ->
                                s.sql(
                                        "update judging_pairwise_decisions set outcome = 'CURRENT'"
                                                + " where event_id = $1",
                                        s.event))
                .hasMessageContaining("append-only");
        assertThatThrownBy(
                        () ->
                                s.sql(
                                        "delete from judging_pairwise_decisions where event_id = $1",
                                        s.event))
                .hasMessageContaining("append-only");
        assertThat(decisions(s)).isEqualTo(1);
    }

    @Test
    void decideWhenBadInputThenProblemAndNothingStored() {
        JudgingScenario s = scenario();
        UUID first = current(next(s, s.judgeHealth, s.health));
        UUID second = current(next(s, s.judgeHealth, s.health));
        String decisions = PairwiseSetup.base(s, s.health) + "/decisions";

        decide(s, s.judgeHealth, s.health, second, first, "CURRENT")
                .problem(409, "pairwise-not-handed");
        decide(s, s.judgeHealth, s.health, first, UUID.randomUUID(), "CURRENT")
                .problem(409, "pairwise-not-handed");
        decide(s, s.judgeHealth, s.health, UUID.randomUUID(), second, "PREVIOUS")
                .problem(409, "pairwise-not-handed");
        decide(s, s.judgeAll, s.health, first, second, "CURRENT")
                .problem(409, "pairwise-not-handed");
        decide(s, s.judgeHealth, s.health, null, second, "CURRENT")
                .problem(400, "validation-failed");
        decide(s, s.judgeHealth, s.health, first, null, "CURRENT")
                .problem(400, "validation-failed");
        decide(s, s.judgeHealth, s.health, first, second, "BOTH").expect(400);
        s.api.post(s.judgeHealth, decisions, Map.of()).problem(400, "validation-failed");
        decide(s, s.judgeHealth, UUID.randomUUID(), first, second, "CURRENT")
                .problem(404, "not-found");
        decide(s, s.judgeHealth, s.water, first, second, "CURRENT").problem(403, "forbidden");
        s.closeJudging();
        decide(s, s.judgeHealth, s.health, first, second, "CURRENT").problem(409, "phase-closed");
        next(s, s.judgeHealth, s.health).problem(409, "phase-closed");

        assertThat(decisions(s)).isZero();
        assertThat(
                        count(
                                "select count(*) from judging_pairwise_items"
                                        + " where challenge_id = $1 and (mu <> 0 or views <> 0)",
                                s.health))
                .isZero();
    }

    @Test
    void pairwiseWhenEventJudgesOnARubricThen409AndNothingStored() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        String base = PairwiseSetup.base(s, s.health);

        next(s, s.judgeHealth, s.health).problem(409, "pairwise-off");
        decide(s, s.judgeHealth, s.health, null, s.healthA.submission(), "SKIP")
                .problem(409, "pairwise-off");
        s.api.get(s.organizer, base + "/ranking").problem(409, "pairwise-off");
        s.api.get(s.organizer, base + "/judges").problem(409, "pairwise-off");

        assertThat(
                        count(
                                "select count(*) from judging_pairwise_items where event_id = $1",
                                s.event))
                .isZero();
    }

    @Test
    void nextWhenChallengeOfAnotherEventThen404() {
        JudgingScenario s = scenario();
        JudgingScenario other = scenario();

        next(s, s.judgeAll, other.health).problem(404, "not-found");
        s.api.get(s.organizer, PairwiseSetup.base(s, other.health) + "/ranking")
                .problem(404, "not-found");
    }

    @Test
    void rankingWhenSourceUnknownThen400() {
        JudgingScenario s = scenario();

        s.api.get(s.organizer, PairwiseSetup.base(s, s.health) + "/ranking?source=GUESS")
                .problem(400, "validation-failed");
    }
}
