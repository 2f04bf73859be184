package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/** A submission's version history as a list: who reads it, and its cursor pages. */
class SubmissionVersionHistoryIntegrationTests extends IntegrationTest {

    private static final String PROBLEM = "https://minka.dev/problems/";
    private static final String HISTORY = "/api/v1/submissions/{s}/versions";

    private EntityExchangeResult<Map> get(User user, String uri, Object... vars) {
        var spec = web.get().uri(uri, vars);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        return spec.exchange().expectBody(Map.class).returnResult();
    }

    private void submit(UUID submission, User user) {
        web.post()
                .uri("/api/v1/submissions/{id}/submit", submission)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static List<Object> numbers(Map<?, ?> page) {
        return ((List<?>) page.get("items"))
                .stream().<Object>map(i -> ((Map<?, ?>) i).get("number")).toList();
    }

    private void expect(User user, UUID submission, int status, String slug) {
        EntityExchangeResult<Map> r = get(user, HISTORY, submission);
        String who = user == null ? "anonymous" : user.id().toString();
        assertThat(r.getStatus().value()).as(who).isEqualTo(status);
        if (slug != null) {
            assertThat(r.getResponseHeaders().getContentType())
                    .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(r.getResponseBody().get("type")).as(who).isEqualTo(PROBLEM + slug);
        }
        if (status == 401) {
            assertThat(r.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                    .isEqualTo("Bearer");
        }
    }

    @Test
    void listWhenSeveralVersionsThenNewestFirstInCursorPages() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID submission = s.submission();
        assertThat(numbers(get(s.captain, HISTORY, submission).getResponseBody())).isEmpty();
        for (int i = 0; i < 5; i++) {
            submit(submission, i % 2 == 0 ? s.captain : s.member);
        }

        List<Object> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = HISTORY + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            EntityExchangeResult<Map> r = get(s.organizer, uri, submission);
            assertThat(r.getStatus().value()).isEqualTo(200);
            Map<?, ?> page = r.getResponseBody();
            seen.addAll(numbers(page));
            cursor = (String) page.get("nextCursor");
            if (cursor != null) {
                assertThat(r.getResponseHeaders().getFirst(HttpHeaders.LINK))
                        .contains("rel=\"next\"");
            }
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly(5, 4, 3, 2, 1);
        assertThat(pages).isEqualTo(3);

        Map<?, ?> first =
                (Map<?, ?>)
                        ((List<?>)
                                        get(s.member, HISTORY, submission)
                                                .getResponseBody()
                                                .get("items"))
                                .get(0);
        assertThat(first.get("submittedAt")).isNotNull();
        expect(s.captain, UUID.randomUUID(), 404, "not-found");
        assertThat(get(s.captain, HISTORY + "?limit=0", submission).getStatus().value())
                .isEqualTo(400);
        assertThat(get(s.captain, HISTORY + "?cursor=nonsense", submission).getResponseBody())
                .containsEntry("type", PROBLEM + "invalid-cursor");
    }

    @Test
    void listWhenGalleryPrivateThenTeamMentorOrganizerAndJudgeFromJudgingOnly() {
        SubmissionScenario s =
                new SubmissionScenario(web, db, fixtures, Map.of("galleryPublic", false));
        UUID submission = s.submission();
        submit(submission, s.captain);

        for (User reader : List.of(s.captain, s.member, s.mentor, s.organizer, s.admin)) {
            expect(reader, submission, 200, null);
        }
        expect(s.judge, submission, 403, "forbidden");
        expect(s.otherMentor, submission, 403, "forbidden");
        expect(s.citizen, submission, 403, "forbidden");
        expect(null, submission, 401, "unauthorized");

        s.closeSubmissionBeforeJudging();
        expect(s.judge, submission, 403, "forbidden");
        expect(null, submission, 401, "unauthorized");

        s.closeSubmission();
        expect(s.judge, submission, 200, null);
        assertThat(numbers(get(s.judge, HISTORY, submission).getResponseBody())).containsExactly(1);
        expect(s.citizen, submission, 403, "forbidden");
        expect(null, submission, 401, "unauthorized");
    }

    @Test
    void listWhenGalleryPublicAndSubmissionClosedThenAnyoneReadsIt() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID submission = s.submission();
        submit(submission, s.captain);
        expect(s.citizen, submission, 403, "forbidden");
        expect(null, submission, 401, "unauthorized");

        s.closeSubmissionBeforeJudging();
        for (User reader : new User[] {null, s.citizen, s.otherMentor, s.judge, s.captain}) {
            expect(reader, submission, 200, null);
        }
        assertThat(numbers(get(null, HISTORY, submission).getResponseBody())).containsExactly(1);
    }
}
