package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

class SubmissionIntegrationTests extends IntegrationTest {

    private static final String PROBLEM = "https://minka.dev/problems/";

    private SubmissionScenario scenario() {
        return new SubmissionScenario(web, db, fixtures, null);
    }

    private WebTestClient.ResponseSpec create(SubmissionScenario s, User user, Object body) {
        var spec = web.post().uri("/api/v1/events/{e}/submissions", s.event);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec get(UUID submission, User user) {
        var spec = web.get().uri("/api/v1/submissions/{id}", submission);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        return spec.exchange();
    }

    private WebTestClient.ResponseSpec submit(UUID submission, User user) {
        return web.post()
                .uri("/api/v1/submissions/{id}/submit", submission)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange();
    }

    private long submissions(SubmissionScenario s) {
        return count("select count(*) from submissions where event_id = $1", s.event);
    }

    @Test
    void createWhenMemberAndOpenThenCreatedOnceAndReadable() {
        SubmissionScenario s = scenario();
        create(s, s.member, SubmissionScenario.submissionBody(s.team, s.challenge))
                .expectStatus()
                .isCreated()
                .expectHeader()
                .exists("ETag")
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Brechas de vacunación por distrito")
                .jsonPath("$.licence")
                .isEqualTo("CC-BY-4.0")
                .jsonPath("$.datasets.length()")
                .isEqualTo(2)
                .jsonPath("$.links.repository")
                .isEqualTo("https://github.com/equipo/vacunas")
                .jsonPath("$.latestVersion")
                .isEqualTo(0);
        create(s, s.captain, SubmissionScenario.submissionBody(s.team, s.challenge))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "submission-exists");
        assertThat(submissions(s)).isEqualTo(1);
    }

    @Test
    void createWhenBadInputThenProblemAndNothingStored() {
        SubmissionScenario s = scenario();
        Map<String, Object> notEntered =
                SubmissionScenario.submissionBody(s.team, s.otherChallenge);
        create(s, s.captain, notEntered)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "challenge-not-entered");
        Map<String, Object> noOfficialDataset =
                new HashMap<>(SubmissionScenario.submissionBody(s.team, s.challenge));
        noOfficialDataset.put("datasets", List.of(Map.of("url", "https://data.example.org/x.csv")));
        create(s, s.captain, noOfficialDataset)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "challenge-dataset-required");
        Map<String, Object> badLicence =
                new HashMap<>(SubmissionScenario.submissionBody(s.team, s.challenge));
        badLicence.put("licence", "All rights reserved");
        create(s, s.captain, badLicence)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "unknown-licence");
        Map<String, Object> badLink =
                new HashMap<>(SubmissionScenario.submissionBody(s.team, s.challenge));
        badLink.put("links", Map.of("repository", "javascript:alert(1)"));
        create(s, s.captain, badLink)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("links.repository");
        Map<String, Object> noDatasets =
                new HashMap<>(SubmissionScenario.submissionBody(s.team, s.challenge));
        noDatasets.put("datasets", List.of());
        create(s, s.captain, noDatasets).expectStatus().isBadRequest();
        assertThat(submissions(s)).isZero();
    }

    @Test
    void createWhenNotOnTheTeamThenForbiddenOrUnauthorized() {
        SubmissionScenario s = scenario();
        Map<String, Object> body = SubmissionScenario.submissionBody(s.team, s.challenge);
        create(s, null, body).expectStatus().isUnauthorized();
        for (User outsider : List.of(s.citizen, s.organizer, s.mentor, s.judge, s.admin)) {
            create(s, outsider, body)
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(submissions(s)).isZero();
    }

    @Test
    void createWhenSubmissionNotOpenThenPhaseClosedAndNothingStored() {
        SubmissionScenario s = scenario();
        s.closeSubmission();
        create(s, s.captain, SubmissionScenario.submissionBody(s.team, s.challenge))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "phase-closed");
        assertThat(submissions(s)).isZero();
    }

    @Test
    void updateWhenOpenThenSavedAndStaleIfMatchRefused() {
        SubmissionScenario s = scenario();
        UUID id = s.submission();
        String etag =
                get(id, s.member)
                        .expectStatus()
                        .isOk()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getETag();
        web.patch()
                .uri("/api/v1/submissions/{id}", id)
                .headers(h -> h.setBearerAuth(s.member.token()))
                .header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Nuevo título", "licence", "MIT"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Nuevo título")
                .jsonPath("$.licence")
                .isEqualTo("MIT")
                .jsonPath("$.summary")
                .isEqualTo("Cruzamos la **vacunación** con el padrón.");
        web.patch()
                .uri("/api/v1/submissions/{id}", id)
                .headers(h -> h.setBearerAuth(s.member.token()))
                .header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Otro"))
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        for (User outsider : List.of(s.organizer, s.mentor, s.citizen)) {
            web.patch()
                    .uri("/api/v1/submissions/{id}", id)
                    .headers(h -> h.setBearerAuth(outsider.token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("title", "Hackeado"))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        s.closeSubmission();
        web.patch()
                .uri("/api/v1/submissions/{id}", id)
                .headers(h -> h.setBearerAuth(s.member.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Tarde"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        assertThat(
                        count(
                                "select count(*) from submissions where id = $1 and title = 'Nuevo título'",
                                id))
                .isEqualTo(1);
    }

    @Autowired org.minka.event.EventAccess events;

    /** A fact of the event kept on this instance, named by this test's own key type. */
    private record Kept(String name) {}

    private Integer kept(UUID event, int load) {
        return events.remembered(event, new Kept("counted"), () -> Mono.just(load)).block();
    }

    @Test
    void submitWhenTheEventsFactsAreKeptThenEveryInstanceForgetsThem() {
        // voting keeps counted versions with the event's facts; a submit changes one
        SubmissionScenario s = scenario();
        UUID id = s.submission();
        assertThat(kept(s.event, 1)).isEqualTo(1);
        assertThat(kept(s.event, 2)).as("kept, not loaded again").isEqualTo(1);

        submit(id, s.captain).expectStatus().isCreated();
        org.minka.event.EventFactsSync.await(db);

        assertThat(kept(s.event, 3)).as("forgotten by the submit").isEqualTo(3);
    }

    @Test
    void submitTwiceThenImmutableNumberedVersionsAndTheLatestCounts() {
        SubmissionScenario s = scenario();
        UUID id = s.submission();
        submit(id, s.captain)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.number")
                .isEqualTo(1)
                .jsonPath("$.counts")
                .isEqualTo(true);
        web.patch()
                .uri("/api/v1/submissions/{id}", id)
                .headers(h -> h.setBearerAuth(s.member.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Versión dos"))
                .exchange()
                .expectStatus()
                .isOk();
        submit(id, s.member)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.number")
                .isEqualTo(2)
                .jsonPath("$.title")
                .isEqualTo("Versión dos");
        web.get()
                .uri("/api/v1/submissions/{id}/versions/1", id)
                .headers(h -> h.setBearerAuth(s.organizer.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Brechas de vacunación por distrito")
                .jsonPath("$.counts")
                .isEqualTo(false);
        get(id, s.captain)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latestVersion")
                .isEqualTo(2)
                .jsonPath("$.versions[0].number")
                .isEqualTo(2)
                .jsonPath("$.versions[1].number")
                .isEqualTo(1);
        assertThatThrownBy(
                        () ->
                                s.sql(
                                        "update submission_versions set title = 'x' where submission_id = $1",
                                        id))
                .hasMessageContaining("immutable");
        web.get()
                .uri("/api/v1/submissions/{id}/versions/3", id)
                .headers(h -> h.setBearerAuth(s.organizer.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void submitWhenDeadlinePassedThenRefusedUnlessWithinGrace() {
        SubmissionScenario s = scenario();
        UUID id = s.submission();
        s.closeSubmission();
        submit(id, s.captain)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "phase-closed");
        assertThat(count("select count(*) from submission_versions where submission_id = $1", id))
                .isZero();

        SubmissionScenario graced =
                new SubmissionScenario(web, db, fixtures, Map.of("gracePeriodMinutes", 5));
        UUID late = graced.submission();
        graced.closeSubmission();
        submit(late, graced.captain).expectStatus().isCreated();
    }

    @Test
    void graceWhenDeadlinePassedThenOnlyUploadsAndSubmitAreAcceptedNotDraftEdits() {
        SubmissionScenario s =
                new SubmissionScenario(web, db, fixtures, Map.of("gracePeriodMinutes", 5));
        UUID id = s.submission();
        s.closeSubmission();
        web.patch()
                .uri("/api/v1/submissions/{id}", id)
                .headers(h -> h.setBearerAuth(s.captain.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Cambio tardío"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "phase-closed");
        s.sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values ($1, $2, $3)",
                s.team,
                s.otherChallenge,
                s.event);
        create(s, s.captain, SubmissionScenario.submissionBody(s.team, s.otherChallenge))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "phase-closed");
        Uploads.upload(
                        web,
                        id,
                        s.member,
                        "DATA",
                        "tarde.csv",
                        "distrito,dosis\nMiraflores,10\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expectStatus()
                .isCreated();
        submit(id, s.captain)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Brechas de vacunación por distrito")
                .jsonPath("$.artifacts.length()")
                .isEqualTo(1);

        s.sql(
                "update event_phases set closes_at = now() - interval '6 minutes' where event_id = $1"
                        + " and phase = 'SUBMISSION'",
                s.event);
        submit(id, s.captain).expectStatus().isEqualTo(409);
        Uploads.upload(web, id, s.member, "DATA", "muy-tarde.csv", "a,b\n1,2\n".getBytes())
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void getWhenCallerVariesThenOnlyTeamStaffMentorsAndJudgesFromJudgingSeeIt() {
        SubmissionScenario s = scenario();
        UUID id = s.submission();
        for (User allowed : List.of(s.captain, s.member, s.organizer, s.admin, s.mentor)) {
            get(id, allowed).expectStatus().isOk();
        }
        for (User denied : List.of(s.citizen, s.otherMentor, s.judge)) {
            get(id, denied)
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEM + "forbidden");
        }
        get(id, null).expectStatus().isUnauthorized();
        get(UUID.randomUUID(), s.captain).expectStatus().isNotFound();
        web.get()
                .uri("/api/v1/submissions/not-a-uuid")
                .headers(h -> h.setBearerAuth(s.captain.token()))
                .exchange()
                .expectStatus()
                .isBadRequest();

        s.closeSubmission();
        get(id, s.judge).expectStatus().isOk();
    }

    @Test
    void listWhenCallerVariesThenTeamByTeamIdStaffByChallengeAndJudgesFromJudging() {
        SubmissionScenario s = scenario();
        UUID id = s.submission();
        var api = new Api(web, fixtures);
        String base = "/api/v1/events/" + s.event + "/submissions";
        for (User user : List.of(s.captain, s.member)) {
            var page = api.get(user, base + "?teamId=" + s.team).expect(200);
            assertThat(page.<List<String>>json("$.items[*].id")).containsExactly(id.toString());
            assertThat(page.<Integer>json("$.items[0].latestVersion")).isZero();
        }
        assertThat(api.get(s.organizer, base).expect(200).<List<String>>json("$.items[*].id"))
                .containsExactly(id.toString());
        assertThat(
                        api.get(s.mentor, base + "?challengeId=" + s.challenge)
                                .expect(200)
                                .<List<String>>json("$.items[*].id"))
                .containsExactly(id.toString());
        assertThat(
                        api.get(s.organizer, base + "?challengeId=" + s.otherChallenge)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .isEmpty();
        api.get(s.mentor, base).problem(403, "forbidden");
        api.get(s.otherMentor, base + "?challengeId=" + s.challenge).problem(403, "forbidden");
        api.get(s.citizen, base + "?teamId=" + s.team).problem(403, "forbidden");
        api.get(s.judge, base + "?challengeId=" + s.challenge).problem(403, "forbidden");
        api.get(null, base).problem(401, "unauthorized");
        api.get(s.organizer, "/api/v1/events/" + UUID.randomUUID() + "/submissions")
                .problem(404, "not-found");
        api.get(s.organizer, base + "?limit=0").expect(400);
        api.get(s.organizer, base + "?cursor=not-a-cursor").problem(400, "invalid-cursor");
        api.get(s.organizer, base + "?teamId=not-a-uuid").expect(400);
        s.closeSubmission();
        assertThat(
                        api.get(s.judge, base + "?challengeId=" + s.challenge)
                                .expect(200)
                                .<List<String>>json("$.items[*].id"))
                .containsExactly(id.toString());
    }

    @Test
    void versionWhenGalleryPublicAfterSubmissionClosesThenAnyoneReadsIt() {
        SubmissionScenario s = scenario();
        UUID id = s.submission();
        submit(id, s.captain).expectStatus().isCreated();
        web.get()
                .uri("/api/v1/submissions/{id}/versions/1", id)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get()
                .uri("/api/v1/submissions/{id}/versions/1", id)
                .headers(h -> h.setBearerAuth(s.citizen.token()))
                .exchange()
                .expectStatus()
                .isForbidden();
        s.closeSubmissionBeforeJudging();
        web.get()
                .uri("/api/v1/submissions/{id}/versions/1", id)
                .headers(h -> h.setBearerAuth(s.citizen.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.number")
                .isEqualTo(1);
        get(id, s.citizen).expectStatus().isForbidden();
        get(id, s.judge).expectStatus().isForbidden();
        web.get().uri("/api/v1/submissions/{id}/versions/1", id).exchange().expectStatus().isOk();
        get(id, null).expectStatus().isUnauthorized();

        SubmissionScenario closedGallery =
                new SubmissionScenario(web, db, fixtures, Map.of("galleryPublic", false));
        UUID hidden = closedGallery.submission();
        submit(hidden, closedGallery.captain).expectStatus().isCreated();
        closedGallery.closeSubmissionBeforeJudging();
        web.get()
                .uri("/api/v1/submissions/{id}/versions/1", hidden)
                .headers(h -> h.setBearerAuth(closedGallery.citizen.token()))
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void submitWhenNotOnTheTeamThenRefusedAndNoVersion() {
        SubmissionScenario s = scenario();
        UUID id = s.submission();
        for (User denied : List.of(s.organizer, s.admin, s.mentor, s.judge, s.citizen)) {
            submit(id, denied).expectStatus().isForbidden();
        }
        web.post()
                .uri("/api/v1/submissions/{id}/submit", id)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        submit(UUID.randomUUID(), s.captain).expectStatus().isNotFound();
        assertThat(count("select count(*) from submission_versions where submission_id = $1", id))
                .isZero();
    }
}
