package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Conflicts of interest: found automatically, declared by judges, added and lifted by organizers,
 * audited; and a conflicted judge reads the submission as if it did not exist.
 */
class JudgingConflictIntegrationTests extends IntegrationTest {

    private static final Map<JudgingScenario, UUID> LIFTABLE = new ConcurrentHashMap<>();

    static final AccessMatrix<JudgingScenario> MATRIX =
            AccessMatrix.<JudgingScenario>of(
                    """
                                                           anonymous citizen member mentor judge organizer admin
            GET judging/conflicts                          401       403     403    403    200   200       200
            POST judging/conflicts (declare own)           401       403     403    403    201   403       403
            POST judging/conflicts (add for a judge)       401       403     403    403    403   201       409
            POST judging/conflicts/{id}/lift               401       403     403    403    403   200       409
            """);

    static {
        MATRIX.read("GET judging/conflicts", s -> Call.get(conflicts(s)))
                .write(
                        "POST judging/conflicts (declare own)",
                        s ->
                                Call.json(
                                        HttpMethod.POST,
                                        conflicts(s),
                                        Map.of(
                                                "submissionId",
                                                s.healthA.submission().toString(),
                                                "reason",
                                                "Asesoré a este equipo")))
                .write(
                        "POST judging/conflicts (add for a judge)",
                        s -> Call.json(HttpMethod.POST, conflicts(s), added(s, s.judgeHealth)))
                .write(
                        "POST judging/conflicts/{id}/lift",
                        s ->
                                Call.json(
                                        HttpMethod.POST,
                                        conflicts(s) + "/" + liftable(s) + "/lift",
                                        Map.of("reason", "Solo coincidieron en un taller")));
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private static String conflicts(JudgingScenario s) {
        return s.eventPath() + "/judging/conflicts";
    }

    private static Map<String, Object> added(JudgingScenario s, User judge) {
        return Map.of(
                "submissionId",
                s.healthA.submission().toString(),
                "judgeId",
                judge.id().toString(),
                "reason",
                "Trabaja en la misma oficina que el equipo");
    }

    /** A conflict the organizer added, made once per scenario. */
    private static UUID liftable(JudgingScenario s) {
        return LIFTABLE.computeIfAbsent(
                s,
                x -> x.api.post(x.organizer, conflicts(x), added(x, x.judgeAll)).expect(201).id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallerGetsTheRightStatus(String row) {
        JudgingScenario s =
                MATRIX.scenario(row, "conflicts", () -> new JudgingScenario(web, db, fixtures));
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

    private long stored(JudgingScenario s) {
        return count("select count(*) from judging_conflicts where event_id = $1", s.event);
    }

    private long audits(JudgingScenario s, String action) {
        return count(
                "select count(*) from audit_log where event_id = $1 and action = $2",
                s.event,
                action);
    }

    /** Makes {@code user} a member of a publisher that proposed {@code challenge} (in SQL). */
    /**
     * Three judges, each with a conflict found automatically: one on a health team, one mentoring
     * the water challenge, one a member of the publisher that proposed it.
     */
    private User[] judgesWithFoundConflicts(JudgingScenario s) {
        User teamJudge = s.alsoJudge(s.healthA.member(), s.health);
        User mentorJudge = s.alsoJudge(s.mentor, s.water);
        User publisherJudge = s.judge(s.water);
        publisherProposed(s, s.water, publisherJudge);
        return new User[] {teamJudge, mentorJudge, publisherJudge};
    }

    private void publisherProposed(JudgingScenario s, UUID challenge, User user) {
        UUID publisher = UUID.randomUUID();
        s.sql(
                "insert into publishers (id, name, type, created_by) values ($1, $2, 'MINISTRY', $3)",
                publisher,
                "Ministerio " + publisher,
                s.admin.id());
        s.sql(
                "insert into publisher_members (publisher_id, user_id, granted_by) values ($1, $2, $3)",
                publisher,
                user.id(),
                s.admin.id());
        s.sql(
                "insert into challenge_proposals (event_id, publisher_id, title, dataset_ids, status,"
                        + " challenge_id, proposed_by, decided_by, decided_at) values ($1, $2, 'Agua',"
                        + " array[gen_random_uuid()], 'ACCEPTED', $3, $4, $4, now())",
                s.event,
                publisher,
                challenge,
                user.id());
    }

    @Test
    void listWhenJudgesAreTeamMemberMentorOrPublisherMemberThenFoundAutomaticallyAndAudited() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        User[] found = judgesWithFoundConflicts(s);
        User teamJudge = found[0];
        User mentorJudge = found[1];
        User publisherJudge = found[2];

        Reply all = s.api.get(s.organizer, conflicts(s)).expect(200);
        Reply own = s.api.get(teamJudge, conflicts(s)).expect(200);
        s.api.get(s.organizer, conflicts(s)).expect(200);

        assertThat(all.<List<String>>json("$.items[*].source"))
                .containsExactlyInAnyOrder("TEAM_MEMBER", "MENTOR", "PUBLISHER");
        assertThat(all.<List<String>>json("$.items[?(@.source == 'TEAM_MEMBER')].submissionId"))
                .containsExactly(s.healthA.submission().toString());
        assertThat(all.<List<String>>json("$.items[?(@.source == 'MENTOR')].judgeId"))
                .containsExactly(mentorJudge.id().toString());
        assertThat(all.<List<String>>json("$.items[?(@.source == 'MENTOR')].submissionId"))
                .containsExactly(s.waterA.submission().toString());
        assertThat(all.<List<String>>json("$.items[?(@.source == 'PUBLISHER')].judgeId"))
                .containsExactly(publisherJudge.id().toString());
        assertThat(all.<List<Boolean>>json("$.items[*].active")).containsOnly(true);
        assertThat(own.<List<String>>json("$.items[*].judgeId"))
                .containsExactly(teamJudge.id().toString());
        assertThat(stored(s)).isEqualTo(3);
        assertThat(audits(s, "judging.conflict.detected")).isEqualTo(1);
    }

    @Test
    void listWhenMoreThanAPageThenPagedOldestFirstByCursorWithLinkNext() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        User teamJudge = judgesWithFoundConflicts(s)[0];
        List<String> all =
                s.api.get(s.organizer, conflicts(s) + "?limit=100")
                        .expect(200)
                        .json("$.items[*].id");

        List<String> paged = new java.util.ArrayList<>();
        String next = conflicts(s) + "?limit=1";
        int pages = 0;
        while (next != null) {
            Reply page = s.api.get(s.organizer, next).expect(200);
            assertThat(page.<List<String>>json("$.items")).hasSize(1);
            paged.addAll(page.json("$.items[*].id"));
            String link = page.headers().getFirst("Link");
            String cursor = page.json("$.nextCursor");
            next = cursor == null ? null : conflicts(s) + "?limit=1&cursor=" + cursor;
            assertThat(link == null).isEqualTo(cursor == null);
            if (link != null) {
                assertThat(link).contains("cursor=" + cursor).endsWith("; rel=\"next\"");
            }
            pages++;
        }

        assertThat(all).hasSize(3);
        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo(3);
        assertThat(
                        s.api.get(teamJudge, conflicts(s) + "?limit=1")
                                .<List<String>>json("$.items[*].judgeId"))
                .containsExactly(teamJudge.id().toString());
    }

    @Test
    void listWhenCursorOrLimitIsBadThen400ProblemAndNothingRead() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);

        s.api.get(s.organizer, conflicts(s) + "?cursor=not-a-cursor")
                .problem(400, "invalid-cursor");
        s.api.get(s.organizer, conflicts(s) + "?limit=0").problem(400, "validation-failed");
        s.api.get(s.organizer, conflicts(s) + "?limit=101").problem(400, "validation-failed");
    }

    @Test
    void readWhenJudgeIsConflictedThen404ByIdWhileOtherJudgesRead() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID submission = s.healthA.submission();
        User publisherJudge = s.judge(s.health);
        publisherProposed(s, s.health, publisherJudge);
        String path = "/api/v1/submissions/{id}";
        s.api.get(s.judgeHealth, path, submission).expect(200);

        Reply declared =
                s.api.post(
                                s.judgeHealth,
                                conflicts(s),
                                Map.of(
                                        "submissionId",
                                        submission.toString(),
                                        "reason",
                                        "Es mi sobrino"))
                        .expect(201);

        s.api.get(s.judgeHealth, path, submission).problem(404, "not-found");
        s.api.get(s.judgeHealth, path + "/versions/1", submission).problem(404, "not-found");
        s.api.get(publisherJudge, path, submission).problem(404, "not-found");
        s.api.get(s.judgeAll, path, submission).expect(200);
        s.api.get(s.judgeHealth, path, s.healthB.submission()).expect(200);
        assertThat(declared.<String>json("$.source")).isEqualTo("DECLARED");
        assertThat(declared.<String>json("$.reason")).isEqualTo("Es mi sobrino");
        assertThat(audits(s, "judging.conflict.declared")).isEqualTo(1);

        s.api.post(
                        s.organizer,
                        conflicts(s) + "/{c}/lift",
                        Map.of("reason", "Revisado: no es pariente"),
                        declared.id())
                .expect(200);

        s.api.get(s.judgeHealth, path, submission).expect(200);
    }

    @Test
    void listWhenJudgeIsConflictedThenTheSubmissionIsLeftOutWhileOthersListIt() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID conflicted = s.healthA.submission();
        UUID other = s.healthB.submission();
        String list = "/api/v1/events/{e}/submissions?challengeId={c}";
        assertThat(listed(s, s.judgeHealth, list))
                .contains(conflicted.toString(), other.toString());

        s.api.post(
                        s.judgeHealth,
                        conflicts(s),
                        Map.of("submissionId", conflicted.toString(), "reason", "Es mi prima"))
                .expect(201);

        assertThat(listed(s, s.judgeHealth, list))
                .contains(other.toString())
                .doesNotContain(conflicted.toString());
        assertThat(listed(s, s.judgeAll, list)).contains(conflicted.toString(), other.toString());
        assertThat(listed(s, s.organizer, list)).contains(conflicted.toString());
    }

    private static List<String> listed(JudgingScenario s, User user, String path) {
        return s.api.get(user, path, s.event, s.health).expect(200).json("$.items[*].id");
    }

    @Test
    void recordWhenBadInputThenProblemAndNothingStored() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        String sub = s.healthA.submission().toString();

        s.api.post(s.judgeHealth, conflicts(s), Map.of("submissionId", sub, "reason", " "))
                .problem(400, "validation-failed");
        s.api.post(s.judgeHealth, conflicts(s), Map.of("reason", "Sin entrega"))
                .problem(400, "validation-failed");
        s.api.post(
                        s.judgeHealth,
                        conflicts(s),
                        Map.of("submissionId", sub, "reason", "x".repeat(1001)))
                .problem(400, "validation-failed");
        s.api.post(
                        s.judgeHealth,
                        conflicts(s),
                        Map.of("submissionId", UUID.randomUUID().toString(), "reason", "Otra"))
                .problem(404, "not-found");
        s.api.post(s.judgeWater, conflicts(s), Map.of("submissionId", sub, "reason", "Otro reto"))
                .problem(404, "not-found");
        s.api.post(
                        s.judgeHealth,
                        conflicts(s),
                        Map.of(
                                "submissionId",
                                s.draftOnly.submission().toString(),
                                "reason",
                                "Borrador"))
                .problem(404, "not-found");
        s.api.post(s.organizer, conflicts(s), added(s, s.citizen)).problem(422, "not-a-judge");
        s.api.post(s.organizer, conflicts(s), added(s, s.judgeWater)).problem(422, "not-a-judge");

        assertThat(stored(s)).isZero();
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action like 'judging.%'",
                                s.event))
                .isZero();
    }

    @Test
    void liftWhenDoneThenStaysOnRecordAuditedAndASecondLiftOrBlankReasonIsRefused() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures);
        UUID id = s.api.post(s.organizer, conflicts(s), added(s, s.judgeHealth)).expect(201).id();
        String lift = conflicts(s) + "/{c}/lift";

        s.api.post(s.organizer, lift, Map.of("reason", ""), id).problem(400, "validation-failed");
        Reply lifted =
                s.api.post(s.organizer, lift, Map.of("reason", "Ya no trabajan juntos"), id)
                        .expect(200);
        s.api.post(s.organizer, lift, Map.of("reason", "Otra vez"), id)
                .problem(409, "conflict-lifted");
        s.api.post(s.organizer, lift, Map.of("reason", "No existe"), UUID.randomUUID())
                .problem(404, "not-found");

        assertThat(lifted.<Boolean>json("$.active")).isFalse();
        assertThat(lifted.<String>json("$.liftReason")).isEqualTo("Ya no trabajan juntos");
        assertThat(lifted.<String>json("$.liftedBy")).isEqualTo(s.organizer.id().toString());
        assertThat(stored(s)).isEqualTo(1);
        assertThat(audits(s, "judging.conflict.added")).isEqualTo(1);
        assertThat(audits(s, "judging.conflict.lifted")).isEqualTo(1);

        s.api.post(s.organizer, conflicts(s), added(s, s.judgeHealth)).expect(201);
        s.api.post(s.organizer, conflicts(s), added(s, s.judgeHealth))
                .problem(409, "conflict-exists");
        assertThat(stored(s)).isEqualTo(1);
        assertThat(audits(s, "judging.conflict.added")).isEqualTo(2);
    }
}
