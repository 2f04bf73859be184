package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

/** Rubrics: the event's and a challenge's override; who reads and sets them; the rules. */
class JudgingRubricIntegrationTests extends IntegrationTest {

    static final AccessMatrix<JudgingScenario> MATRIX =
            AccessMatrix.<JudgingScenario>of(
                    """
                                                           anonymous citizen member mentor judge organizer admin
            GET judging/rubric                             200       200     200    200    200   200       200
            PUT judging/rubric                             401       403     403    403    403   200       200
            GET challenges/{c}/judging/rubric              200       200     200    200    200   200       200
            PUT challenges/{c}/judging/rubric              401       403     403    403    403   200       200
            DELETE challenges/{c}/judging/rubric           401       403     403    403    403   204       204
            """);

    static {
        MATRIX.read("GET judging/rubric", s -> Call.get(s.eventPath() + "/judging/rubric"))
                .write(
                        "PUT judging/rubric",
                        s ->
                                Call.json(
                                        HttpMethod.PUT,
                                        s.eventPath() + "/judging/rubric",
                                        rubric(60, 40)))
                .read("GET challenges/{c}/judging/rubric", s -> Call.get(challengeRubric(s)))
                .write(
                        "PUT challenges/{c}/judging/rubric",
                        s -> Call.json(HttpMethod.PUT, challengeRubric(s), rubric(50, 50)))
                .write(
                        "DELETE challenges/{c}/judging/rubric",
                        s -> {
                            s.api.call(
                                            HttpMethod.PUT,
                                            s.organizer,
                                            challengeRubric(s),
                                            rubric(50, 50))
                                    .expect(200);
                            return Call.json(HttpMethod.DELETE, challengeRubric(s), null);
                        });
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private static String challengeRubric(JudgingScenario s) {
        return s.eventPath() + "/challenges/" + s.health + "/judging/rubric";
    }

    /** A two-criterion rubric with these weights, each on 1..5. */
    static Map<String, Object> rubric(int impactWeight, int dataWeight) {
        return Map.of(
                "criteria",
                List.of(
                        criterion("impact", impactWeight, 1, 5),
                        criterion("open_data", dataWeight, 1, 5)));
    }

    static Map<String, Object> criterion(String key, int weight, int min, int max) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("key", key);
        c.put("name", Map.of("es", "Criterio " + key, "en", "Criterion " + key));
        c.put("description", Map.of("es", "Descripción", "en", "Description"));
        c.put("weight", weight);
        c.put("min", min);
        c.put("max", max);
        c.put(
                "levels",
                List.of(
                        Map.of("level", min, "label", Map.of("es", "Bajo", "en", "Low")),
                        Map.of("level", max, "label", Map.of("es", "Alto", "en", "High"))));
        return c;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallerGetsTheRightStatus(String row) {
        JudgingScenario s =
                MATRIX.scenario(row, "rubric", () -> new JudgingScenario(web, db, fixtures));
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

    private long rubricRows(JudgingScenario s) {
        return count("select count(*) from judging_rubrics where event_id = $1", s.event);
    }

    private long audits(JudgingScenario s, String action) {
        return count(
                "select count(*) from audit_log where event_id = $1 and action = $2",
                s.event,
                action);
    }

    @Test
    void getWhenAnonymousThenRubricsWithVersionETagAnd304WhenUnchanged() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        s.api.call(HttpMethod.PUT, s.organizer, s.eventPath() + "/judging/rubric", rubric(60, 40))
                .expect(200);

        for (String path : List.of(s.eventPath() + "/judging/rubric", challengeRubric(s))) {
            String etag =
                    web.get()
                            .uri(path)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectHeader()
                            .valueEquals("ETag", "\"1\"")
                            .expectBody()
                            .jsonPath("$.criteria[0].weight")
                            .isEqualTo(60)
                            .returnResult()
                            .getResponseHeaders()
                            .getETag();
            web.get()
                    .uri(path)
                    .header("If-None-Match", etag)
                    .exchange()
                    .expectStatus()
                    .isNotModified();
        }
    }

    @Test
    void getWhenAnonymousAndEventUnpublishedThen404AsIfItDidNotExist() {
        User admin = fixtures.admin();
        UUID draft = fixtures.event(admin, false);

        web.get()
                .uri("/api/v1/events/{e}/judging/rubric", draft)
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/v1/events/{e}/judging/rubric", UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void getWhenNoneSetThenTheDefaultAtVersionZeroAndNothingStored() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);

        Reply event = s.api.get(s.citizen, s.eventPath() + "/judging/rubric").expect(200);
        Reply challenge = s.api.get(s.judgeWater, challengeRubric(s)).expect(200);

        assertThat(event.<List<String>>json("$.criteria[*].key"))
                .containsExactly("impact", "open_data", "innovation", "technical", "presentation");
        assertThat(event.<List<Integer>>json("$.criteria[*].weight"))
                .containsExactly(25, 25, 15, 20, 15);
        assertThat(event.<Integer>json("$.version")).isZero();
        assertThat(event.headers().getETag()).isEqualTo("\"0\"");
        assertThat(challenge.<Boolean>json("$.inherited")).isTrue();
        assertThat(challenge.<String>json("$.source")).isEqualTo("EVENT");
        assertThat(rubricRows(s)).isZero();
    }

    @Test
    void putWhenValidThenStoredVersionedAuditedAndInheritedUntilOverridden() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);

        Reply set =
                s.api.call(
                                HttpMethod.PUT,
                                s.organizer,
                                s.eventPath() + "/judging/rubric",
                                rubric(70, 30))
                        .expect(200);
        Reply inherited = s.api.get(s.citizen, challengeRubric(s)).expect(200);
        Reply override =
                s.api.call(HttpMethod.PUT, s.organizer, challengeRubric(s), rubric(20, 80))
                        .expect(200);
        Reply water =
                s.api.get(s.citizen, s.eventPath() + "/challenges/" + s.water + "/judging/rubric")
                        .expect(200);

        assertThat(set.<Integer>json("$.version")).isEqualTo(1);
        assertThat(set.<List<Integer>>json("$.criteria[*].weight")).containsExactly(70, 30);
        assertThat(set.<List<Integer>>json("$.criteria[0].levels[*].level")).containsExactly(1, 5);
        assertThat(inherited.<List<Integer>>json("$.criteria[*].weight")).containsExactly(70, 30);
        assertThat(override.<String>json("$.source")).isEqualTo("CHALLENGE");
        assertThat(override.<Boolean>json("$.inherited")).isFalse();
        assertThat(override.<List<Integer>>json("$.criteria[*].weight")).containsExactly(20, 80);
        assertThat(water.<List<Integer>>json("$.criteria[*].weight")).containsExactly(70, 30);
        assertThat(rubricRows(s)).isEqualTo(2);
        assertThat(audits(s, "judging.rubric.set")).isEqualTo(2);

        s.api.delete(s.organizer, challengeRubric(s)).expect(204);

        Reply back = s.api.get(s.citizen, challengeRubric(s)).expect(200);
        assertThat(back.<Boolean>json("$.inherited")).isTrue();
        assertThat(back.<List<Integer>>json("$.criteria[*].weight")).containsExactly(70, 30);
        assertThat(audits(s, "judging.rubric.removed")).isEqualTo(1);
    }

    @Test
    void putWhenBadRubricThenValidationProblemNamingEachRuleAndNothingStored() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        String path = s.eventPath() + "/judging/rubric";

        Reply weights = s.api.call(HttpMethod.PUT, s.organizer, path, rubric(60, 30));
        List<Map<String, Object>> clash = new ArrayList<>();
        clash.add(criterion("impact", 50, 1, 5));
        clash.add(criterion("impact", 50, 5, 5));
        Reply keysAndScale =
                s.api.call(HttpMethod.PUT, s.organizer, path, Map.of("criteria", clash));
        Reply badKey =
                s.api.call(
                        HttpMethod.PUT,
                        s.organizer,
                        path,
                        Map.of("criteria", List.of(criterion("Impact!", 100, 1, 5))));
        Reply empty = s.api.call(HttpMethod.PUT, s.organizer, path, Map.of("criteria", List.of()));
        Map<String, Object> offScale = criterion("impact", 100, 1, 5);
        offScale.put("levels", List.of(Map.of("level", 9, "label", Map.of("es", "x", "en", "x"))));
        Reply level =
                s.api.call(
                        HttpMethod.PUT, s.organizer, path, Map.of("criteria", List.of(offScale)));
        Reply override =
                s.api.call(HttpMethod.PUT, s.organizer, challengeRubric(s), rubric(10, 10));

        weights.problem(400, "validation-failed");
        assertThat(weights.<List<String>>json("$.errors[*].message"))
                .containsExactly("weights must sum to 100, not 90");
        keysAndScale.problem(400, "validation-failed");
        assertThat(keysAndScale.<List<String>>json("$.errors[*].field"))
                .containsExactly(
                        "criteria[1].key", "criteria[1].max", "criteria[1].levels[1].level");
        badKey.problem(400, "validation-failed");
        assertThat(badKey.<List<String>>json("$.errors[*].field"))
                .containsExactly("criteria[0].key");
        empty.problem(400, "validation-failed");
        level.problem(400, "validation-failed");
        assertThat(level.<List<String>>json("$.errors[*].field"))
                .containsExactly("criteria[0].levels[0].level");
        override.problem(400, "validation-failed");
        assertThat(rubricRows(s)).isZero();
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action like 'judging.%'",
                                s.event))
                .isZero();
    }

    @Test
    void putWhenStaleIfMatchThen412AndUnchanged() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        String path = s.eventPath() + "/judging/rubric";
        s.api.call(HttpMethod.PUT, s.organizer, path, rubric(70, 30)).expect(200);

        var stale =
                web.put()
                        .uri(path)
                        .headers(h -> h.setBearerAuth(s.organizer.token()))
                        .header("If-Match", "\"0\"")
                        .bodyValue(rubric(10, 90))
                        .exchange()
                        .expectStatus()
                        .isEqualTo(412)
                        .expectBody()
                        .jsonPath("$.type")
                        .isEqualTo("https://minka.dev/problems/stale-version");
        web.put()
                .uri(path)
                .headers(h -> h.setBearerAuth(s.organizer.token()))
                .header("If-Match", "\"1\"")
                .bodyValue(rubric(10, 90))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"2\"");

        assertThat(stale).isNotNull();
        assertThat(s.api.get(s.citizen, path).<List<Integer>>json("$.criteria[*].weight"))
                .containsExactly(10, 90);
    }

    @Test
    void putWhenAScoreExistsThen409RubricFrozenAndNothingChanges() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        String path = s.eventPath() + "/judging/rubric";
        s.api.call(HttpMethod.PUT, s.organizer, path, rubric(70, 30)).expect(200);
        UUID rubricId =
                db.sql("select id from judging_rubrics where event_id = $1")
                        .bind(0, s.event)
                        .map((row, meta) -> row.get("id", UUID.class))
                        .one()
                        .block();
        s.sql(
                "insert into judging_scores (event_id, challenge_id, submission_id, version_number,"
                        + " judge_id, rubric_id, status) values ($1, $2, $3, 1, $4, $5, 'DRAFT')",
                s.event,
                s.health,
                s.healthA.submission(),
                s.judgeHealth.id(),
                rubricId);

        s.api.call(HttpMethod.PUT, s.organizer, path, rubric(10, 90)).problem(409, "rubric-frozen");
        s.api.call(HttpMethod.PUT, s.organizer, challengeRubric(s), rubric(10, 90))
                .problem(409, "rubric-frozen");

        Reply now = s.api.get(s.organizer, path).expect(200);
        assertThat(now.<Boolean>json("$.frozen")).isTrue();
        assertThat(now.<Integer>json("$.version")).isEqualTo(1);
        assertThat(now.<List<Integer>>json("$.criteria[*].weight")).containsExactly(70, 30);
        assertThat(rubricRows(s)).isEqualTo(1);
        assertThat(audits(s, "judging.rubric.set")).isEqualTo(1);
    }
}
