package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Issue 12, item 10: an event's audit log for its organizers, paged and filtered. */
class EventAuditLogIntegrationTests extends IntegrationTest {

    private WebTestClient.ResponseSpec get(User user, String uri, Object... vars) {
        return web.get()
                .uri(uri, vars)
                .headers(
                        h -> {
                            if (user != null) {
                                h.setBearerAuth(user.token());
                            }
                        })
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(User user, String uri, Object... vars) {
        Map<String, Object> page =
                get(user, uri, vars)
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    @Test
    void listWhenOrganizerThenNewestFirstPagedAndFilteredByKind() {
        User admin = fixtures.admin();
        User organizer = fixtures.user("organizer");
        User mentor = fixtures.user("mentor");
        UUID event = fixtures.event(admin, false);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        fixtures.addMember(event, organizer, mentor, "MENTOR");

        List<Map<String, Object>> all = items(organizer, "/api/v1/events/{e}/audit-log", event);
        assertThat(all)
                .extracting(e -> e.get("action"))
                .containsExactly("membership.granted", "membership.granted", "event.created");
        assertThat(all.get(0).get("actorId")).isEqualTo(organizer.id().toString());
        assertThat(all.get(0).get("details").toString()).contains("role=MENTOR");

        assertThat(items(organizer, "/api/v1/events/{e}/audit-log?kind=event", event))
                .extracting(e -> e.get("action"))
                .containsExactly("event.created");

        Map<?, ?> first =
                get(organizer, "/api/v1/events/{e}/audit-log?limit=2", event)
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .exists(HttpHeaders.LINK)
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        assertThat((List<?>) first.get("items")).hasSize(2);
        List<Map<String, Object>> rest =
                items(
                        organizer,
                        "/api/v1/events/{e}/audit-log?limit=2&cursor={c}",
                        event,
                        first.get("nextCursor"));
        assertThat(rest).extracting(e -> e.get("action")).containsExactly("event.created");
    }

    @Test
    void listWhenTimeRangeThenOnlyEntriesInIt() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        Instant created =
                Instant.parse(
                        (String)
                                items(admin, "/api/v1/events/{e}/audit-log", event)
                                        .get(0)
                                        .get("at"));
        assertThat(
                        items(
                                admin,
                                "/api/v1/events/{e}/audit-log?from={f}&to={t}",
                                event,
                                created.toString(),
                                created.plusSeconds(1).toString()))
                .hasSize(1);
        assertThat(
                        items(
                                admin,
                                "/api/v1/events/{e}/audit-log?from={f}",
                                event,
                                created.plusSeconds(1).toString()))
                .isEmpty();
    }

    @Test
    void listWhenNotOrganizerThenForbiddenOrNotFoundAndAnonymousUnauthorized() {
        User admin = fixtures.admin();
        User mentor = fixtures.user("mentor");
        User judge = fixtures.user("judge");
        User citizen = fixtures.user("citizen");
        UUID hidden = fixtures.event(admin, false);
        fixtures.addMember(hidden, admin, mentor, "MENTOR");
        fixtures.addMember(hidden, admin, judge, "JUDGE");
        UUID published = fixtures.event(admin, true);

        problem(get(mentor, "/api/v1/events/{e}/audit-log", hidden), 403, "forbidden");
        problem(get(judge, "/api/v1/events/{e}/audit-log", hidden), 403, "forbidden");
        problem(get(citizen, "/api/v1/events/{e}/audit-log", hidden), 404, "not-found");
        problem(get(citizen, "/api/v1/events/{e}/audit-log", published), 403, "forbidden");
        problem(get(null, "/api/v1/events/{e}/audit-log", published), 401, "unauthorized")
                .expectHeader()
                .exists(HttpHeaders.WWW_AUTHENTICATE);
    }

    @Test
    void listWhenBadInputThenProblem() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        String uri = "/api/v1/events/{e}/audit-log";
        problem(get(admin, uri + "?kind=teapot", event), 400, "validation-failed");
        problem(
                get(
                        admin,
                        uri + "?from={f}&to={t}",
                        event,
                        "2026-12-01T00:00:00Z",
                        "2026-11-01T00:00:00Z"),
                400,
                "validation-failed");
        problem(get(admin, uri + "?from=yesterday", event), 400, "malformed-request");
        problem(get(admin, uri + "?cursor=bm9wZQ", event), 400, "invalid-cursor");
        problem(get(admin, uri + "?limit=0", event), 400, "validation-failed");
    }

    private WebTestClient.ResponseSpec problem(
            WebTestClient.ResponseSpec response, int status, String type) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/" + type)
                .jsonPath("$.requestId")
                .exists();
        return response;
    }
}
