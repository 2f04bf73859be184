package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.storage.ObjectStore;
import org.minka.support.Fixtures.User;
import org.minka.support.Http;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class PresignedUploadIntegrationTests extends IntegrationTest {

    private static final String PROBLEM = "https://minka.dev/problems/";
    private static final byte[] CSV =
            "distrito,dosis\nMiraflores,10\nSurco,7\n".getBytes(StandardCharsets.UTF_8);

    @Autowired ObjectStore store;

    private List<String> objects(UUID submission) {
        return store.list("artifacts/" + submission + "/")
                .map(ObjectStore.ObjectInfo::key)
                .collectList()
                .block();
    }

    private WebTestClient.ResponseSpec slot(
            UUID submission, User user, String name, long size, String kind, String sha) {
        return web.post()
                .uri("/api/v1/submissions/{id}/upload-slots", submission)
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("filename", name, "sizeBytes", size, "kind", kind, "sha256", sha))
                .exchange();
    }

    private Map<?, ?> slotOk(UUID submission, User user, String name, byte[] declared, String kind)
            throws Exception {
        return slot(submission, user, name, declared.length, kind, Uploads.sha256(declared))
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static int put(Map<?, ?> slot, byte[] bytes) throws Exception {
        return Http.client()
                .send(
                        Http.request(URI.create((String) slot.get("uploadUrl")))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private WebTestClient.ResponseSpec finalizeSlot(UUID submission, Map<?, ?> slot, User user) {
        return web.post()
                .uri(
                        "/api/v1/submissions/{id}/upload-slots/{slot}/finalize",
                        submission,
                        slot.get("id"))
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange();
    }

    private long slots(UUID submission) {
        return count("select count(*) from uploads where submission_id = $1", submission);
    }

    private long artifacts(UUID submission) {
        return count("select count(*) from artifacts where submission_id = $1", submission);
    }

    @Test
    void slotPutFinalizeThenArtifactStoredOnceAndDownloadable() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        Map<?, ?> slot = slotOk(id, s.member, "../datos.csv", CSV, "DATA");
        assertThat((String) slot.get("uploadUrl"))
                .contains("X-Amz-Signature")
                .doesNotContain("datos");
        assertThat(slot.get("method")).isEqualTo("PUT");
        assertThat(put(slot, CSV)).isEqualTo(200);
        for (User denied : List.of(s.organizer, s.mentor, s.citizen)) {
            finalizeSlot(id, slot, denied).expectStatus().isForbidden();
        }
        web.post()
                .uri("/api/v1/submissions/{id}/upload-slots/{slot}/finalize", id, slot.get("id"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        Map<?, ?> artifact =
                finalizeSlot(id, slot, s.captain)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(artifact.get("sha256")).isEqualTo(Uploads.sha256(CSV));
        assertThat(artifact.get("filename")).isEqualTo("datos.csv");
        assertThat(artifact.get("id")).isEqualTo(slot.get("id"));
        finalizeSlot(id, slot, s.captain).expectStatus().isNotFound();
        assertThat(slots(id)).isZero();
        assertThat(artifacts(id)).isEqualTo(1);
        assertThat(count("select used_bytes from team_storage where team_id = $1", s.team))
                .isEqualTo(CSV.length);
        web.get()
                .uri("/api/v1/submissions/{id}/artifacts/{a}/download", id, artifact.get("id"))
                .headers(h -> h.setBearerAuth(s.organizer.token()))
                .exchange()
                .expectStatus()
                .isOk();
        web.post()
                .uri("/api/v1/submissions/{id}/submit", id)
                .headers(h -> h.setBearerAuth(s.member.token()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.artifacts.length()")
                .isEqualTo(1)
                .jsonPath("$.artifacts[0].id")
                .isEqualTo(artifact.get("id"));
        s.closeSubmissionBeforeJudging();
        web.get()
                .uri("/api/v1/submissions/{id}/artifacts/{a}/download", id, artifact.get("id"))
                .headers(h -> h.setBearerAuth(s.citizen.token()))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/api/v1/submissions/{id}/artifacts/{a}/download", id, artifact.get("id"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void finalizeWhenChecksumSizeOrTypeMismatchThenProblemAndObjectAndSlotDeleted()
            throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        byte[] tampered =
                "distrito,dosis\nMiraflores,99\nSurco,7\n".getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).hasSameSizeAs(CSV);
        Map<?, ?> checksum = slotOk(id, s.member, "a.csv", CSV, "DATA");
        put(checksum, tampered);
        finalizeSlot(id, checksum, s.member)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "upload-mismatch")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("SHA-256"));

        Map<?, ?> size = slotOk(id, s.member, "b.csv", CSV, "DATA");
        put(size, "a,b\n".getBytes(StandardCharsets.UTF_8));
        finalizeSlot(id, size, s.member)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("size"));

        Map<?, ?> spoofed = slotOk(id, s.member, "foto.png", Uploads.PDF, "IMAGE");
        put(spoofed, Uploads.PDF);
        finalizeSlot(id, spoofed, s.member)
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "artifact-type-rejected");

        Map<?, ?> badNotebook =
                slotOk(id, s.member, "x.ipynb", Notebooks.read("invalid.ipynb"), "NOTEBOOK");
        put(badNotebook, Notebooks.read("invalid.ipynb"));
        finalizeSlot(id, badNotebook, s.member).expectStatus().isEqualTo(422);

        assertThat(objects(id)).isEmpty();
        assertThat(slots(id)).isZero();
        assertThat(artifacts(id)).isZero();
    }

    @Test
    void finalizeWhenNothingUploadedThenProblemAndSlotKeptForARetry() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        Map<?, ?> slot = slotOk(id, s.member, "a.csv", CSV, "DATA");
        finalizeSlot(id, slot, s.member)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "upload-mismatch");
        assertThat(slots(id)).isEqualTo(1);
        put(slot, CSV);
        finalizeSlot(id, slot, s.member).expectStatus().isCreated();
        Map<?, ?> notebook =
                slotOk(id, s.member, "analisis.ipynb", Notebooks.read("test4.5.ipynb"), "NOTEBOOK");
        put(notebook, Notebooks.read("test4.5.ipynb"));
        finalizeSlot(id, notebook, s.member)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.hasPreview")
                .isEqualTo(true)
                .jsonPath("$.notebook.language")
                .isEqualTo("python");
    }

    @Test
    void slotWhenBadRequestThenProblemAndNothingStored() throws Exception {
        SubmissionScenario s =
                new SubmissionScenario(web, db, fixtures, Map.of("maxFileBytes", 1024 * 1024));
        UUID id = s.submission();
        String sha = Uploads.sha256(CSV);
        slot(id, s.member, "a.csv", 2L * 1024 * 1024, "DATA", sha)
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "file-too-large");
        slot(id, s.member, "a.exe", 10, "DATA", sha).expectStatus().isEqualTo(415);
        slot(id, s.member, "a.csv", 10, "IMAGE", sha).expectStatus().isEqualTo(415);
        slot(id, s.member, "a.csv", 10, "DATA", "abc").expectStatus().isBadRequest();
        slot(id, s.member, "a.csv", -1, "DATA", sha).expectStatus().isBadRequest();
        for (User denied : List.of(s.organizer, s.mentor, s.citizen)) {
            slot(id, denied, "a.csv", 10, "DATA", sha).expectStatus().isForbidden();
        }
        slot(UUID.randomUUID(), s.member, "a.csv", 10, "DATA", sha).expectStatus().isNotFound();
        web.post()
                .uri("/api/v1/submissions/{id}/upload-slots", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        Map.of("filename", "a.csv", "sizeBytes", 10, "kind", "DATA", "sha256", sha))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(slots(id)).isZero();
    }

    @Test
    void finalizeWhenSlotExpiredOrDeadlinePassedThenRefusedAndObjectDeleted() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        Map<?, ?> expired = slotOk(id, s.member, "a.csv", CSV, "DATA");
        put(expired, CSV);
        s.sql(
                "update uploads set expires_at = now() - interval '1 second' where id = $1",
                UUID.fromString((String) expired.get("id")));
        finalizeSlot(id, expired, s.member)
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "upload-slot-expired");
        assertThat(objects(id)).isEmpty();
        assertThat(slots(id)).isZero();

        Map<?, ?> late = slotOk(id, s.member, "b.csv", CSV, "DATA");
        put(late, CSV);
        s.closeSubmission();
        finalizeSlot(id, late, s.member)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "phase-closed");
        assertThat(artifacts(id)).isZero();
        assertThat(objects(id)).isEmpty();
    }
}
