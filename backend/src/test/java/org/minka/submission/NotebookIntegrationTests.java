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

class NotebookIntegrationTests extends IntegrationTest {

    private static final String PROBLEM = "https://minka.dev/problems/";

    @Autowired ObjectStore store;

    private List<String> objects(String prefix, UUID submission) {
        return store.list(prefix + submission + "/")
                .map(ObjectStore.ObjectInfo::key)
                .collectList()
                .block();
    }

    private String preview(UUID submission, Object artifact, User user, int status) {
        return web.get()
                .uri("/api/v1/submissions/{s}/artifacts/{a}/preview", submission, artifact)
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void uploadEverySharedNotebookThenValidOnesStoredAndInvalidOnesRefusedWithErrors() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        int stored = 0;
        for (String name : Notebooks.files()) {
            var response =
                    Uploads.upload(web, id, s.member, "NOTEBOOK", name, Notebooks.read(name));
            if (Notebooks.SHARED.get(name)) {
                response.expectStatus()
                        .isCreated()
                        .expectBody()
                        .jsonPath("$.notebook.nbformat")
                        .isEqualTo(4)
                        .jsonPath("$.notebook.codeCells")
                        .isNumber()
                        .jsonPath("$.hasPreview")
                        .isEqualTo(true)
                        .jsonPath("$.contentType")
                        .isEqualTo("application/x-ipynb+json");
                stored++;
            } else {
                response.expectStatus()
                        .isEqualTo(422)
                        .expectBody()
                        .jsonPath("$.type")
                        .isEqualTo(PROBLEM + "invalid-notebook")
                        .jsonPath("$.errors[0].field")
                        .value(f -> assertThat((String) f).startsWith("/"))
                        .jsonPath("$.errors[0].message")
                        .isNotEmpty();
            }
        }
        assertThat(stored).isEqualTo(3);
        assertThat(count("select count(*) from artifacts where submission_id = $1", id))
                .isEqualTo(3);
        assertThat(count("select count(*) from uploads where submission_id = $1", id)).isZero();
        assertThat(objects("artifacts/", id)).hasSize(3);
        assertThat(objects("previews/", id)).hasSize(3);
        Uploads.upload(
                        web,
                        id,
                        s.member,
                        "NOTEBOOK",
                        "falso.ipynb",
                        "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isEqualTo(415);
        Uploads.upload(
                        web,
                        id,
                        s.member,
                        "NOTEBOOK",
                        "roto.ipynb",
                        "{\"nbformat\": 4, \"cells\": [".getBytes(StandardCharsets.UTF_8))
                .expectStatus()
                .isEqualTo(422);
        assertThat(objects("artifacts/", id)).hasSize(3);
    }

    @Test
    void previewWhenHostileNotebookThenSanitisedAndServedWithStrictCsp() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        Map<?, ?> artifact =
                Uploads.upload(web, id, s.captain, "NOTEBOOK", "hostil.ipynb", Notebooks.hostile())
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        Object artifactId = artifact.get("id");
        web.get()
                .uri("/api/v1/submissions/{s}/artifacts/{a}/preview", id, artifactId)
                .headers(h -> h.setBearerAuth(s.mentor.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/html")
                .expectHeader()
                .valueEquals("Content-Security-Policy", NotebookPreview.CONTENT_SECURITY_POLICY)
                .expectHeader()
                .valueEquals("X-Content-Type-Options", "nosniff");
        String html = preview(id, artifactId, s.organizer, 200);
        NotebookInspectorTests.assertNoActiveContent(html);
        assertThat(html).contains("clic");
        preview(id, artifactId, s.citizen, 403);
        preview(id, artifactId, s.otherMentor, 403);
        preview(id, UUID.randomUUID(), s.member, 404);
        Map<?, ?> csv =
                Uploads.upload(
                                web,
                                id,
                                s.captain,
                                "DATA",
                                "datos.csv",
                                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        preview(id, csv.get("id"), s.member, 404);
    }

    @Test
    void uploadWhenNotebookHasA20MegabyteImageThenStoredAndPreviewLeavesItOut() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        byte[] notebook = Notebooks.withImage(20 * 1024 * 1024);
        Map<?, ?> artifact =
                Uploads.upload(web, id, s.member, "NOTEBOOK", "grafico.ipynb", notebook)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(((Number) artifact.get("sizeBytes")).longValue()).isEqualTo(notebook.length);
        assertThat(((Map<?, ?>) artifact.get("notebook")).get("imageOutputs")).isEqualTo(1);
        String html = preview(id, artifact.get("id"), s.member, 200);
        assertThat(html).contains("Image omitted").doesNotContain("data:image/png");
        assertThat(html.length()).isLessThan(64 * 1024);
    }
}
