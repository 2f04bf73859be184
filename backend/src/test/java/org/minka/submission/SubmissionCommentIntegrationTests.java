package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Comments on a submission (mentoring module): who reads and writes, anchors to artifacts and
 * notebook cells, replies, mentions, the 15-minute edit window, soft deletes and what each raises.
 */
class SubmissionCommentIntegrationTests extends IntegrationTest {

    private static final String COMMENTS = "/api/v1/submissions/{s}/comments";
    private static final String CELL = "0bc81532";

    private SubmissionScenario scenario;
    private Api api;
    private UUID submission;

    private void given(Map<String, Object> settings) {
        scenario = new SubmissionScenario(web, db, fixtures, settings);
        api = new Api(web, fixtures);
        submission = scenario.submission();
    }

    private UUID upload(String kind, String name, byte[] bytes) {
        Map<?, ?> artifact =
                Uploads.upload(web, submission, scenario.member, kind, name, bytes)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return UUID.fromString((String) artifact.get("id"));
    }

    private UUID notebook() {
        return upload("NOTEBOOK", "analisis.ipynb", Notebooks.read("test4.5.ipynb"));
    }

    private Api.Reply write(User user, Map<String, Object> body) {
        return api.post(user, COMMENTS, body, submission);
    }

    private UUID comment(User user, String text) {
        return write(user, Map.of("body", text)).expect(201).id();
    }

    private long notified(User user, String kind) {
        return count(
                "select count(*) from notifications where user_id = $1 and kind = $2",
                user.id(),
                kind);
    }

    private long comments() {
        return count("select count(*) from comments where thread_id = $1", submission);
    }

    @Test
    void teamMentorsOfTheChallengeAndOrganizersReadAndWriteOthersGet404() {
        given(null);
        SubmissionScenario s = scenario;
        UUID artifact = notebook();
        Api.Reply first =
                write(
                                s.mentor,
                                Map.of(
                                        "body",
                                        "La celda une por **nombre** de distrito: mejor por ubigeo.",
                                        "artifactId",
                                        artifact.toString(),
                                        "cellId",
                                        CELL))
                        .expect(201);
        assertThat(first.<String>json("$.artifactId")).isEqualTo(artifact.toString());
        assertThat(first.<String>json("$.cellId")).isEqualTo(CELL);
        assertThat(first.<String>json("$.bodyHtml")).contains("<strong>nombre</strong>");
        assertThat(first.headers().getLocation().getPath())
                .isEqualTo("/api/v1/submissions/" + submission + "/comments/" + first.id());
        comment(s.captain, "Gracias, lo cambiamos.");
        comment(s.organizer, "Recuerden citar la fuente.");
        comment(s.admin, "Admins organize every event.");
        for (User reader : List.of(s.captain, s.member, s.mentor, s.organizer, s.admin)) {
            assertThat(
                            api.get(reader, COMMENTS, submission)
                                    .expect(200)
                                    .<List<String>>json("$[*].id"))
                    .hasSize(4)
                    .startsWith(first.id().toString());
        }
        for (User outsider : List.of(s.otherMentor, s.citizen, s.judge)) {
            api.get(outsider, COMMENTS, submission).problem(404, "not-found");
            write(outsider, Map.of("body", "hola")).problem(404, "not-found");
        }
        api.get(null, COMMENTS, submission).problem(401, "unauthorized");
        write(null, Map.of("body", "hola")).problem(401, "unauthorized");
        api.get(s.mentor, COMMENTS, UUID.randomUUID()).problem(404, "not-found");
        assertThat(comments()).isEqualTo(4);
        // only the comments anchored to the notebook
        assertThat(
                        api.get(s.member, COMMENTS + "?artifactId=" + artifact, submission)
                                .expect(200)
                                .<List<String>>json("$[*].id"))
                .containsExactly(first.id().toString());
        // the preview marks the cell the comment is anchored to
        String preview =
                web.get()
                        .uri("/api/v1/submissions/{s}/artifacts/{a}/preview", submission, artifact)
                        .headers(h -> h.setBearerAuth(s.member.token()))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(preview).contains("id=\"cell-" + CELL + "\"");
    }

    @Test
    void judgesReadMentorThreadsOnlyOnceJudgingOpensAndWhenTheEventAllowsAndNeverWrite() {
        given(Map.of("judgesSeeMentorThreads", true));
        SubmissionScenario s = scenario;
        comment(s.mentor, "Buen análisis.");
        api.get(s.judge, COMMENTS, submission).problem(404, "not-found");
        s.closeSubmission();
        assertThat(
                        api.get(s.judge, COMMENTS, submission)
                                .expect(200)
                                .<List<String>>json("$[*].body"))
                .containsExactly("Buen análisis.");
        write(s.judge, Map.of("body", "Los jueces no comentan")).problem(403, "forbidden");
        api.get(s.citizen, COMMENTS, submission).problem(404, "not-found");
        assertThat(comments()).isEqualTo(1);
    }

    @Test
    void judgesDoNotSeeMentorThreadsByDefaultEvenWhenJudging() {
        given(null);
        SubmissionScenario s = scenario;
        comment(s.mentor, "Buen análisis.");
        s.closeSubmission();
        // the judge reads the submission itself...
        api.get(s.judge, "/api/v1/submissions/{s}", submission).expect(200);
        // ...but not the mentors' thread
        api.get(s.judge, COMMENTS, submission).problem(404, "not-found");
    }

    @Test
    void commentOnTheSubmissionTellsTheTeamAndRepliesAndMentionsTellEachReaderOnce() {
        given(null);
        SubmissionScenario s = scenario;
        UUID mentorComment = comment(s.mentor, "¿Por qué excluyen 2020?");
        assertThat(notified(s.captain, "submission.comment")).isEqualTo(1);
        assertThat(notified(s.member, "submission.comment")).isEqualTo(1);
        assertThat(notified(s.mentor, "submission.comment")).isZero();
        Map<String, Object> reply = new HashMap<>();
        reply.put("body", "Por la pandemia. @mentor @organizer @member @citizen");
        reply.put("parentId", mentorComment.toString());
        reply.put(
                "mentions",
                List.of(
                        s.mentor.id().toString(),
                        s.organizer.id().toString(),
                        s.member.id().toString(),
                        s.citizen.id().toString(),
                        s.otherMentor.id().toString(),
                        UUID.randomUUID().toString()));
        Api.Reply written = write(s.captain, reply).expect(201);
        assertThat(written.<String>json("$.parentId")).isEqualTo(mentorComment.toString());
        // the mentor replied to hears it once, as a reply
        assertThat(notified(s.mentor, "comment.reply")).isEqualTo(1);
        assertThat(notified(s.mentor, "mention")).isZero();
        // readers mentioned hear it once, as a mention; the teammate not also as a team comment
        assertThat(notified(s.organizer, "mention")).isEqualTo(1);
        assertThat(notified(s.member, "mention")).isEqualTo(1);
        assertThat(notified(s.member, "submission.comment")).isEqualTo(1);
        // those who may not read the thread are dropped without a word
        assertThat(notified(s.citizen, "mention")).isZero();
        assertThat(notified(s.otherMentor, "mention")).isZero();
        assertThat(notified(s.captain, "comment.reply")).isZero();
        Map<String, Object> data =
                db.sql(
                                "select data from notifications where user_id = $1 and kind = 'comment.reply'")
                        .bind(0, s.mentor.id())
                        .map((row, meta) -> row.get(0, String.class))
                        .one()
                        .map(json -> Map.<String, Object>of("json", json))
                        .block();
        assertThat((String) data.get("json"))
                .contains(submission.toString())
                .contains(written.id().toString());
    }

    @Test
    void badInputGetsProblemsAndStoresNothing() {
        given(null);
        SubmissionScenario s = scenario;
        UUID csv =
                upload(
                        "DATA",
                        "casos.csv",
                        "ubigeo,casos\n150101,3\n".getBytes(StandardCharsets.UTF_8));
        UUID other = UUID.randomUUID();
        List<Map<String, Object>> bad =
                List.of(
                        Map.of("body", ""),
                        Map.of("body", "x".repeat(10001)),
                        Map.of("body", "celda", "cellId", CELL),
                        Map.of("body", "celda", "artifactId", other.toString()),
                        Map.of("body", "celda", "artifactId", csv.toString(), "cellId", CELL),
                        Map.of("body", "celda", "artifactId", csv.toString(), "cellId", "../x"),
                        Map.of("body", "hilo", "parentId", other.toString()));
        for (Map<String, Object> body : bad) {
            write(s.mentor, body).problem(400, "validation-failed");
        }
        write(s.mentor, Map.of("body", "id", "artifactId", "no-es-uuid"))
                .problem(400, "malformed-request");
        Api.Reply malformed =
                api.call(HttpMethod.POST, s.mentor, COMMENTS, "{\"body\": ", submission);
        assertThat(malformed.status()).isEqualTo(400);
        var wrongType =
                web.post()
                        .uri(COMMENTS, submission)
                        .headers(h -> h.setBearerAuth(s.mentor.token()))
                        .contentType(MediaType.TEXT_PLAIN)
                        .bodyValue("hola")
                        .exchange()
                        .expectStatus()
                        .isEqualTo(415)
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(wrongType).isNotNull();
        assertThat(comments()).isZero();
        assertThat(
                        count(
                                "select count(*) from notifications where kind = 'submission.comment'"
                                        + " and data->>'submissionId' = $1",
                                submission.toString()))
                .isZero();
    }

    @Test
    void authorsEditForFifteenMinutesAndAuthorsOrOrganizersDeleteLeavingAPlaceholder() {
        given(null);
        SubmissionScenario s = scenario;
        UUID id = comment(s.mentor, "Primera versión");
        String one = COMMENTS + "/{c}";
        Api.Reply edited =
                api.call(
                                HttpMethod.PATCH,
                                s.mentor,
                                one,
                                Map.of("body", "Segunda versión"),
                                submission,
                                id)
                        .expect(200);
        assertThat(edited.<Boolean>json("$.edited")).isTrue();
        assertThat(edited.<String>json("$.body")).isEqualTo("Segunda versión");
        api.call(HttpMethod.PATCH, s.captain, one, Map.of("body", "ajeno"), submission, id)
                .problem(403, "forbidden");
        api.call(HttpMethod.PATCH, s.mentor, one, Map.of("body", ""), submission, id)
                .problem(400, "validation-failed");
        api.call(HttpMethod.PATCH, s.citizen, one, Map.of("body", "x"), submission, id)
                .problem(404, "not-found");
        api.call(
                        HttpMethod.PATCH,
                        s.mentor,
                        one,
                        Map.of("body", "x"),
                        submission,
                        UUID.randomUUID())
                .problem(404, "not-found");
        db.sql("update comments set created_at = now() - interval '16 minutes' where id = $1")
                .bind(0, id)
                .then()
                .block();
        api.call(HttpMethod.PATCH, s.mentor, one, Map.of("body", "Tarde"), submission, id)
                .problem(409, "edit-window-closed");
        UUID teamComment = comment(s.member, "Nota del equipo");
        api.delete(s.captain, one, submission, teamComment).problem(403, "forbidden");
        api.delete(null, one, submission, teamComment).problem(401, "unauthorized");
        api.delete(s.citizen, one, submission, teamComment).problem(404, "not-found");
        api.delete(s.organizer, one, submission, teamComment).expect(204);
        api.delete(s.mentor, one, submission, id).expect(204);
        List<Map<String, Object>> thread =
                api.get(s.captain, COMMENTS, submission).expect(200).json("$");
        assertThat(thread).hasSize(2);
        assertThat(thread)
                .allSatisfy(
                        c -> {
                            assertThat(c.get("deleted")).isEqualTo(true);
                            assertThat(c.get("body")).isNull();
                            assertThat(c.get("bodyHtml")).isNull();
                        });
        api.call(HttpMethod.PATCH, s.mentor, one, Map.of("body", "revive"), submission, id)
                .problem(404, "not-found");
    }
}
