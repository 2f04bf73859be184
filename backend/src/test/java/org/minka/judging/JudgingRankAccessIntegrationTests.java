package org.minka.judging;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Every scoring, ranking and finals endpoint, called in column order by: anonymous, a citizen, a
 * member of the scored team, a mentor, an organizer, the judge assigned to the submission, a judge
 * of its challenge without that assignment, and a judge of its challenge conflicted with it.
 *
 * <p>The rows share one scenario (in table order): the writes are idempotent for the callers they
 * let through (a complete save, a repeated submit, the same list confirmed, the same ballot cast),
 * so every row still sees the state its statuses assume.
 */
class JudgingRankAccessIntegrationTests extends IntegrationTest {

    record Setup(
            JudgingScenario s,
            User unassigned,
            User conflicted,
            UUID submission,
            UUID other,
            UUID challenge) {}

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                              anonymous citizen member mentor organizer assigned unassigned conflicted
            GET queue                         401       403     403    403    403       200      200        200
            GET scores/{id}                   401       404     404    404    404       200      404        404
            PUT scores/{id}                   401       404     404    404    404       200      404        404
            POST scores/{id}/submit           401       404     404    404    404       200      404        404
            GET progress                      401       403     403    403    200       403      403        403
            GET ranking                       401       403     403    403    200       403      403        403
            GET ranking/{id}/explain          401       403     403    403    200       403      403        403
            GET results                       401       403     403    403    200       403      403        403
            POST finalists                    401       403     403    403    200       403      403        403
            PUT finalists                     401       403     403    403    200       403      403        403
            GET finalists                     401       403     403    403    200       200      200        404
            PUT final-ballot                  401       403     403    403    403       200      200        404
            GET final-ballot                  401       403     403    403    403       200      200        404
            GET final-ranking                 401       403     403    403    200       403      403        403
            """);

    static {
        MATRIX.read("GET queue", s -> event(HttpMethod.GET, s, "/judging/queue", null))
                .read("GET scores/{id}", s -> score(HttpMethod.GET, s, "", null))
                .read("PUT scores/{id}", s -> score(HttpMethod.PUT, s, "", complete()))
                .read("POST scores/{id}/submit", s -> score(HttpMethod.POST, s, "/submit", null))
                .read("GET progress", s -> event(HttpMethod.GET, s, "/judging/progress", null))
                .read("GET ranking", s -> event(HttpMethod.GET, s, "/judging/ranking", null))
                .read(
                        "GET ranking/{id}/explain",
                        s ->
                                event(
                                        HttpMethod.GET,
                                        s,
                                        "/judging/ranking/" + s.submission() + "/explain",
                                        null))
                .read("GET results", s -> event(HttpMethod.GET, s, "/judging/results", null))
                .read(
                        "POST finalists",
                        s -> finals(HttpMethod.POST, s, "/finalists", Map.of("reason", "top")))
                .read(
                        "PUT finalists",
                        s ->
                                finals(
                                        HttpMethod.PUT,
                                        s,
                                        "/finalists",
                                        Map.of(
                                                "submissionIds",
                                                List.of(
                                                        s.submission().toString(),
                                                        s.other().toString()),
                                                "reason",
                                                "both go through")))
                .read("GET finalists", s -> finals(HttpMethod.GET, s, "/finalists", null))
                .read(
                        "PUT final-ballot",
                        s ->
                                finals(
                                        HttpMethod.PUT,
                                        s,
                                        "/final-ballot",
                                        Map.of(
                                                "ranking",
                                                List.of(
                                                        s.other().toString(),
                                                        s.submission().toString()))))
                .read("GET final-ballot", s -> finals(HttpMethod.GET, s, "/final-ballot", null))
                .read("GET final-ranking", s -> finals(HttpMethod.GET, s, "/final-ranking", null));
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    static Map<String, Object> complete() {
        return Map.of(
                "marks",
                Map.of(
                        "impact", Map.of("value", 4, "comment", "Clara"),
                        "open_data", Map.of("value", 4),
                        "innovation", Map.of("value", 3),
                        "technical", Map.of("value", 5),
                        "presentation", Map.of("value", 2)),
                "comment",
                "Buen trabajo");
    }

    private static Call event(HttpMethod method, Setup s, String suffix, Object body) {
        return Call.json(method, s.s().eventPath() + suffix, body);
    }

    private static Call score(HttpMethod method, Setup s, String suffix, Object body) {
        return event(method, s, "/judging/scores/" + s.submission() + suffix, body);
    }

    private static Call finals(HttpMethod method, Setup s, String suffix, Object body) {
        return event(method, s, "/challenges/" + s.challenge() + "/judging" + suffix, body);
    }

    private Setup setup() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        User unassigned = s.judge(s.health);
        User conflicted = s.judge(s.health);
        UUID a = s.healthA.submission();
        UUID b = s.healthB.submission();
        JudgingRankSupport.assign(s, s.judgeHealth, a, b);
        JudgingRankSupport.conflict(s, conflicted, a);
        JudgingRankSupport.scoreAndSubmit(s, s.judgeHealth, a, 5, 4, 4, 4, 4);
        JudgingRankSupport.scoreAndSubmit(s, s.judgeHealth, b, 3, 3, 3, 3, 3);
        return new Setup(s, unassigned, conflicted, a, b, s.health);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callerGetsExpectedStatus(String row) {
        Setup x = MATRIX.scenario(row, "judging-rank", this::setup);
        JudgingScenario s = x.s();
        MATRIX.verify(
                web,
                row,
                x,
                null,
                s.citizen.token(),
                s.healthA.member().token(),
                s.mentor.token(),
                s.organizer.token(),
                s.judgeHealth.token(),
                x.unassigned().token(),
                x.conflicted().token());
    }
}
