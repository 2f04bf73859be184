package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.storage.ObjectStore;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Deleting draft artifacts: team members while SUBMISSION is open, never what a submitted version
 * holds; the row, the quota and the object go together, and the audit log keeps a trace.
 */
class ArtifactDeleteIntegrationTests extends IntegrationTest {

    private static final String PROBLEM = "https://minka.dev/problems/";
    private static final byte[] CSV =
            "distrito,dosis\nMiraflores,10\nÑaña,7\n".getBytes(StandardCharsets.UTF_8);

    @Autowired ObjectStore store;

    private UUID upload(UUID submission, User user, String filename) {
        Map<?, ?> artifact =
                Uploads.upload(web, submission, user, "DATA", filename, CSV)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return UUID.fromString((String) artifact.get("id"));
    }

    private WebTestClient.ResponseSpec delete(UUID submission, UUID artifact, User user) {
        var spec = web.delete().uri("/api/v1/submissions/{s}/artifacts/{a}", submission, artifact);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        return spec.exchange();
    }

    private List<String> objects(UUID submission) {
        return store.list("artifacts/" + submission + "/")
                .map(ObjectStore.ObjectInfo::key)
                .collectList()
                .block();
    }

    private long artifactRows(UUID artifact) {
        return count("select count(*) from artifacts where id = $1", artifact);
    }

    private long used(UUID team) {
        return count("select used_bytes from team_storage where team_id = $1", team);
    }

    private long audited(UUID event, String action) {
        return count(
                "select count(*) from audit_log where event_id = $1 and action = $2",
                event,
                action);
    }

    private String etag(UUID submission, User user) {
        return web.get()
                .uri("/api/v1/submissions/{id}", submission)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseHeaders()
                .getETag();
    }

    @Test
    void deleteWhenDraftArtifactThenRowQuotaAndObjectGoneAndAudited() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        UUID kept = upload(id, s.captain, "primero.csv");
        UUID draft = upload(id, s.member, "segundo.csv");
        assertThat(used(s.team)).isEqualTo(2L * CSV.length);
        assertThat(audited(s.event, "submission.artifact-uploaded")).isEqualTo(2);
        String before = etag(id, s.captain);

        delete(id, draft, s.member).expectStatus().isNoContent().expectBody().isEmpty();

        assertThat(artifactRows(draft)).isZero();
        assertThat(artifactRows(kept)).isOne();
        assertThat(used(s.team)).isEqualTo(CSV.length);
        assertThat(objects(id)).containsExactly("artifacts/" + id + "/" + kept);
        assertThat(audited(s.event, "submission.artifact-deleted")).isOne();
        assertThat(etag(id, s.captain)).isNotEqualTo(before);
        web.get()
                .uri("/api/v1/submissions/{id}", id)
                .headers(h -> h.setBearerAuth(s.captain.token()))
                .exchange()
                .expectBody()
                .jsonPath("$.artifacts.length()")
                .isEqualTo(1)
                .jsonPath("$.artifacts[0].id")
                .isEqualTo(kept.toString());
        delete(id, draft, s.member)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "not-found");

        UUID again = upload(id, s.captain, "tercero.csv");
        assertThat(used(s.team)).isEqualTo(2L * CSV.length);
        delete(id, again, s.captain).expectStatus().isNoContent();
        assertThat(used(s.team)).isEqualTo(CSV.length);
    }

    @Test
    void deleteWhenNotebookThenItsPreviewGoesToo() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        String name = "test4.5.ipynb";
        Map<?, ?> notebook =
                Uploads.upload(web, id, s.member, "NOTEBOOK", name, Notebooks.read(name))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        UUID artifact = UUID.fromString((String) notebook.get("id"));
        assertThat(store.list("previews/" + id + "/").collectList().block()).hasSize(1);

        delete(id, artifact, s.captain).expectStatus().isNoContent();

        assertThat(store.list("previews/" + id + "/").collectList().block()).isEmpty();
        assertThat(objects(id)).isEmpty();
        assertThat(artifactRows(artifact)).isZero();
        assertThat(used(s.team)).isZero();
    }

    @Test
    void deleteWhenArtifactIsInASubmittedVersionThenConflictAndItStays() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        UUID frozen = upload(id, s.captain, "entregado.csv");
        web.post()
                .uri("/api/v1/submissions/{id}/submit", id)
                .headers(h -> h.setBearerAuth(s.captain.token()))
                .exchange()
                .expectStatus()
                .isCreated();
        assertThat(audited(s.event, "submission.submitted")).isOne();

        delete(id, frozen, s.member)
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "artifact-frozen");
        assertThat(artifactRows(frozen)).isOne();
        assertThat(used(s.team)).isEqualTo(CSV.length);
        assertThat(objects(id)).containsExactly("artifacts/" + id + "/" + frozen);
        assertThat(audited(s.event, "submission.artifact-deleted")).isZero();
        web.get()
                .uri("/api/v1/submissions/{id}/versions/1", id)
                .headers(h -> h.setBearerAuth(s.organizer.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.artifacts[0].id")
                .isEqualTo(frozen.toString());
    }

    @Test
    void deleteWhenNotOnTheTeamOrBadInputThenRefusedAndNothingDeleted() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        UUID artifact = upload(id, s.captain, "datos.csv");
        for (User denied :
                List.of(s.organizer, s.admin, s.mentor, s.otherMentor, s.judge, s.citizen)) {
            delete(id, artifact, denied)
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEM + "forbidden");
        }
        delete(id, artifact, null)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "unauthorized");
        delete(UUID.randomUUID(), artifact, s.captain).expectStatus().isNotFound();
        delete(id, UUID.randomUUID(), s.captain).expectStatus().isNotFound();
        web.delete()
                .uri("/api/v1/submissions/{s}/artifacts/not-a-uuid", id)
                .headers(h -> h.setBearerAuth(s.captain.token()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);

        SubmissionScenario other = new SubmissionScenario(web, db, fixtures, null);
        UUID elsewhere = other.submission();
        delete(elsewhere, artifact, other.captain).expectStatus().isNotFound();

        assertThat(artifactRows(artifact)).isOne();
        assertThat(used(s.team)).isEqualTo(CSV.length);
        assertThat(objects(id)).containsExactly("artifacts/" + id + "/" + artifact);
    }

    @Test
    void deleteWhenDeadlinePassedThenPhaseClosedEvenWithinGrace() {
        SubmissionScenario s =
                new SubmissionScenario(web, db, fixtures, Map.of("gracePeriodMinutes", 5));
        UUID id = s.submission();
        UUID artifact = upload(id, s.captain, "tarde.csv");
        s.closeSubmission();
        delete(id, artifact, s.captain)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "phase-closed");
        assertThat(artifactRows(artifact)).isOne();
        assertThat(used(s.team)).isEqualTo(CSV.length);
        assertThat(objects(id)).hasSize(1);
    }
}
