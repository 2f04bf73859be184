package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class ArtifactUploadIntegrationTests extends IntegrationTest {

    private static final String PROBLEM = "https://minka.dev/problems/";

    @Autowired ObjectStore store;

    private List<String> objects(UUID submission) {
        return store.list("artifacts/" + submission + "/")
                .map(ObjectStore.ObjectInfo::key)
                .collectList()
                .block();
    }

    private long artifacts(UUID submission) {
        return count("select count(*) from artifacts where submission_id = $1", submission);
    }

    private long uploads(UUID submission) {
        return count("select count(*) from uploads where submission_id = $1", submission);
    }

    private void assertNothingStored(UUID submission) {
        assertThat(artifacts(submission)).isZero();
        assertThat(uploads(submission)).isZero();
        assertThat(objects(submission)).isEmpty();
    }

    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return Http.client()
                .send(
                        Http.request(URI.create(url)).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void uploadCsvThenStoredUnderIdKeyWithShaAndDownloadableWithSafeName() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        byte[] csv = "distrito,dosis\nMiraflores,10\nÑaña,7\n".getBytes(StandardCharsets.UTF_8);
        Map<?, ?> artifact =
                Uploads.upload(web, id, s.member, "DATA", "../../etc/vacunas\";x.csv", csv)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(artifact.get("sha256")).isEqualTo(Uploads.sha256(csv));
        assertThat(((Number) artifact.get("sizeBytes")).longValue()).isEqualTo(csv.length);
        assertThat(artifact.get("contentType")).isEqualTo("text/csv");
        String filename = (String) artifact.get("filename");
        assertThat(filename).doesNotContain("/", "\\", "\"", "\r", "\n", ";").endsWith(".csv");
        UUID artifactId = UUID.fromString((String) artifact.get("id"));
        assertThat(objects(id)).containsExactly("artifacts/" + id + "/" + artifactId);
        assertThat(uploads(id)).isZero();
        assertThat(count("select used_bytes from team_storage where team_id = $1", s.team))
                .isEqualTo(csv.length);

        Map<?, ?> download =
                web.get()
                        .uri("/api/v1/submissions/{id}/artifacts/{a}/download", id, artifactId)
                        .headers(h -> h.setBearerAuth(s.mentor.token()))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        HttpResponse<byte[]> got = fetch((String) download.get("url"));
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(csv);
        String disposition = got.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).startsWith("attachment;").doesNotContain("\r", "\n", "../");

        for (User denied : List.of(s.citizen, s.otherMentor)) {
            web.get()
                    .uri("/api/v1/submissions/{id}/artifacts/{a}/download", id, artifactId)
                    .headers(h -> h.setBearerAuth(denied.token()))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        web.get()
                .uri("/api/v1/submissions/{id}/artifacts/{a}/download", id, UUID.randomUUID())
                .headers(h -> h.setBearerAuth(s.member.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void upload100MiBStreamedThenStoredWholeAndHashed() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        int chunks = 1600;
        Map<?, ?> artifact =
                Uploads.upload(web, id, s.captain, "DATA", "padron.csv", Uploads.csv(chunks))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        long size = 100L * 1024 * 1024;
        assertThat(((Number) artifact.get("sizeBytes")).longValue()).isEqualTo(size);
        assertThat(artifact.get("sha256")).isEqualTo(Uploads.sha256OfCsv(chunks));
        ObjectStore.ObjectInfo info =
                store.stat("artifacts/" + id + "/" + artifact.get("id")).block();
        assertThat(info.size()).isEqualTo(size);
    }

    @Test
    void uploadWhenTypeIsWrongOrSpoofedThen415AndNothingStored() {
        SubmissionScenario s =
                new SubmissionScenario(
                        web,
                        db,
                        fixtures,
                        Map.of("allowedArtifactTypes", List.of("csv", "png", "pdf")));
        UUID id = s.submission();
        record Case(String kind, String name, byte[] bytes) {}
        for (Case c :
                List.of(
                        new Case("DATA", "datos.csv", Uploads.PNG),
                        new Case("IMAGE", "foto.png", Uploads.PDF),
                        new Case(
                                "REPORT",
                                "informe.pdf",
                                "hola,mundo\n".getBytes(StandardCharsets.UTF_8)),
                        new Case("IMAGE", "informe.pdf", Uploads.PDF),
                        new Case(
                                "DATA", "datos.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                        new Case("DATA", "vacio.csv", new byte[0]),
                        new Case(
                                "DATA",
                                "sin-extension",
                                "a,b\n".getBytes(StandardCharsets.UTF_8)))) {
            Uploads.upload(web, id, s.member, c.kind(), c.name(), c.bytes())
                    .expectStatus()
                    .isEqualTo(415)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEM + "artifact-type-rejected")
                    .jsonPath("$.detail")
                    .isNotEmpty();
        }
        Uploads.upload(web, id, s.member, "IMAGE", "foto.png", Uploads.PNG)
                .expectStatus()
                .isCreated();
        Uploads.upload(web, id, s.member, "SLIDES", "slides.pdf", Uploads.PDF)
                .expectStatus()
                .isCreated();
        Uploads.upload(web, id, s.member, "BOGUS", "slides.pdf", Uploads.PDF)
                .expectStatus()
                .isBadRequest();
        assertThat(artifacts(id)).isEqualTo(2);
        assertThat(uploads(id)).isZero();
        assertThat(objects(id)).hasSize(2);
    }

    @Test
    void uploadWhenOverFileLimitOrTeamQuotaThen413AndNothingStored() {
        SubmissionScenario s =
                new SubmissionScenario(
                        web,
                        db,
                        fixtures,
                        Map.of("maxFileBytes", 1024 * 1024, "maxTeamBytes", 1536 * 1024));
        UUID id = s.submission();
        Uploads.upload(web, id, s.member, "DATA", "grande.csv", Uploads.csv(17))
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "file-too-large");
        assertNothingStored(id);
        Uploads.upload(web, id, s.member, "DATA", "uno.csv", Uploads.csv(16))
                .expectStatus()
                .isCreated();
        Uploads.upload(web, id, s.member, "DATA", "dos.csv", Uploads.csv(9))
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "team-quota-exceeded");
        assertThat(artifacts(id)).isEqualTo(1);
        assertThat(uploads(id)).isZero();
        assertThat(objects(id)).hasSize(1);
        assertThat(count("select used_bytes from team_storage where team_id = $1", s.team))
                .isEqualTo(1024L * 1024);
    }

    @Test
    void uploadWhenCallerIsNotOnTheTeamThenRefusedAndNothingStored() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        Uploads.upload(web, id, null, "DATA", "x.csv", csv).expectStatus().isUnauthorized();
        for (User denied : List.of(s.organizer, s.mentor, s.citizen, s.admin)) {
            Uploads.upload(web, id, denied, "DATA", "x.csv", csv).expectStatus().isForbidden();
        }
        Uploads.upload(web, UUID.randomUUID(), s.member, "DATA", "x.csv", csv)
                .expectStatus()
                .isNotFound();
        assertNothingStored(id);
    }

    @Test
    void uploadWhenDeadlinePassesWhileStreamingThenRefusedAndNothingStored() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        Mono<DataBuffer> closeTheWindow =
                db.sql(
                                "update event_phases set closes_at = now() - interval '1 second'"
                                        + " where event_id = $1 and phase = 'SUBMISSION'")
                        .bind(0, s.event)
                        .then()
                        .then(Mono.empty());
        Flux<DataBuffer> body =
                Uploads.csv(8).concatWith(closeTheWindow).concatWith(Uploads.csv(8));
        Uploads.upload(web, id, s.member, "DATA", "tarde.csv", body)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "phase-closed");
        assertNothingStored(id);
        Uploads.upload(web, id, s.member, "DATA", "tarde.csv", Uploads.csv(1))
                .expectStatus()
                .isEqualTo(409);
        assertNothingStored(id);
    }

    @Test
    void uploadWhenNoFilePartThenBadRequest() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        web.post()
                .uri("/api/v1/submissions/{id}/artifacts?kind=DATA", id)
                .headers(h -> h.setBearerAuth(s.member.token()))
                .contentType(Uploads.MULTIPART)
                .body(
                        Uploads.multipart("other", null, Flux.empty()),
                        org.springframework.core.io.buffer.DataBuffer.class)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(PROBLEM + "malformed-request");
        assertNothingStored(id);
    }
}
