package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * The reads open to anonymous callers (a version, the version history, a download, a preview) tell
 * them nothing about which ids exist: a real submission that is not public and a random id get the
 * same 401, and every 401 names its scheme in {@code WWW-Authenticate}.
 */
class SubmissionAnonymousReadIntegrationTests extends IntegrationTest {

    private static final String PROBLEM = "https://minka.dev/problems/";

    private EntityExchangeResult<byte[]> get(User user, String uri, Object... vars) {
        var spec = web.get().uri(uri, vars);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        return spec.exchange().expectBody().returnResult();
    }

    private UUID artifact(UUID submission, User user, String kind, String name, byte[] bytes) {
        Map<?, ?> created =
                Uploads.upload(web, submission, user, kind, name, bytes)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }

    private void submit(UUID submission, User user) {
        web.post()
                .uri("/api/v1/submissions/{id}/submit", submission)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static void assertSignInAsked(EntityExchangeResult<byte[]> r, String what) {
        assertThat(r.getStatus().value()).as(what).isEqualTo(401);
        assertThat(r.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .as(what)
                .isEqualTo("Bearer");
        assertThat(r.getResponseHeaders().getContentType())
                .as(what)
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(new String(r.getResponseBody(), StandardCharsets.UTF_8))
                .as(what)
                .contains("\"type\":\"" + PROBLEM + "unauthorized\"")
                .contains("requestId");
    }

    @Test
    void anonymousReadWhenIdIsRealButNotPublicOrRandomThenSame401WithChallenge() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID submission = s.submission();
        UUID csv =
                artifact(
                        submission,
                        s.captain,
                        "DATA",
                        "extracto.csv",
                        "distrito,dosis\nMiraflores,10\n".getBytes(StandardCharsets.UTF_8));
        UUID notebook =
                artifact(
                        submission,
                        s.captain,
                        "NOTEBOOK",
                        "analisis.ipynb",
                        Notebooks.read("test4.5.ipynb"));
        submit(submission, s.captain);
        UUID random = UUID.randomUUID();
        UUID randomArtifact = UUID.randomUUID();

        // SUBMISSION still open: nothing is public yet
        for (UUID id : List.of(submission, random)) {
            for (UUID a : List.of(csv, notebook, randomArtifact)) {
                String what = "submission " + id + " artifact " + a;
                assertSignInAsked(get(null, "/api/v1/submissions/{s}/versions/1", id), what);
                assertSignInAsked(get(null, "/api/v1/submissions/{s}/versions", id), what);
                assertSignInAsked(
                        get(null, "/api/v1/submissions/{s}/artifacts/{a}/download", id, a), what);
                assertSignInAsked(
                        get(null, "/api/v1/submissions/{s}/artifacts/{a}/preview", id, a), what);
            }
        }

        // signed in, a random id is not found; the team reads its own
        assertThat(get(s.citizen, "/api/v1/submissions/{s}/versions/1", random).getStatus().value())
                .isEqualTo(404);
        assertThat(
                        get(s.captain, "/api/v1/submissions/{s}/versions/1", submission)
                                .getStatus()
                                .value())
                .isEqualTo(200);

        // once the gallery is public, the submitted work is readable without a token
        s.closeSubmissionBeforeJudging();
        assertThat(get(null, "/api/v1/submissions/{s}/versions/1", submission).getStatus().value())
                .isEqualTo(200);
        assertThat(
                        get(
                                        null,
                                        "/api/v1/submissions/{s}/artifacts/{a}/preview",
                                        submission,
                                        notebook)
                                .getStatus()
                                .value())
                .isEqualTo(200);
        assertSignInAsked(get(null, "/api/v1/submissions/{s}/versions/1", random), "random");
    }

    @Test
    void anonymousReadWhenEventUnpublishedThenSame401AsARandomId() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID submission = s.submission();
        submit(submission, s.captain);
        s.closeSubmissionBeforeJudging();
        s.sql("update events set published = false where id = $1", s.event);

        assertSignInAsked(
                get(null, "/api/v1/submissions/{s}/versions/1", submission), "unpublished");
        assertSignInAsked(
                get(null, "/api/v1/submissions/{s}/versions/1", UUID.randomUUID()), "random");
    }
}
