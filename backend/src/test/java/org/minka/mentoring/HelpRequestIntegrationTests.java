package org.minka.mentoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Help requests: who sees the queue, one claim wins, the thread, resolve and reopen, stats. */
class HelpRequestIntegrationTests extends IntegrationTest {

    private static final String BASE = "/api/v1/events/{e}/help-requests";

    private Api api;
    private User admin;
    private UUID event;
    private UUID c1;
    private UUID c2;
    private User mentorOfC1;
    private User mentorOfC2;
    private User mentorOfAll;
    private User captain;
    private User member;
    private UUID team;

    private User mentor(List<UUID> challenges) {
        User mentor = fixtures.user("mentor");
        api.post(
                        admin,
                        "/api/v1/events/{e}/memberships",
                        Map.of(
                                "userId", mentor.id().toString(),
                                "role", "MENTOR",
                                "challengeIds", challenges.stream().map(UUID::toString).toList()),
                        event)
                .expect(201);
        return mentor;
    }

    @BeforeEach
    void setUpEvent() {
        api = new Api(web, fixtures);
        admin = fixtures.admin();
        event = api.event(admin, Map.of("teamSizeMax", 5));
        c1 = fixtures.challenge(event, admin, "Dengue");
        c2 = fixtures.challenge(event, admin, "Aire");
        mentorOfC1 = mentor(List.of(c1));
        mentorOfC2 = mentor(List.of(c2));
        mentorOfAll = mentor(List.of());
        captain = api.registered(event);
        Api.Reply created = api.team(event, captain);
        team = created.id();
        member = api.registered(event);
        api.join(event, member, created.json("$.joinCode"));
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        Map.of("challengeId", c1.toString()),
                        event,
                        team)
                .expect(200);
    }

    private UUID open(User by) {
        return api.post(
                        by,
                        BASE,
                        Map.of(
                                "teamId",
                                team.toString(),
                                "challengeId",
                                c1.toString(),
                                "topic",
                                "Ubigeo",
                                "text",
                                "¿Qué ubigeo usa el dataset?"),
                        event)
                .expect(201)
                .id();
    }

    private long notified(User user, String kind) {
        return count(
                "select count(*) from notifications where user_id = $1 and kind = $2",
                user.id(),
                kind);
    }

    @Test
    void queueShownToMentorsOfThatChallengeOrganizersAndTheTeamOnly() {
        UUID request = open(member);
        List<String> ids = List.of(request.toString());
        assertThat(api.get(mentorOfC1, BASE, event).expect(200).<List<String>>json("$.items[*].id"))
                .isEqualTo(ids);
        assertThat(
                        api.get(mentorOfAll, BASE + "?status=OPEN", event)
                                .expect(200)
                                .<List<String>>json("$.items[*].id"))
                .isEqualTo(ids);
        assertThat(api.get(mentorOfC2, BASE, event).expect(200).<List<Object>>json("$.items"))
                .isEmpty();
        assertThat(
                        api.get(admin, BASE + "?challengeId=" + c1, event)
                                .expect(200)
                                .<List<String>>json("$.items[*].id"))
                .isEqualTo(ids);
        assertThat(
                        api.get(captain, BASE + "?teamId=" + team, event)
                                .expect(200)
                                .<List<String>>json("$.items[*].id"))
                .isEqualTo(ids);
        User outsider = api.registered(event);
        api.get(outsider, BASE, event).problem(403, "forbidden");
        api.get(outsider, BASE + "?teamId=" + team, event).problem(403, "forbidden");
        api.get(null, BASE, event).problem(401, "unauthorized");

        api.get(mentorOfC1, BASE + "/{r}", event, request).expect(200);
        api.get(member, BASE + "/{r}", event, request).expect(200);
        api.get(mentorOfC2, BASE + "/{r}", event, request).problem(404, "not-found");
        api.get(outsider, BASE + "/{r}", event, request).problem(404, "not-found");
        api.get(fixtures.user("x"), BASE + "/{r}", UUID.randomUUID(), request)
                .problem(404, "not-found");
    }

    @Test
    void queueWhenLongerThanAPageThenCursorPagesReachEveryRequestOnce() {
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(open(i % 2 == 0 ? member : captain).toString());
        }
        for (User reader : List.of(admin, mentorOfC1, mentorOfAll, captain)) {
            String query = reader == captain ? "?teamId=" + team + "&limit=2" : "?limit=2";
            List<String> seen = new ArrayList<>();
            int pages = 0;
            String cursor = null;
            do {
                String uri = BASE + query + (cursor == null ? "" : "&cursor=" + cursor);
                Api.Reply page = api.get(reader, uri, event).expect(200);
                List<String> ids = page.json("$.items[*].id");
                assertThat(ids).hasSizeLessThanOrEqualTo(2);
                seen.addAll(ids);
                cursor = page.json("$.nextCursor");
                if (cursor != null) {
                    assertThat(page.headers().getFirst("Link")).contains("rel=\"next\"");
                }
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(seen).as("pages for %s", reader.id()).isEqualTo(opened);
            assertThat(pages).isEqualTo(3);
        }
        assertThat(
                        api.get(mentorOfC2, BASE + "?limit=2", event)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .isEmpty();
        api.get(admin, BASE + "?limit=0", event).problem(400, "validation-failed");
        api.get(admin, BASE + "?limit=101", event).problem(400, "validation-failed");
        api.get(admin, BASE + "?cursor=not-a-cursor", event).problem(400, "invalid-cursor");
    }

    @Test
    void openWhenBadInputThenProblemAndNothingStored() {
        User outsider = api.registered(event);
        Map<String, Object> body =
                Map.of(
                        "teamId",
                        team.toString(),
                        "challengeId",
                        c1.toString(),
                        "topic",
                        "T",
                        "text",
                        "x");
        api.post(outsider, BASE, body, event).problem(400, "validation-failed");
        api.post(
                        member,
                        BASE,
                        Map.of(
                                "teamId",
                                team.toString(),
                                "challengeId",
                                c2.toString(),
                                "topic",
                                "T",
                                "text",
                                "x"),
                        event)
                .problem(422, "challenge-not-entered");
        api.post(
                        member,
                        BASE,
                        Map.of(
                                "teamId",
                                team.toString(),
                                "challengeId",
                                c1.toString(),
                                "topic",
                                " ",
                                "text",
                                "x"),
                        event)
                .problem(400, "validation-failed");
        api.post(
                        member,
                        BASE,
                        Map.of(
                                "teamId",
                                team.toString(),
                                "challengeId",
                                c1.toString(),
                                "topic",
                                "x".repeat(121),
                                "text",
                                "x"),
                        event)
                .problem(400, "validation-failed");
        api.post(null, BASE, body, event).problem(401, "unauthorized");
        web.post()
                .uri(BASE, event)
                .headers(h -> h.setBearerAuth(member.token()))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("help")
                .exchange()
                .expectStatus()
                .isEqualTo(415);
        api.get(admin, BASE + "?status=LOST", event).problem(400, "validation-failed");
        api.get(admin, BASE + "/not-a-uuid", event).problem(400, "malformed-request");
        assertThat(count("select count(*) from help_requests where event_id = $1", event)).isZero();
    }

    @Test
    void claimWhenTenMentorsRaceThenExactlyOneWins() {
        int rounds = Integer.getInteger("minka.race.rounds", 1);
        for (int round = 1; round <= rounds; round++) {
            UUID request = open(member);
            api.post(captain, BASE + "/{r}/claim", null, event, request).problem(403, "forbidden");
            api.post(mentorOfC2, BASE + "/{r}/claim", null, event, request)
                    .problem(404, "not-found");
            List<User> mentors = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                mentors.add(mentor(List.of(c1)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(mentors.size());
            try {
                List<CompletableFuture<Integer>> running =
                        mentors.stream()
                                .map(
                                        m ->
                                                CompletableFuture.supplyAsync(
                                                        () ->
                                                                api.post(
                                                                                m,
                                                                                BASE + "/{r}/claim",
                                                                                null,
                                                                                event,
                                                                                request)
                                                                        .status(),
                                                        pool))
                                .toList();
                List<Integer> statuses = running.stream().map(CompletableFuture::join).toList();
                assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == 409).hasSize(9);
            } finally {
                pool.shutdown();
            }
            assertThat(
                            count(
                                    "select count(*) from help_requests where id = $1 and status = 'CLAIMED'",
                                    request))
                    .isEqualTo(1);
            assertThat(notified(member, "help.claimed")).isEqualTo(round);
            assertThat(notified(captain, "help.claimed")).isEqualTo(round);
            api.post(mentorOfC1, BASE + "/{r}/claim", null, event, request)
                    .problem(409, "already-claimed");
        }
    }

    @Test
    void threadRepliesEditsAndSoftDeletesWithNotifications() {
        UUID request = open(member);
        api.post(mentorOfC1, BASE + "/{r}/claim", null, event, request).expect(200);
        String comments = BASE + "/{r}/comments";
        UUID question =
                api.post(member, comments, Map.of("body", "¿Alguien?"), event, request)
                        .expect(201)
                        .id();
        assertThat(notified(mentorOfC1, "help.comment")).isEqualTo(1);
        UUID answer =
                api.post(
                                mentorOfC1,
                                comments,
                                Map.of(
                                        "body",
                                        "Usa el ubigeo INEI",
                                        "parentId",
                                        question.toString()),
                                event,
                                request)
                        .expect(201)
                        .id();
        // the member replied to hears it once, as a reply; the rest of the team as an answer
        assertThat(notified(member, "comment.reply")).isEqualTo(1);
        assertThat(notified(member, "help.answered")).isZero();
        assertThat(notified(captain, "help.answered")).isEqualTo(1);
        api.post(api.registered(event), comments, Map.of("body", "hola"), event, request)
                .problem(404, "not-found");
        api.post(
                        member,
                        comments,
                        Map.of("body", "x", "parentId", UUID.randomUUID().toString()),
                        event,
                        request)
                .problem(400, "validation-failed");
        api.post(member, comments, Map.of("body", " "), event, request)
                .problem(400, "validation-failed");

        String one = comments + "/{c}";
        Api.Reply edited =
                api.call(
                                HttpMethod.PATCH,
                                mentorOfC1,
                                one,
                                Map.of("body", "Usa el ubigeo INEI de 6 dígitos"),
                                event,
                                request,
                                answer)
                        .expect(200);
        assertThat(edited.<Boolean>json("$.edited")).isTrue();
        api.call(HttpMethod.PATCH, member, one, Map.of("body", "hack"), event, request, answer)
                .problem(403, "forbidden");
        db.sql("update comments set created_at = now() - interval '16 minutes' where id = :id")
                .bind("id", question)
                .then()
                .block();
        api.call(HttpMethod.PATCH, member, one, Map.of("body", "tarde"), event, request, question)
                .problem(409, "edit-window-closed");

        api.delete(mentorOfC1, one, event, request, question).problem(403, "forbidden");
        api.delete(admin, one, event, request, question).expect(204);
        Api.Reply hostile =
                api.post(
                                member,
                                comments,
                                Map.of("body", "**ojo** <script>alert(1)</script>"),
                                event,
                                request)
                        .expect(201);
        assertThat(hostile.<String>json("$.body")).contains("<script>");
        assertThat(hostile.<String>json("$.bodyHtml"))
                .contains("<strong>ojo</strong>")
                .doesNotContain("<script");
        api.delete(member, one, event, request, hostile.id()).expect(204);
        Api.Reply thread = api.get(captain, comments, event, request).expect(200);
        assertThat(thread.<List<Boolean>>json("$[*].deleted")).containsExactly(true, false, true);
        assertThat(thread.<Object>json("$[0].body")).isNull();
        assertThat(thread.<String>json("$[1].parentId")).isEqualTo(question.toString());
        api.get(mentorOfC2, comments, event, request).problem(404, "not-found");
    }

    @Test
    void resolveAndReopenThenStatsForOrganizers() {
        UUID request = open(member);
        api.post(mentorOfC1, BASE + "/{r}/claim", null, event, request).expect(200);
        api.post(mentorOfAll, BASE + "/{r}/resolve", null, event, request)
                .problem(403, "forbidden");
        api.post(mentorOfC2, BASE + "/{r}/resolve", null, event, request).problem(404, "not-found");
        assertThat(
                        api.post(member, BASE + "/{r}/resolve", null, event, request)
                                .expect(200)
                                .<String>json("$.status"))
                .isEqualTo("RESOLVED");
        api.post(member, BASE + "/{r}/resolve", null, event, request)
                .problem(409, "no-longer-pending");
        api.post(mentorOfC1, BASE + "/{r}/reopen", null, event, request).problem(403, "forbidden");
        assertThat(
                        api.post(captain, BASE + "/{r}/reopen", null, event, request)
                                .expect(200)
                                .<String>json("$.status"))
                .isEqualTo("CLAIMED");
        open(captain);

        Api.Reply stats = api.get(admin, BASE + "/stats", event).expect(200);
        assertThat(stats.<Integer>json("$.open")).isEqualTo(1);
        assertThat(stats.<Integer>json("$.claimed")).isEqualTo(1);
        assertThat(stats.<Object>json("$.oldestOpenSeconds")).isNotNull();
        assertThat(stats.<List<String>>json("$.mentors[*].mentorId"))
                .containsExactly(mentorOfC1.id().toString());
        assertThat(stats.<List<Integer>>json("$.mentors[*].inProgress")).containsExactly(1);
        api.get(mentorOfC1, BASE + "/stats", event).problem(403, "forbidden");
        api.get(null, BASE + "/stats", event).problem(401, "unauthorized");
    }

    @Test
    void mentionsReachOnlyThoseWhoMayReadTheThread() {
        UUID request = open(member);
        User outsider = api.registered(event);
        api.post(
                        member,
                        BASE + "/{r}/comments",
                        Map.of(
                                "body",
                                "@mentores ¿alguien?",
                                "mentions",
                                List.of(
                                        mentorOfC1.id().toString(),
                                        mentorOfAll.id().toString(),
                                        mentorOfC2.id().toString(),
                                        outsider.id().toString(),
                                        UUID.randomUUID().toString(),
                                        captain.id().toString())),
                        event,
                        request)
                .expect(201);
        assertThat(notified(mentorOfC1, "mention")).isEqualTo(1);
        assertThat(notified(mentorOfAll, "mention")).isEqualTo(1);
        assertThat(notified(captain, "mention")).isEqualTo(1);
        assertThat(notified(mentorOfC2, "mention")).isZero();
        assertThat(notified(outsider, "mention")).isZero();
        assertThat(notified(member, "mention")).isZero();
    }
}
