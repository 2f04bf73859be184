package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.minka.storage.ObjectStore;
import org.minka.support.CuttableProxy;
import org.minka.support.IntegrationTest;
import org.minka.support.ProxiedStorage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The object store dies in the middle of a streamed upload: this app talks to S3Proxy through a
 * forwarder that the test cuts. Neither store may keep a row pointing to a missing object, and what
 * is left is the reaper's to remove.
 */
@Import(ProxiedStorage.Config.class)
class StorageOutageIntegrationTests extends IntegrationTest {

    static final CuttableProxy PROXY = ProxiedStorage.PROXY;

    @Autowired ObjectStore store;
    @Autowired UploadReaper reaper;

    @AfterEach
    void heal() {
        PROXY.heal();
    }

    private List<String> objects(UUID submission) {
        return store.list("artifacts/" + submission + "/")
                .map(ObjectStore.ObjectInfo::key)
                .collectList()
                .block();
    }

    @Test
    void uploadWhenStoreDiesMidStreamThenServiceUnavailableAndNoRowPointsToAMissingObject() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        Mono<DataBuffer> outage =
                Mono.fromRunnable(PROXY::cut)
                        .subscribeOn(Schedulers.boundedElastic())
                        .then(Mono.empty());
        Flux<DataBuffer> body = Uploads.csv(200).concatWith(outage).concatWith(Uploads.csv(200));
        Uploads.upload(web, id, s.member, "DATA", "grande.csv", body)
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/service-unavailable");
        PROXY.heal();
        assertThat(count("select count(*) from artifacts where submission_id = $1", id)).isZero();
        assertThat(objects(id)).isEmpty();
        // The upload record stays until the object is known gone; the reaper finishes the job.
        s.sql(
                "update uploads set expires_at = now() - interval '1 second' where submission_id = $1",
                id);
        reaper.reapExpired().block();
        assertThat(count("select count(*) from uploads where submission_id = $1", id)).isZero();
        assertThat(objects(id)).isEmpty();

        java.util.Map<?, ?> after =
                Uploads.upload(web, id, s.member, "DATA", "despues.csv", Uploads.csv(2))
                        .expectStatus()
                        .isCreated()
                        .expectBody(java.util.Map.class)
                        .returnResult()
                        .getResponseBody();
        String key = ArtifactIntake.objectKey(id, UUID.fromString((String) after.get("id")));
        assertThat(store.stat(key).block().size()).isEqualTo(2 * 64 * 1024);
    }

    @Test
    void requestsWhenStoreIsDownThenServiceUnavailableAndReadinessDownThenBothStoresConsistent() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        UUID stored =
                artifactId(Uploads.upload(web, id, s.member, "DATA", "antes.csv", Uploads.csv(1)));
        int rounds = Integer.getInteger("minka.race.rounds", 1);
        for (int round = 0; round < rounds; round++) {
            PROXY.cut();
            download(id, stored, s)
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("Retry-After", "5")
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://minka.dev/problems/service-unavailable");
            Uploads.upload(web, id, s.member, "DATA", "durante.csv", Uploads.csv(1))
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("Retry-After", "5")
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://minka.dev/problems/service-unavailable");
            readiness(503, "DOWN");

            PROXY.heal();
            readiness(200, "UP");
            download(id, stored, s).expectStatus().isOk();
            s.sql(
                    "update uploads set expires_at = now() - interval '1 second'"
                            + " where submission_id = $1",
                    id);
            reaper.reapExpired().block();
            assertThat(count("select count(*) from uploads where submission_id = $1", id)).isZero();
            assertThat(objects(id)).containsExactlyInAnyOrderElementsOf(artifactKeys(id));
            assertThat(artifactKeys(id)).hasSize(1 + round);
            artifactId(Uploads.upload(web, id, s.member, "DATA", "despues.csv", Uploads.csv(1)));
        }
        assertThat(objects(id)).containsExactlyInAnyOrderElementsOf(artifactKeys(id));
    }

    private WebTestClient.ResponseSpec download(
            UUID submission, UUID artifact, SubmissionScenario s) {
        return web.get()
                .uri("/api/v1/submissions/{id}/artifacts/{a}/download", submission, artifact)
                .headers(h -> h.setBearerAuth(s.member.token()))
                .exchange();
    }

    private void readiness(int status, String storage) {
        web.get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.components.storage.status")
                .isEqualTo(storage)
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP");
    }

    private static UUID artifactId(WebTestClient.ResponseSpec created) {
        java.util.Map<?, ?> body =
                created.expectStatus()
                        .isCreated()
                        .expectBody(java.util.Map.class)
                        .returnResult()
                        .getResponseBody();
        return UUID.fromString((String) body.get("id"));
    }

    private List<String> artifactKeys(UUID submission) {
        return db.sql("select object_key from artifacts where submission_id = $1")
                .bind(0, submission)
                .map((row, meta) -> row.get(0, String.class))
                .all()
                .collectList()
                .block();
    }
}
