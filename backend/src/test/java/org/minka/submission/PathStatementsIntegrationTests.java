package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.StatementCounter;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Issue 12, item 13: what the common authenticated paths cost before their own work. The caller's
 * user is answered from memory after its first request (no upsert), so a request's statements are
 * its checks and its own work.
 *
 * <p><b>Own work</b> is a statement that reads or writes what the request names or returns: the row
 * it addresses by id (the submission, the team), the rows of the list it returns, the details it
 * embeds (artifacts, versions, members and their names, entered challenges), and the rows a write
 * inserts. A statement may carry a check inside it (the team's row comes with whether the caller is
 * on it): it is still own work. <b>Checks</b> are every other statement: the user upsert, the
 * event's visibility, the caller's roles (organizer, mentor, judge, team membership), phase windows
 * and conflicts of interest. A write's guard that checks its phase at the database's now() in the
 * write's own transaction is part of the write. Each test names the own work it expects by a
 * fragment of its SQL and asserts that at most one other statement ran.
 *
 * <p>The paths: a team member reads their submission, asks for help, edits the draft (a read by id,
 * then a write) and comments; a mentor reads and comments; a judge reads by id; an organizer reads
 * and lists; a member reads their team, {@code GET /me/teams} and the challenges; a judge's list.
 */
@Import(StatementCounter.class)
class PathStatementsIntegrationTests extends IntegrationTest {

    private static final String SUBMISSION_ROW = "from submissions where id";
    private static final String ARTIFACTS = "from artifacts where submission_id";
    private static final String VERSIONS = "from submission_versions where submission_id";

    /**
     * A write's guard: SUBMISSION open at the database's now(), asked in the write's own
     * transaction right before it. It is part of the write (the deadline is the database's, never
     * memory's).
     */
    private static final String WRITE_GUARD =
            "from event_phases where event_id = $1 and phase = $2 and now() >= opens_at";

    /**
     * A comment's own work: the submission it is on, the comment written and read back with its
     * author's name, and the team told of it (its members and their notifications).
     */
    private static final String[] COMMENT_WRITE = {
        SUBMISSION_ROW,
        "insert into comments",
        "from comments c where c.id",
        "from users where id = any",
        "select user_id from team_members where team_id",
        "insert into notification_counters"
    };

    SubmissionScenario s;
    UUID submission;

    @BeforeEach
    void scenario() {
        s = new SubmissionScenario(web, db, fixtures, null);
        submission = s.submission();
    }

    @Test
    void getSubmissionWhenOrganizerReadsThenOneCheckBeforeItsOwnWork() {
        List<String> seen = get(s.organizer, "/api/v1/submissions/{id}", submission);
        assertOneCheck(seen, SUBMISSION_ROW, ARTIFACTS, VERSIONS);
    }

    @Test
    void getSubmissionWhenTeamMemberReadsThenOneCheckBeforeItsOwnWork() {
        List<String> seen = get(s.member, "/api/v1/submissions/{id}", submission);
        assertOneCheck(seen, SUBMISSION_ROW, ARTIFACTS, VERSIONS);
    }

    @Test
    void postHelpRequestWhenTeamMemberAsksThenOneCheckBeforeItsOwnWork() {
        Map<String, Object> body =
                Map.of(
                        "teamId",
                        s.team.toString(),
                        "challengeId",
                        s.challenge.toString(),
                        "topic",
                        "Ubigeo",
                        "text",
                        "¿Qué ubigeo usa el dataset?");
        List<String> seen =
                send(s.member, HttpMethod.POST, "/api/v1/events/{e}/help-requests", body, s.event);
        assertOneCheck(seen, "insert into help_requests");
    }

    @Test
    void patchSubmissionWhenTeamMemberEditsTheDraftThenOneCheckBeforeItsOwnWork() {
        List<String> seen =
                send(
                        s.member,
                        HttpMethod.PATCH,
                        "/api/v1/submissions/{id}",
                        Map.of("title", "Nuevo título"),
                        submission);
        assertOneCheck(
                seen, SUBMISSION_ROW, WRITE_GUARD, "update submissions", ARTIFACTS, VERSIONS);
    }

    @Test
    void postCommentWhenTeamMemberWritesThenOneCheckBeforeItsOwnWork() {
        List<String> seen =
                send(
                        s.member,
                        HttpMethod.POST,
                        "/api/v1/submissions/{id}/comments",
                        Map.of("body", "Listo."),
                        submission);
        assertOneCheck(seen, COMMENT_WRITE);
    }

    @Test
    void postCommentWhenMentorWritesThenOneCheckBeforeItsOwnWork() {
        List<String> seen =
                send(
                        s.mentor,
                        HttpMethod.POST,
                        "/api/v1/submissions/{id}/comments",
                        Map.of("body", "¿Por qué excluyen 2020?"),
                        submission);
        assertOneCheck(seen, COMMENT_WRITE);
    }

    @Test
    void getSubmissionWhenJudgeReadsByIdThenOneCheckBeforeItsOwnWork() {
        s.closeSubmission();
        List<String> seen = get(s.judge, "/api/v1/submissions/{id}", submission);
        assertOneCheck(seen, SUBMISSION_ROW, ARTIFACTS, VERSIONS);
    }

    @Test
    void getSubmissionWhenMentorReadsThenOneCheckBeforeItsOwnWork() {
        List<String> seen = get(s.mentor, "/api/v1/submissions/{id}", submission);
        assertOneCheck(seen, SUBMISSION_ROW, ARTIFACTS, VERSIONS);
    }

    @Test
    void getTeamWhenMemberReadsThenOneCheckBeforeItsOwnWork() {
        List<String> seen = get(s.member, "/api/v1/events/{e}/teams/{t}", s.event, s.team);
        assertOneCheck(
                seen,
                "from teams where event_id",
                "from team_challenges where team_id = any",
                "from team_members where team_id = any",
                "from users where id = any");
    }

    @Test
    void getMyTeamsWhenMemberOfOneEventThenOneCheckBeforeItsOwnWork() {
        List<String> seen = get(s.member, "/api/v1/me/teams");
        assertOneCheck(
                seen,
                "from teams where id in (select team_id from team_members",
                "from team_challenges where team_id = any",
                "from team_members where team_id = any",
                "from users where id = any");
    }

    @Test
    void listSubmissionsWhenOrganizerListsThenOneCheckBeforeItsOwnWork() {
        List<String> seen = get(s.organizer, "/api/v1/events/{e}/submissions", s.event);
        assertOneCheck(seen, "from submissions where event_id");
    }

    @Test
    void listHelpRequestsWhenMentorListsThenOneCheckBeforeItsOwnWork() {
        List<String> seen = get(s.mentor, "/api/v1/events/{e}/help-requests", s.event);
        assertOneCheck(seen, "from help_requests where event_id");
    }

    @Test
    void listChallengesWhenMemberListsThenOneCheckBeforeItsOwnWork() {
        List<String> seen = get(s.member, "/api/v1/events/{e}/challenges", s.event);
        assertOneCheck(seen, "from challenges where event_id", "from challenge_datasets");
    }

    @Test
    void listSubmissionsWhenJudgeListsALargerPageThenNoMoreStatements() {
        for (int i = 0; i < 3; i++) {
            s.otherTeamSubmission(fixtures.user("captain-" + i), s.challenge);
        }
        s.closeSubmission();
        String path = "/api/v1/events/{e}/submissions?challengeId={c}&limit={n}";

        List<String> one = get(s.judge, path, s.event, s.challenge, 1);
        List<String> four = get(s.judge, path, s.event, s.challenge, 4);

        assertThat(four).as("one row: %s, four rows: %s", one, four).hasSameSizeAs(one);
        web.get()
                .uri(path, s.event, s.challenge, 4)
                .headers(h -> h.setBearerAuth(s.judge.token()))
                .exchange()
                .expectBody()
                .jsonPath("$.items.length()")
                .isEqualTo(4);
    }

    /** Fails unless every statement but one is among the own work named by these fragments. */
    private static void assertOneCheck(List<String> seen, String... ownWork) {
        Predicate<String> own = sql -> List.of(ownWork).stream().anyMatch(flat(sql)::contains);
        List<String> checks = seen.stream().filter(own.negate()).toList();
        for (String fragment : ownWork) {
            assertThat(seen)
                    .as("own work %s in %s", fragment, seen)
                    .anyMatch(sql -> flat(sql).contains(fragment));
        }
        assertThat(checks).as("checks among %s", seen).hasSizeLessThanOrEqualTo(1);
    }

    private static String flat(String sql) {
        return sql.replaceAll("\\s+", " ");
    }

    /** A write, run once to warm up and then three times; the cheapest run counts. */
    private List<String> send(
            User user, HttpMethod method, String path, Map<String, Object> body, Object... vars) {
        List<String> seen =
                StatementCounter.fewest(
                        () ->
                                web.method(method)
                                        .uri(path, vars)
                                        .headers(h -> h.setBearerAuth(user.token()))
                                        .header("If-Match", "*")
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(body)
                                        .exchange()
                                        .expectStatus()
                                        .is2xxSuccessful());
        print(method + " " + path, seen);
        return seen;
    }

    private List<String> get(User user, String path, Object... vars) {
        List<String> seen =
                StatementCounter.fewest(
                        () ->
                                web.get()
                                        .uri(path, vars)
                                        .headers(h -> h.setBearerAuth(user.token()))
                                        .exchange()
                                        .expectStatus()
                                        .isOk());
        print(path, seen);
        return seen;
    }

    private static void print(String name, List<String> seen) {
        System.out.println("STATEMENTS " + name + " " + seen.size());
        seen.forEach(sql -> System.out.println("   " + flat(sql)));
    }
}
