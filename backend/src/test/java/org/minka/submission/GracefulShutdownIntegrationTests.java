package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.minka.storage.ObjectStore;
import org.minka.support.Http;
import org.minka.support.IntegrationTest;
import org.minka.support.StandaloneApp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A second instance of Minka shuts down while it streams an upload in and a notification stream
 * out. Readiness goes DOWN while it still serves; the upload finishes within the grace period (or,
 * when the grace period is too short, leaves nothing that the reaper cannot clean); the stream ends
 * with a {@code retry:} hint. This test's own context (on the same database and store) checks both
 * stores afterwards.
 */
class GracefulShutdownIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};

    @Autowired ObjectStore store;
    @Autowired UploadReaper reaper;

    /** Records, when readiness turns to REFUSING_TRAFFIC, what a probe and the upload saw. */
    static final class ReadinessWitness implements ApplicationListener<ApplicationEvent> {

        final String readinessUrl;
        final CompletableFuture<?> upload;
        final AtomicInteger probe = new AtomicInteger();
        final AtomicReference<Boolean> uploadInFlight = new AtomicReference<>();

        ReadinessWitness(String baseUrl, CompletableFuture<?> upload) {
            this.readinessUrl = baseUrl + "/actuator/health/readiness";
            this.upload = upload;
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof AvailabilityChangeEvent<?> change
                    && change.getState() == ReadinessState.REFUSING_TRAFFIC) {
                uploadInFlight.set(!upload.isDone());
                probe.set(probeStatus());
            }
        }

        private int probeStatus() {
            try {
                return Http.client()
                        .send(
                                Http.request(URI.create(readinessUrl)).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (Exception ex) {
                return -1;
            }
        }
    }

    @Test
    void shutdownWhenUploadAndStreamInFlightThenReadinessDownFirstUploadDoneStreamToldToRetry()
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            uploadAndStreamThroughShutdown();
        }
    }

    @Test
    void shutdownWhenUploadOutlastsGracePeriodThenNoRowWithoutObjectAndReaperCleansTheRest()
            throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            uploadCutByShutdown();
        }
    }

    /** {@code -Dminka.race.rounds=N} (make faults) runs each case N times in a row. */
    private static final int ROUNDS = Integer.getInteger("minka.race.rounds", 1);

    private void uploadAndStreamThroughShutdown() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        StandaloneApp app =
                StandaloneApp.start(Map.of("spring.lifecycle.timeout-per-shutdown-phase", "20s"));
        try {
            throughShutdown(s, id, app);
        } finally {
            app.close();
        }
    }

    private void throughShutdown(SubmissionScenario s, UUID id, StandaloneApp app)
            throws Exception {
        WebTestClient other = app.web();
        CountDownLatch connected = new CountDownLatch(1);
        CompletableFuture<List<ServerSentEvent<Map<String, Object>>>> stream =
                stream(other, s, connected).collectList().toFuture();
        assertThat(connected.await(30, TimeUnit.SECONDS)).isTrue();

        CountDownLatch halfway = new CountDownLatch(1);
        int chunks = 48;
        CompletableFuture<Map<?, ?>> upload =
                CompletableFuture.supplyAsync(
                        () -> created(upload(other, s, id, "lento.csv", slowCsv(chunks, halfway))));
        ReadinessWitness witness = new ReadinessWitness(app.baseUrl(), upload);
        app.context().addApplicationListener(witness);
        assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
        app.close();

        assertThat(witness.uploadInFlight.get())
                .as("upload in flight at REFUSING_TRAFFIC")
                .isTrue();
        assertThat(witness.probe.get()).as("readiness probe during shutdown").isEqualTo(503);
        Map<?, ?> artifact = upload.get(60, TimeUnit.SECONDS);
        UUID artifactId = UUID.fromString((String) artifact.get("id"));
        long size = chunks * 64L * 1024;
        assertThat(((Number) artifact.get("sizeBytes")).longValue()).isEqualTo(size);
        assertThat(store.stat(ArtifactIntake.objectKey(id, artifactId)).block().size())
                .isEqualTo(size);
        assertThat(count("select count(*) from uploads where submission_id = $1", id)).isZero();

        List<ServerSentEvent<Map<String, Object>>> events = stream.get(30, TimeUnit.SECONDS);
        ServerSentEvent<Map<String, Object>> last = events.get(events.size() - 1);
        assertThat(last.comment()).isEqualTo("shutting down");
        assertThat(last.retry()).isEqualTo(Duration.ofSeconds(2));
    }

    private void uploadCutByShutdown() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        StandaloneApp app =
                StandaloneApp.start(Map.of("spring.lifecycle.timeout-per-shutdown-phase", "1s"));
        try {
            cutByShutdown(s, id, app);
        } finally {
            app.close();
        }
    }

    private void cutByShutdown(SubmissionScenario s, UUID id, StandaloneApp app) throws Exception {
        WebTestClient other = app.web();
        CountDownLatch halfway = new CountDownLatch(1);
        Flux<DataBuffer> endless = slowCsv(4, halfway).concatWith(Flux.never());
        CompletableFuture<Integer> upload =
                CompletableFuture.supplyAsync(
                        () -> status(upload(other, s, id, "eterno.csv", endless)));
        assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();
        app.close();

        Integer status =
                upload.handle((code, error) -> error == null ? code : -1).get(60, TimeUnit.SECONDS);
        assertThat(status).as("the cut upload is not acknowledged").isNotEqualTo(201);
        assertThat(objects(id)).containsAll(artifactKeys(id));
        s.sql(
                "update uploads set expires_at = now() - interval '1 second'"
                        + " where submission_id = $1",
                id);
        reaper.reapExpired().block();
        assertThat(count("select count(*) from uploads where submission_id = $1", id)).isZero();
        assertThat(artifactKeys(id)).isEmpty();
        assertThat(objects(id)).isEmpty();
    }

    /** Chunks of CSV with a pause between them; counts down after the first quarter. */
    private static Flux<DataBuffer> slowCsv(int chunks, CountDownLatch halfway) {
        int quarter = Math.max(1, chunks / 4);
        Mono<DataBuffer> mark = Mono.fromRunnable(halfway::countDown);
        return Uploads.csv(quarter)
                .concatWith(mark)
                .concatWith(Uploads.csv(chunks - quarter).delayElements(Duration.ofMillis(60)));
    }

    private static WebTestClient.ResponseSpec upload(
            WebTestClient client,
            SubmissionScenario s,
            UUID id,
            String name,
            Flux<DataBuffer> content) {
        return Uploads.upload(client, id, s.member, "DATA", name, content);
    }

    private static Map<?, ?> created(WebTestClient.ResponseSpec response) {
        return response.expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static int status(WebTestClient.ResponseSpec response) {
        return response.returnResult(String.class).getStatus().value();
    }

    private static Flux<ServerSentEvent<Map<String, Object>>> stream(
            WebTestClient client, SubmissionScenario s, CountDownLatch connected) {
        return client.get()
                .uri("/api/v1/me/notifications/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(h -> h.setBearerAuth(s.captain.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(SSE)
                .getResponseBody()
                .doOnNext(
                        e -> {
                            if ("connected".equals(e.comment())) {
                                connected.countDown();
                            }
                        });
    }

    private List<String> objects(UUID submission) {
        return store.list("artifacts/" + submission + "/")
                .map(ObjectStore.ObjectInfo::key)
                .collectList()
                .block();
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
