package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Fixtures.User;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Steps of the scoring and finals tests: assignments and conflicts in SQL, scores by the API. */
final class JudgingRankSupport {

    private JudgingRankSupport() {}

    /** Assigns the judge to these submissions (their counted versions), in SQL. */
    static void assign(JudgingScenario s, User judge, UUID... submissions) {
        for (UUID submission : submissions) {
            s.sql(
                    "insert into judging_assignments (event_id, challenge_id, submission_id,"
                            + " version_number, judge_id)"
                            + " select s.event_id, s.challenge_id, s.id,"
                            + " (select max(number) from submission_versions v"
                            + " where v.submission_id = s.id), $2"
                            + " from submissions s where s.id = $1",
                    submission,
                    judge.id());
        }
    }

    /** Records a declared conflict of the judge with the submission, in SQL. */
    static void conflict(JudgingScenario s, User judge, UUID submission) {
        s.sql(
                "insert into judging_conflicts (event_id, submission_id, judge_id, source, reason,"
                        + " created_by) values ($1, $2, $3, 'DECLARED', 'Asesoré al equipo', $3)",
                s.event,
                submission,
                judge.id());
    }

    /** Marks on the default rubric, in its criteria order. */
    static Map<String, Object> marks(int... values) {
        String[] keys = {"impact", "open_data", "innovation", "technical", "presentation"};
        Map<String, Object> marks = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            marks.put(keys[i], Map.of("value", values[i]));
        }
        return Map.of("marks", marks);
    }

    /** Saves and submits the judge's marks through the API. */
    static void scoreAndSubmit(JudgingScenario s, User judge, UUID submission, int... values) {
        save(s, judge, submission, marks(values), null).expectStatus().isOk();
        call(s, HttpMethod.POST, judge, scorePath(s, submission) + "/submit", null, null)
                .expectStatus()
                .isOk();
    }

    static String scorePath(JudgingScenario s, UUID submission) {
        return s.eventPath() + "/judging/scores/" + submission;
    }

    static WebTestClient.ResponseSpec save(
            JudgingScenario s, User judge, UUID submission, Object body, String ifMatch) {
        return call(s, HttpMethod.PUT, judge, scorePath(s, submission), body, ifMatch);
    }

    static WebTestClient.ResponseSpec call(
            JudgingScenario s,
            HttpMethod method,
            User user,
            String path,
            Object body,
            String ifMatch) {
        WebTestClient.RequestBodySpec spec = s.web.method(method).uri(path);
        spec.headers(
                h -> {
                    h.setBearerAuth(user.token());
                    if (ifMatch != null) {
                        h.set(HttpHeaders.IF_MATCH, ifMatch);
                    }
                });
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Counts rows with plain SQL. */
    static long count(JudgingScenario s, String sql, Object... args) {
        var spec = s.db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        Long n = spec.map((row, meta) -> row.get(0, Long.class)).one().block();
        assertThat(n).isNotNull();
        return n;
    }
}
