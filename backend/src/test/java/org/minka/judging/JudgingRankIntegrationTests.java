package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.minka.judging.JudgingRankSupport.assign;
import static org.minka.judging.JudgingRankSupport.call;
import static org.minka.judging.JudgingRankSupport.marks;
import static org.minka.judging.JudgingRankSupport.save;
import static org.minka.judging.JudgingRankSupport.scoreAndSubmit;
import static org.minka.judging.JudgingRankSupport.scorePath;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Scoring (drafts, submit, If-Match edits, JUDGING's window, privacy between judges), progress, the
 * round 1 ranking with its explanation, and the finals. Totals are on the default rubric (weights
 * 25, 25, 15, 20, 15; each 1–5, so a value v gives weight × (v − 1) / 4).
 */
class JudgingRankIntegrationTests extends IntegrationTest {

    /** 25 + 25·¾ + 15·½ + 20·¼ + 0 = 56.25. */
    @Test
    void submitWhenCompleteThenWeightedTotalAndQueueShowsIt() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        assign(s, s.judgeHealth, a);

        String draft =
                body(
                        save(s, s.judgeHealth, a, marks(5, 4, 3, 2, 1), null)
                                .expectHeader()
                                .valueEquals("ETag", "\"0\""));
        assertThat((String) JsonPath.read(draft, "$.status")).isEqualTo("DRAFT");
        String submitted =
                body(
                        call(
                                s,
                                HttpMethod.POST,
                                s.judgeHealth,
                                scorePath(s, a) + "/submit",
                                null,
                                "\"0\""));

        assertThat((String) JsonPath.read(submitted, "$.status")).isEqualTo("SUBMITTED");
        assertThat((Double) JsonPath.read(submitted, "$.total")).isEqualTo(56.25);
        String queue =
                body(
                        call(
                                s,
                                HttpMethod.GET,
                                s.judgeHealth,
                                s.eventPath() + "/judging/queue",
                                null,
                                null));
        assertThat((Integer) JsonPath.read(queue, "$.assigned")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(queue, "$.submitted")).isEqualTo(1);
        assertThat((String) JsonPath.read(queue, "$.items[0].versionUrl"))
                .isEqualTo("/api/v1/submissions/" + a + "/versions/1");
    }

    @Test
    void saveWhenValueOffScaleOrUnknownCriterionThen400AndNothingStored() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        assign(s, s.judgeHealth, a);

        problem(save(s, s.judgeHealth, a, marks(6), null), 400, "validation-failed");
        problem(save(s, s.judgeHealth, a, marks(0), null), 400, "validation-failed");
        problem(
                save(
                        s,
                        s.judgeHealth,
                        a,
                        Map.of("marks", Map.of("speed", Map.of("value", 3))),
                        null),
                400,
                "validation-failed");

        assertThat(count("select count(*) from judging_scores where submission_id = $1", a))
                .isZero();
    }

    @Test
    void submitWhenCriterionMissingThen400AndStillDraft() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        assign(s, s.judgeHealth, a);
        save(s, s.judgeHealth, a, marks(5, 4), null).expectStatus().isOk();

        String problem =
                problem(
                        call(
                                s,
                                HttpMethod.POST,
                                s.judgeHealth,
                                scorePath(s, a) + "/submit",
                                null,
                                null),
                        400,
                        "validation-failed");

        List<String> fields = JsonPath.read(problem, "$.errors[*].field");
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "marks.innovation.value",
                        "marks.technical.value",
                        "marks.presentation.value");
        assertThat(
                        count(
                                "select count(*) from judging_scores where submission_id = $1"
                                        + " and status = 'DRAFT' and total is null and version = 0",
                                a))
                .isEqualTo(1);
    }

    @Test
    void saveWhenJudgingClosedThen409AndNothingStored() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        assign(s, s.judgeHealth, a);
        s.closeJudging();

        problem(save(s, s.judgeHealth, a, marks(5, 4, 3, 2, 1), null), 409, "phase-closed");
        problem(
                call(s, HttpMethod.POST, s.judgeHealth, scorePath(s, a) + "/submit", null, null),
                409,
                "phase-closed");

        assertThat(count("select count(*) from judging_scores where submission_id = $1", a))
                .isZero();
    }

    @Test
    void saveWhenIfMatchStaleThen412AndUnchanged() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        UUID b = s.healthB.submission();
        assign(s, s.judgeHealth, a, b);
        save(s, s.judgeHealth, a, marks(2), null).expectHeader().valueEquals("ETag", "\"0\"");
        save(s, s.judgeHealth, a, marks(3), "\"0\"").expectHeader().valueEquals("ETag", "\"1\"");

        problem(save(s, s.judgeHealth, a, marks(4), "\"0\""), 412, "stale-version");
        problem(save(s, s.judgeHealth, b, marks(4), "\"0\""), 412, "stale-version");

        assertThat(
                        count(
                                "select count(*) from judging_scores where submission_id = $1"
                                        + " and version = 1 and marks -> 'impact' ->> 'value' = '3'",
                                a))
                .isEqualTo(1);
        assertThat(count("select count(*) from judging_scores where submission_id = $1", b))
                .isZero();
    }

    @Test
    void getWhenAnotherJudgeScoredThenOwnScoreOnly() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        assign(s, s.judgeHealth, a);
        assign(s, s.judgeAll, a);
        scoreAndSubmit(s, s.judgeHealth, a, 5, 5, 5, 5, 5);

        String other = body(call(s, HttpMethod.GET, s.judgeAll, scorePath(s, a), null, null));

        assertThat((String) JsonPath.read(other, "$.status")).isEqualTo("NOT_STARTED");
        assertThat((Map<?, ?>) JsonPath.read(other, "$.marks")).isEmpty();
        assertThat((Object) JsonPath.read(other, "$.total")).isNull();
    }

    /** (3,3,3,3,3) is 50; edited to (5,4,4,4,4): 25 + 18.75 + 11.25 + 15 + 11.25 = 81.25. */
    @Test
    void editSubmittedScoreThenTotalRecomputedAndIncompleteRefused() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        assign(s, s.judgeHealth, a);
        scoreAndSubmit(s, s.judgeHealth, a, 3, 3, 3, 3, 3);

        String edited = body(save(s, s.judgeHealth, a, marks(5, 4, 4, 4, 4), "\"1\""));
        problem(save(s, s.judgeHealth, a, marks(5), "\"2\""), 400, "validation-failed");

        assertThat((String) JsonPath.read(edited, "$.status")).isEqualTo("SUBMITTED");
        assertThat((Double) JsonPath.read(edited, "$.total")).isEqualTo(81.25);
        assertThat(
                        count(
                                "select count(*) from judging_scores where submission_id = $1 and total = 81.25",
                                a))
                .isEqualTo(1);
    }

    @Test
    void progressWhenJudgingClosesThenUnsubmittedWorkOverdue() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        UUID b = s.healthB.submission();
        assign(s, s.judgeHealth, a, b);
        assign(s, s.judgeAll, a);
        scoreAndSubmit(s, s.judgeHealth, a, 3, 3, 3, 3, 3);
        save(s, s.judgeHealth, b, marks(4), null).expectStatus().isOk();
        String path = s.eventPath() + "/judging/progress";

        String open = body(call(s, HttpMethod.GET, s.organizer, path, null, null));
        String internalDeadline =
                body(
                        call(
                                s,
                                HttpMethod.GET,
                                s.organizer,
                                path + "?dueAt=2020-01-01T00:00:00Z",
                                null,
                                null));
        s.closeJudging();
        String closed = body(call(s, HttpMethod.GET, s.organizer, path, null, null));

        String judge = "$.judges[?(@.id == '" + s.judgeHealth.id() + "')]";
        assertThat((List<Integer>) JsonPath.read(open, judge + ".assigned")).containsExactly(2);
        assertThat((List<Integer>) JsonPath.read(open, judge + ".submitted")).containsExactly(1);
        assertThat((List<Integer>) JsonPath.read(open, judge + ".drafted")).containsExactly(1);
        assertThat((Integer) JsonPath.read(open, "$.total.overdue")).isZero();
        assertThat((Integer) JsonPath.read(internalDeadline, "$.total.overdue")).isEqualTo(2);
        assertThat((List<Integer>) JsonPath.read(closed, judge + ".overdue")).containsExactly(1);
        assertThat((Integer) JsonPath.read(closed, "$.total.overdue")).isEqualTo(2);
        assertThat((Integer) JsonPath.read(closed, "$.total.notStarted")).isEqualTo(1);
        String health = "$.challenges[?(@.id == '" + s.health + "')]";
        assertThat((List<Integer>) JsonPath.read(closed, health + ".assigned")).containsExactly(3);
    }

    /**
     * judgeHealth: A 81.25, B 50 → mean 65.625, sd 15.625, z = +1 and −1. judgeAll: A 50 only →
     * mean-centred 0. A = (1 + 0) / 2 = 0.5, B = −1. Once judgeAll's conflict with A is recorded,
     * that score counts nowhere: A = 1.
     */
    @Test
    void rankingWhenScoredThenNormalisedAndExplainListsExcludedJudges() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID a = s.healthA.submission();
        UUID b = s.healthB.submission();
        assign(s, s.judgeHealth, a, b);
        assign(s, s.judgeAll, a);
        scoreAndSubmit(s, s.judgeHealth, a, 5, 4, 4, 4, 4);
        scoreAndSubmit(s, s.judgeHealth, b, 3, 3, 3, 3, 3);
        scoreAndSubmit(s, s.judgeAll, a, 3, 3, 3, 3, 3);
        String path = s.eventPath() + "/judging/ranking";

        String ranking =
                body(
                        call(
                                s,
                                HttpMethod.GET,
                                s.organizer,
                                path + "?challengeId=" + s.health,
                                null,
                                null));
        JudgingRankSupport.conflict(s, s.judgeAll, a);
        String explain =
                body(call(s, HttpMethod.GET, s.organizer, path + "/" + a + "/explain", null, null));

        assertThat((List<String>) JsonPath.read(ranking, "$.challenges[*].challengeId"))
                .containsExactly(s.health.toString());
        assertThat((List<String>) JsonPath.read(ranking, "$.challenges[0].entries[*].submissionId"))
                .containsExactly(a.toString(), b.toString());
        assertThat((Double) JsonPath.read(ranking, "$.challenges[0].entries[0].score"))
                .isEqualTo(0.5);
        assertThat((Double) JsonPath.read(ranking, "$.challenges[0].entries[1].score"))
                .isEqualTo(-1.0);
        assertThat((Double) JsonPath.read(explain, "$.entry.score")).isEqualTo(1.0);
        assertThat((List<String>) JsonPath.read(explain, "$.excluded[*].judgeId"))
                .containsExactly(s.judgeAll.id().toString());
        assertThat((String) JsonPath.read(explain, "$.excluded[0].reason")).contains("conflict");
        assertThat((List<String>) JsonPath.read(explain, "$.judges[*].method"))
                .containsExactly("Z_SCORE");
        assertThat((Double) JsonPath.read(explain, "$.criterionMeans.impact")).isEqualTo(5.0);
    }

    /**
     * Three health submissions scored A > B > C; two finalists (A, B). Two ballots, A>B and B>A,
     * tie under Schulze and Borda: round 1 breaks it for A. A third ballot B>A makes B win
     * outright.
     */
    @Test
    void finalsWhenJudgesRankThenSchulzeWithRound1TieBreak() {
        JudgingScenario s =
                new JudgingScenario(
                        web,
                        db,
                        fixtures,
                        Map.of(
                                "judging",
                                Map.of("judgesPerSubmission", 1, "finalistsPerChallenge", 2)));
        JudgingScenario.Entry third = s.entry(s.health);
        UUID a = s.healthA.submission();
        UUID b = s.healthB.submission();
        UUID c = third.submission();
        User extra = s.judge(s.health);
        assign(s, s.judgeHealth, a, b, c);
        scoreAndSubmit(s, s.judgeHealth, a, 5, 5, 5, 5, 5);
        scoreAndSubmit(s, s.judgeHealth, b, 3, 3, 3, 3, 3);
        scoreAndSubmit(s, s.judgeHealth, c, 1, 1, 1, 1, 1);
        String finals = s.eventPath() + "/challenges/" + s.health + "/judging";

        String proposal =
                body(call(s, HttpMethod.GET, s.organizer, finals + "/finalists", null, null));
        body(
                call(
                        s,
                        HttpMethod.POST,
                        s.organizer,
                        finals + "/finalists",
                        Map.of("reason", "Top two"),
                        null));
        ballot(s, s.judgeHealth, finals, b, a);
        ballot(s, s.judgeAll, finals, a, b);
        String tied =
                body(call(s, HttpMethod.GET, s.organizer, finals + "/final-ranking", null, null));
        String borda =
                body(
                        call(
                                s,
                                HttpMethod.GET,
                                s.organizer,
                                finals + "/final-ranking?method=BORDA",
                                null,
                                null));
        problem(
                call(
                        s,
                        HttpMethod.PUT,
                        extra,
                        finals + "/final-ballot",
                        Map.of("ranking", List.of(a.toString())),
                        null),
                400,
                "validation-failed");
        problem(
                call(
                        s,
                        HttpMethod.PUT,
                        s.organizer,
                        finals + "/finalists",
                        Map.of(
                                "submissionIds",
                                List.of(a.toString(), c.toString()),
                                "reason",
                                "C instead"),
                        null),
                409,
                "conflict");
        ballot(s, extra, finals, b, a);
        String decided =
                body(call(s, HttpMethod.GET, s.organizer, finals + "/final-ranking", null, null));
        String results =
                body(
                        call(
                                s,
                                HttpMethod.GET,
                                s.organizer,
                                s.eventPath() + "/judging/results",
                                null,
                                null));

        assertThat((Boolean) JsonPath.read(proposal, "$.confirmed")).isFalse();
        assertThat((List<String>) JsonPath.read(proposal, "$.finalists[*].submissionId"))
                .containsExactly(a.toString(), b.toString());
        assertThat((List<String>) JsonPath.read(tied, "$.entries[*].submissionId"))
                .containsExactly(a.toString(), b.toString());
        assertThat((List<String>) JsonPath.read(tied, "$.entries[*].decidedBy"))
                .containsExactly("ROUND1_SCORE", "ROUND1_SCORE");
        assertThat((List<Integer>) JsonPath.read(tied, "$.entries[*].tier")).containsExactly(1, 1);
        assertThat((List<Integer>) JsonPath.read(borda, "$.entries[*].points"))
                .containsExactly(1, 1);
        assertThat((List<String>) JsonPath.read(decided, "$.entries[*].submissionId"))
                .containsExactly(b.toString(), a.toString());
        assertThat((List<String>) JsonPath.read(decided, "$.entries[*].decidedBy"))
                .containsExactly("METHOD", "METHOD");
        assertThat((Integer) JsonPath.read(decided, "$.ballots")).isEqualTo(3);
        String health = "$[?(@.challengeId == '" + s.health + "')]";
        assertThat((List<String>) JsonPath.read(results, health + ".source"))
                .containsExactly("FINALS");
        assertThat((List<String>) JsonPath.read(results, health + ".placements[*].submissionId"))
                .containsExactly(b.toString(), a.toString(), c.toString());
        assertThat((List<Integer>) JsonPath.read(results, health + ".placements[*].rank"))
                .containsExactly(1, 2, 3);
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action = 'judging.finalists.confirmed'",
                                s.event))
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from judging_final_ballots where challenge_id = $1",
                                s.health))
                .isEqualTo(3);
    }

    private static void ballot(
            JudgingScenario s, User judge, String finals, UUID first, UUID second) {
        call(
                        s,
                        HttpMethod.PUT,
                        judge,
                        finals + "/final-ballot",
                        Map.of("ranking", List.of(first.toString(), second.toString())),
                        null)
                .expectStatus()
                .isOk();
    }

    private static String body(
            org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec) {
        var result = spec.expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(200);
        return result.getResponseBody();
    }

    private static String problem(
            org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec spec,
            int status,
            String slug) {
        var result = spec.expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).as(result.getResponseBody()).isEqualTo(status);
        assertThat((String) JsonPath.read(result.getResponseBody(), "$.type"))
                .isEqualTo("https://minka.dev/problems/" + slug);
        return result.getResponseBody();
    }
}
