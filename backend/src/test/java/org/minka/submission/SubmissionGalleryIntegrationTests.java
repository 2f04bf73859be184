package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The public gallery of submitted work: 404 until public, then readable by anyone, paged. */
class SubmissionGalleryIntegrationTests extends IntegrationTest {

    private static final String PROBLEM = "https://minka.dev/problems/";
    private static final String GALLERY = "/api/v1/events/{e}/gallery/submissions";

    private WebTestClient.ResponseSpec gallery(User user, String uri, Object... vars) {
        var spec = web.get().uri(uri, vars);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        return spec.exchange();
    }

    private Map<?, ?> page(User user, String uri, Object... vars) {
        return gallery(user, uri, vars)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private void submit(UUID submission, User user) {
        web.post()
                .uri("/api/v1/submissions/{id}/submit", submission)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private void retitle(UUID submission, User user, String title) {
        web.patch()
                .uri("/api/v1/submissions/{id}", submission)
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", title))
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static List<?> items(Map<?, ?> page) {
        return (List<?>) page.get("items");
    }

    private static Object field(Object item, String name) {
        return ((Map<?, ?>) item).get(name);
    }

    @Test
    void listWhenGalleryPublicThenLatestSubmittedVersionsPagedAndFilteredForAnyone() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID first = s.submission();
        Uploads.upload(
                        web,
                        first,
                        s.captain,
                        "DATA",
                        "extracto.csv",
                        "distrito,dosis\nMiraflores,10\n".getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isCreated();
        submit(first, s.captain);
        retitle(first, s.member, "Brechas por distrito, segunda versión");
        submit(first, s.member);
        retitle(first, s.member, "Borrador que nadie ve");

        User otherCaptain = fixtures.user("other-captain");
        UUID second = s.otherTeamSubmission(otherCaptain, s.otherChallenge);
        submit(second, otherCaptain);
        User draftCaptain = fixtures.user("draft-captain");
        s.otherTeamSubmission(draftCaptain, s.challenge);

        for (User caller :
                new User[] {null, s.citizen, s.captain, s.organizer, s.mentor, s.judge, s.admin}) {
            gallery(caller, GALLERY, s.event)
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEM + "not-found");
        }

        s.closeSubmissionBeforeJudging();
        Map<?, ?> all = page(null, GALLERY, s.event);
        assertThat(items(all)).hasSize(2);
        assertThat(all.get("nextCursor")).isNull();
        Object shown = items(all).get(0);
        assertThat(field(shown, "submissionId")).isEqualTo(first.toString());
        assertThat(field(shown, "teamId")).isEqualTo(s.team.toString());
        assertThat(field(shown, "challengeId")).isEqualTo(s.challenge.toString());
        assertThat(field(shown, "number")).isEqualTo(2);
        assertThat(field(shown, "title")).isEqualTo("Brechas por distrito, segunda versión");
        assertThat(field(shown, "licence")).isEqualTo("CC-BY-4.0");
        assertThat((List<?>) field(shown, "artifacts")).hasSize(1);
        assertThat(field(((List<?>) field(shown, "artifacts")).get(0), "filename"))
                .isEqualTo("extracto.csv");
        assertThat(field(items(all).get(1), "submissionId")).isEqualTo(second.toString());
        assertThat(field(items(all).get(1), "number")).isEqualTo(1);
        assertThat((List<?>) field(items(all).get(1), "artifacts")).isEmpty();

        for (User caller :
                new User[] {s.citizen, s.captain, s.organizer, s.mentor, s.judge, s.admin}) {
            assertThat(items(page(caller, GALLERY, s.event))).hasSize(2);
        }

        Map<?, ?> filtered = page(null, GALLERY + "?challengeId={c}", s.event, s.otherChallenge);
        assertThat(items(filtered)).hasSize(1);
        assertThat(field(items(filtered).get(0), "submissionId")).isEqualTo(second.toString());
        assertThat(items(page(null, GALLERY + "?challengeId={c}", s.event, UUID.randomUUID())))
                .isEmpty();

        List<Object> seen = new ArrayList<>();
        Map<?, ?> one = page(null, GALLERY + "?limit=1", s.event);
        assertThat(items(one)).hasSize(1);
        seen.add(field(items(one).get(0), "submissionId"));
        String cursor = (String) one.get("nextCursor");
        assertThat(cursor).isNotBlank();
        Map<?, ?> next = page(null, GALLERY + "?limit=1&cursor={c}", s.event, cursor);
        assertThat(items(next)).hasSize(1);
        seen.add(field(items(next).get(0), "submissionId"));
        assertThat(next.get("nextCursor")).isNull();
        assertThat(seen).containsExactly(first.toString(), second.toString());
    }

    @Test
    void listWhenBadInputThenProblem() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        s.closeSubmissionBeforeJudging();
        gallery(null, GALLERY + "?limit=0", s.event)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "validation-failed");
        gallery(null, GALLERY + "?limit=101", s.event).expectStatus().isBadRequest();
        gallery(null, GALLERY + "?cursor=not-a-cursor", s.event)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "invalid-cursor");
        gallery(null, GALLERY + "?challengeId=not-a-uuid", s.event)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get()
                .uri("/api/v1/events/not-a-uuid/gallery/submissions")
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.get()
                .uri(GALLERY, s.event)
                .headers(h -> h.setBearerAuth("not-a-token"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        gallery(null, GALLERY, UUID.randomUUID()).expectStatus().isNotFound();
        assertThat(items(page(null, GALLERY, s.event))).isEmpty();
    }

    @Test
    void listWhenEventKeepsItsGalleryPrivateThenNotFoundForEveryoneEvenAfterSubmission() {
        SubmissionScenario s =
                new SubmissionScenario(web, db, fixtures, Map.of("galleryPublic", false));
        UUID id = s.submission();
        submit(id, s.captain);
        s.closeSubmission();
        for (User caller : new User[] {null, s.citizen, s.captain, s.organizer, s.judge}) {
            gallery(caller, GALLERY, s.event).expectStatus().isNotFound();
        }
    }
}
