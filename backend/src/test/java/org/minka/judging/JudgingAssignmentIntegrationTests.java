package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Api.Reply;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Assignment: runs (deterministic, scoped, conflict-free, balanced, all or nothing), re-runs that
 * keep scores, single adds and removals, reassignment of a judge's work, late conflicts, and two
 * organizers running it at once.
 */
class JudgingAssignmentIntegrationTests extends IntegrationTest {

    private static final Map<JudgingScenario, Boolean> ASSIGNED = new ConcurrentHashMap<>();

    static final AccessMatrix<JudgingScenario> MATRIX =
            AccessMatrix.<JudgingScenario>of(
                    """
                                                           anonymous citizen member mentor judge organizer admin
            POST judging/assignment-runs                   401       403     403    403    403   200       200
            GET judging/assignments                        401       403     403    403    403   200       200
            POST judging/assignments                       401       403     403    403    403   201       409
            DELETE judging/assignments/{s}/judges/{j}      401       403     403    403    403   204       404
            POST judging/judges/{j}/reassignment           401       403     403    403    403   200       200
            """);

    static {
        MATRIX.write(
                        "POST judging/assignment-runs",
                        s -> Call.json(HttpMethod.POST, runs(s), Map.of("seed", 7)))
                .read("GET judging/assignments", s -> Call.get(assignments(s)))
                .write(
                        "POST judging/assignments",
                        s -> Call.json(HttpMethod.POST, assignments(s), pair(s, s.judgeAll)))
                .write(
                        "DELETE judging/assignments/{s}/judges/{j}",
                        s -> {
                            ASSIGNED.computeIfAbsent(s, x -> added(x));
                            return Call.json(
                                    HttpMethod.DELETE,
                                    assignments(s)
                                            + "/"
                                            + s.healthA.submission()
                                            + "/judges/"
                                            + s.judgeAll.id(),
                                    null);
                        })
                .write(
                        "POST judging/judges/{j}/reassignment",
                        s ->
                                Call.json(
                                        HttpMethod.POST,
                                        s.eventPath()
                                                + "/judging/judges/"
                                                + s.judgeAll.id()
                                                + "/reassignment",
                                        Map.of("reason", "Se retiró")));
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private static boolean added(JudgingScenario s) {
        s.api.post(s.organizer, assignments(s), pair(s, s.judgeAll)).expect(201);
        return true;
    }

    private static String runs(JudgingScenario s) {
        return s.eventPath() + "/judging/assignment-runs";
    }

    private static String assignments(JudgingScenario s) {
        return s.eventPath() + "/judging/assignments";
    }

    private static Map<String, Object> pair(JudgingScenario s, User judge) {
        return Map.of(
                "submissionId",
                s.healthA.submission().toString(),
                "judgeId",
                judge.id().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallerGetsTheRightStatus(String row) {
        JudgingScenario s =
                MATRIX.scenario(row, "assignments", () -> new JudgingScenario(web, db, fixtures));
        MATRIX.verify(
                web,
                row,
                s,
                null,
                s.citizen.token(),
                s.healthA.member().token(),
                s.mentor.token(),
                s.judgeHealth.token(),
                s.organizer.token(),
                s.admin.token());
    }

    /** "submission judge" pairs of a view's submissions ($.submissions or $.assignments...). */
    private static Set<String> pairs(Reply reply, String items) {
        List<Map<String, Object>> list = reply.json(items);
        Set<String> pairs = new HashSet<>();
        for (Map<String, Object> item : list) {
            @SuppressWarnings("unchecked")
            List<String> judges = (List<String>) item.get("judgeIds");
            judges.forEach(j -> pairs.add(item.get("submissionId") + " " + j));
        }
        return pairs;
    }

    private Set<String> storedPairs(JudgingScenario s) {
        return new HashSet<>(
                db.sql(
                                "select submission_id, judge_id from judging_assignments where event_id = $1")
                        .bind(0, s.event)
                        .map((row, meta) -> row.get(0, UUID.class) + " " + row.get(1, UUID.class))
                        .all()
                        .collectList()
                        .block());
    }

    private Map<String, Integer> loads(Set<String> pairs) {
        Map<String, Integer> loads = new HashMap<>();
        pairs.forEach(p -> loads.merge(p.split(" ")[1], 1, Integer::sum));
        return loads;
    }

    private long audits(JudgingScenario s, String action) {
        return count(
                "select count(*) from audit_log where event_id = $1 and action = $2",
                s.event,
                action);
    }

    /** A score (draft) of the judge for the submission, written in SQL. */
    private void score(JudgingScenario s, UUID submission, UUID challenge, UUID judge) {
        s.sql(
                "insert into judging_rubrics (event_id, criteria) select $1, cast($2 as jsonb)"
                        + " where not exists (select 1 from judging_rubrics where event_id = $1)",
                s.event,
                "[{\"key\":\"impact\",\"weight\":100,\"min\":1,\"max\":5}]");
        s.sql(
                "insert into judging_scores (event_id, challenge_id, submission_id, version_number,"
                        + " judge_id, rubric_id, status) select $1, $2, $3, 1, $4, id, 'DRAFT'"
                        + " from judging_rubrics where event_id = $1",
                s.event,
                challenge,
                submission,
                judge);
    }

    private UUID challengeOf(JudgingScenario s, String submission) {
        return s.entries.stream()
                .filter(e -> e.submission().toString().equals(submission))
                .findFirst()
                .orElseThrow()
                .challenge();
    }

    @Test
    void runWhenEnoughJudgesThenKScopedJudgesPerCountedVersionBalancedAndSameSeedSameSet() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        s.judge();
        s.judge();

        Reply first = s.api.post(s.organizer, runs(s), Map.of("seed", 7)).expect(200);
        Set<String> firstPairs = pairs(first, "$.assignments.submissions");
        Reply again = s.api.post(s.organizer, runs(s), Map.of("seed", 7)).expect(200);
        Reply list = s.api.get(s.organizer, assignments(s)).expect(200);

        assertThat(first.<List<String>>json("$.assignments.submissions[*].submissionId"))
                .containsExactlyInAnyOrderElementsOf(
                        s.submissions().stream().map(UUID::toString).toList());
        assertThat(first.<List<Integer>>json("$.assignments.submissions[*].missing"))
                .containsOnly(0);
        assertThat(firstPairs).hasSize(6);
        assertThat(firstPairs)
                .noneMatch(
                        p ->
                                p.endsWith(s.judgeWater.id().toString())
                                        && !p.startsWith(s.waterA.submission().toString()))
                .noneMatch(
                        p ->
                                p.endsWith(s.judgeHealth.id().toString())
                                        && p.startsWith(s.waterA.submission().toString()));
        Map<String, Integer> loads = loads(firstPairs);
        int max = loads.values().stream().max(Integer::compare).orElseThrow();
        int min =
                s.judges.stream()
                        .mapToInt(j -> loads.getOrDefault(j.id().toString(), 0))
                        .min()
                        .orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        assertThat(pairs(again, "$.assignments.submissions")).isEqualTo(firstPairs);
        assertThat(again.<Integer>json("$.removed")).isEqualTo(6);
        assertThat(pairs(list, "$.submissions")).isEqualTo(firstPairs);
        assertThat(storedPairs(s)).isEqualTo(firstPairs);
        assertThat(audits(s, "judging.assignment.run")).isEqualTo(2);
    }

    @Test
    void runWhenASubmissionLacksConflictFreeJudgesThen422ListingItAndNothingAssigned() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        s.api.post(
                        s.organizer,
                        s.eventPath() + "/judging/conflicts",
                        Map.of(
                                "submissionId", s.healthA.submission().toString(),
                                "judgeId", s.judgeAll.id().toString(),
                                "reason", "Es su profesor"))
                .expect(201);

        Reply refused =
                s.api.post(s.organizer, runs(s), Map.of("seed", 1)).problem(422, "judges-short");

        assertThat(refused.<List<String>>json("$.errors[*].field"))
                .containsExactly(s.healthA.submission().toString());
        assertThat(refused.<String>json("$.errors[0].message"))
                .contains(
                        "2 judge(s) in scope",
                        "1 with a conflict of interest",
                        "so 1 conflict-free");
        assertThat(storedPairs(s)).isEmpty();
        assertThat(audits(s, "judging.assignment.run")).isZero();

        s.api.post(s.organizer, runs(s), Map.of()).problem(400, "validation-failed");
        s.api.post(s.organizer, runs(s), Map.of("seed", "siete")).expect(400);
        assertThat(storedPairs(s)).isEmpty();
    }

    @Test
    void rerunWhenAPairIsScoredThenItStaysAndTheRestIsReplanned() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        s.judge();
        s.judge();
        Set<String> before =
                pairs(
                        s.api.post(s.organizer, runs(s), Map.of("seed", 1)).expect(200),
                        "$.assignments.submissions");
        String scored = before.stream().sorted().findFirst().orElseThrow();
        String[] parts = scored.split(" ");
        score(s, UUID.fromString(parts[0]), challengeOf(s, parts[0]), UUID.fromString(parts[1]));

        Reply rerun = s.api.post(s.organizer, runs(s), Map.of("seed", 2)).expect(200);

        assertThat(rerun.<Integer>json("$.kept")).isEqualTo(1);
        assertThat(rerun.<Integer>json("$.removed")).isEqualTo(5);
        assertThat(rerun.<Integer>json("$.added")).isEqualTo(5);
        assertThat(storedPairs(s)).hasSize(6).contains(scored);
        assertThat(rerun.<List<Integer>>json("$.assignments.submissions[*].missing"))
                .containsOnly(0);
    }

    @Test
    void addAndRemoveWhenOneAtATimeThenCheckedAuditedAndScoredOnesStay() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        String sub = s.healthA.submission().toString();

        Reply added = s.api.post(s.organizer, assignments(s), pair(s, s.judgeAll)).expect(201);
        s.api.post(s.organizer, assignments(s), pair(s, s.judgeAll))
                .problem(409, "assignment-exists");
        s.api.post(s.organizer, assignments(s), pair(s, s.judgeWater)).problem(422, "not-a-judge");
        s.api.post(s.organizer, assignments(s), pair(s, s.citizen)).problem(422, "not-a-judge");
        s.api.post(
                        s.organizer,
                        assignments(s),
                        Map.of(
                                "submissionId",
                                s.draftOnly.submission().toString(),
                                "judgeId",
                                s.judgeAll.id().toString()))
                .problem(422, "not-eligible");
        s.api.post(s.organizer, assignments(s), Map.of("submissionId", sub))
                .problem(400, "validation-failed");
        s.api.post(
                        s.organizer,
                        s.eventPath() + "/judging/conflicts",
                        Map.of(
                                "submissionId",
                                sub,
                                "judgeId",
                                s.judgeHealth.id().toString(),
                                "reason",
                                "Vecinos"))
                .expect(201);
        s.api.post(s.organizer, assignments(s), pair(s, s.judgeHealth))
                .problem(409, "judge-conflicted");

        assertThat(added.<List<String>>json("$.judgeIds"))
                .containsExactly(s.judgeAll.id().toString());
        assertThat(added.<Integer>json("$.missing")).isEqualTo(1);
        assertThat(storedPairs(s)).containsExactly(sub + " " + s.judgeAll.id());
        assertThat(audits(s, "judging.assignment.added")).isEqualTo(1);

        String one = assignments(s) + "/{s}/judges/{j}";
        s.api.delete(s.organizer, one, sub, s.judgeAll.id()).expect(204);
        s.api.delete(s.organizer, one, sub, s.judgeAll.id()).problem(404, "not-found");
        s.api.post(s.organizer, assignments(s), pair(s, s.judgeAll)).expect(201);
        score(s, s.healthA.submission(), s.health, s.judgeAll.id());
        s.api.delete(s.organizer, one, sub, s.judgeAll.id()).problem(409, "assignment-scored");

        assertThat(storedPairs(s)).containsExactly(sub + " " + s.judgeAll.id());
        assertThat(audits(s, "judging.assignment.removed")).isEqualTo(1);
    }

    @Test
    void reassignWhenJudgeWithdrawsThenUnscoredWorkGoesToOthersAndTheScoredPairStays() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        s.judge();
        s.judge();
        Set<String> before =
                pairs(
                        s.api.post(s.organizer, runs(s), Map.of("seed", 3)).expect(200),
                        "$.assignments.submissions");
        String busiest =
                loads(before).entrySet().stream()
                        .sorted(
                                Map.Entry.<String, Integer>comparingByValue()
                                        .reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                        .findFirst()
                        .orElseThrow()
                        .getKey();
        List<String> theirs = before.stream().filter(p -> p.endsWith(busiest)).sorted().toList();
        assertThat(theirs).hasSizeGreaterThanOrEqualTo(2);
        String kept = theirs.get(0);
        score(
                s,
                UUID.fromString(kept.split(" ")[0]),
                challengeOf(s, kept.split(" ")[0]),
                UUID.fromString(busiest));

        Reply moved =
                s.api.post(
                                s.organizer,
                                s.eventPath() + "/judging/judges/{j}/reassignment",
                                Map.of("reason", "Se retiró por salud"),
                                busiest)
                        .expect(200);

        Set<String> after = storedPairs(s);
        assertThat(moved.<Integer>json("$.removed")).isEqualTo(theirs.size() - 1);
        assertThat(moved.<List<String>>json("$.added[*].judgeId"))
                .hasSize(theirs.size() - 1)
                .doesNotContain(busiest);
        assertThat(after).hasSize(6).contains(kept);
        assertThat(after.stream().filter(p -> p.endsWith(busiest))).containsExactly(kept);
        assertThat(loads(after).keySet()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(audits(s, "judging.assignment.reassigned")).isEqualTo(1);
        s.api.post(
                        s.organizer,
                        s.eventPath() + "/judging/judges/{j}/reassignment",
                        Map.of("reason", ""),
                        busiest)
                .problem(400, "validation-failed");
    }

    @Test
    void declareWhenAssignedJudgeFindsAConflictLateThenAnotherJudgeTakesTheSubmission() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        s.judge();
        Set<String> before =
                pairs(
                        s.api.post(s.organizer, runs(s), Map.of("seed", 5)).expect(200),
                        "$.assignments.submissions");
        String sub = s.healthA.submission().toString();
        String pairOfAll = sub + " " + s.judgeAll.id();
        User late = before.contains(pairOfAll) ? s.judgeAll : s.judgeHealth;

        s.api.post(
                        late,
                        s.eventPath() + "/judging/conflicts",
                        Map.of("submissionId", sub, "reason", "Conozco al equipo"))
                .expect(201);

        Set<String> after = storedPairs(s);
        assertThat(after).doesNotContain(sub + " " + late.id()).hasSize(6);
        assertThat(after.stream().filter(p -> p.startsWith(sub))).hasSize(2);
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action = 'judging.conflict.declared' and details ->> 'replacedBy' is not null",
                                s.event))
                .isEqualTo(1);
    }

    @Test
    void runWhenTwoOrganizersRunAtOnceThenOneAssignmentSetResults() throws Exception {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        s.judge();
        s.judge();
        User second = fixtures.user("organizer");
        s.member(second, "ORGANIZER");

        CompletableFuture<Reply> a =
                CompletableFuture.supplyAsync(
                        () -> s.api.post(s.organizer, runs(s), Map.of("seed", 11)));
        CompletableFuture<Reply> b =
                CompletableFuture.supplyAsync(
                        () -> s.api.post(second, runs(s), Map.of("seed", 12)));
        Reply ra = a.get().expect(200);
        Reply rb = b.get().expect(200);

        Set<String> stored = storedPairs(s);
        assertThat(stored).hasSize(6);
        assertThat(stored)
                .isIn(
                        pairs(ra, "$.assignments.submissions"),
                        pairs(rb, "$.assignments.submissions"));
        Map<String, Integer> perSubmission = new HashMap<>();
        stored.forEach(p -> perSubmission.merge(p.split(" ")[0], 1, Integer::sum));
        assertThat(perSubmission.values()).hasSize(3).containsOnly(2);
        assertThat(audits(s, "judging.assignment.run")).isEqualTo(2);
    }
}
