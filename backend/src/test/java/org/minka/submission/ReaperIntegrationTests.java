package org.minka.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.storage.ObjectStore;
import org.minka.support.IntegrationTest;
import org.minka.support.LocalServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;

/** The reaper, and failures of the database or the client in the middle of an upload. */
class ReaperIntegrationTests extends IntegrationTest {

    private static final byte[] CSV = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);

    @Autowired ObjectStore store;
    @Autowired UploadReaper reaper;

    private List<String> objects(String prefix) {
        return store.list(prefix).map(ObjectStore.ObjectInfo::key).collectList().block();
    }

    private static Connection jdbc() throws Exception {
        Map<String, String> p = LocalServers.forTests().properties();
        return DriverManager.getConnection(
                p.get("spring.flyway.url"),
                p.get("spring.flyway.user"),
                p.get("spring.flyway.password"));
    }

    @Test
    void reapWhenSlotsExpiredThenTheirObjectsAndRowsGoAndLockedRowsAreSkipped() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        for (UUID slot : List.of(first, second)) {
            store.put(ArtifactIntake.objectKey(id, slot), CSV, "text/csv").block();
            s.sql(
                    "insert into uploads (id, submission_id, team_id, mode, kind, filename, object_key, created_by, expires_at)"
                            + " values ($1, $2, $3, 'PRESIGNED', 'DATA', 'a.csv', $4, $5, now() - interval '1 minute')",
                    slot,
                    id,
                    s.team,
                    ArtifactIntake.objectKey(id, slot),
                    s.captain.id());
        }
        try (Connection other = jdbc()) {
            other.setAutoCommit(false);
            try (var lock =
                    other.prepareStatement("select id from uploads where id = ? for update")) {
                lock.setObject(1, second);
                lock.executeQuery().close();
            }
            assertThat(reaper.reapExpired().block()).isGreaterThanOrEqualTo(1L);
            assertThat(objects("artifacts/" + id + "/"))
                    .containsExactly(ArtifactIntake.objectKey(id, second));
            other.rollback();
        }
        reaper.reapExpired().block();
        assertThat(objects("artifacts/" + id + "/")).isEmpty();
        assertThat(count("select count(*) from uploads where submission_id = $1", id)).isZero();
    }

    @Test
    void sweepWhenObjectsHaveNoRowThenDeletedUnlessAnotherInstanceSweeps() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        Map<?, ?> kept =
                Uploads.upload(web, id, s.member, "DATA", "kept.csv", CSV)
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        String orphan = ArtifactIntake.objectKey(id, UUID.randomUUID());
        String orphanPreview = ArtifactIntake.previewKey(id, UUID.randomUUID());
        store.put(orphan, CSV, "text/csv").block();
        store.put(orphanPreview, CSV, "text/html").block();
        try (Connection other = jdbc();
                var lock =
                        other.prepareStatement(
                                "select pg_advisory_lock(hashtext('minka.submission.reaper'))")) {
            lock.executeQuery().close();
            assertThat(reaper.sweep(Duration.ZERO).block()).isZero();
            assertThat(objects("artifacts/" + id + "/")).contains(orphan);
            // released here, not by closing: a closed session's lock goes only once its server
            // process has ended, which may be after the next sweep has asked for it
            try (var unlock =
                    other.prepareStatement(
                            "select pg_advisory_unlock(hashtext('minka.submission.reaper'))")) {
                unlock.executeQuery().close();
            }
        }
        assertThat(reaper.sweep(Duration.ofDays(1)).block()).isZero();
        assertThat(reaper.sweep(Duration.ZERO).block()).isGreaterThanOrEqualTo(2L);
        assertThat(objects("artifacts/" + id + "/"))
                .containsExactly(
                        ArtifactIntake.objectKey(id, UUID.fromString((String) kept.get("id"))));
        assertThat(objects("previews/" + id + "/")).isEmpty();
    }

    @Test
    void uploadWhenDatabaseFailsAfterTheObjectIsStoredThenObjectDeletedAndNoRow() {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        String fn = "fail_" + id.toString().replace("-", "");
        s.sql(
                "create function "
                        + fn
                        + "() returns trigger language plpgsql as $$ begin"
                        + " raise exception 'injected failure'; end $$");
        s.sql(
                "create trigger "
                        + fn
                        + " before insert on artifacts for each row when (new.submission_id = '"
                        + id
                        + "') execute function "
                        + fn
                        + "()");
        try {
            Uploads.upload(web, id, s.member, "DATA", "boom.csv", CSV)
                    .expectStatus()
                    .isEqualTo(500)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://minka.dev/problems/internal-error");
            Uploads.upload(
                            web,
                            id,
                            s.member,
                            "NOTEBOOK",
                            "boom.ipynb",
                            Notebooks.read("test4.5.ipynb"))
                    .expectStatus()
                    .isEqualTo(500);
        } finally {
            s.sql("drop trigger " + fn + " on artifacts");
            s.sql("drop function " + fn + "()");
        }
        assertThat(count("select count(*) from artifacts where submission_id = $1", id)).isZero();
        assertThat(count("select count(*) from uploads where submission_id = $1", id)).isZero();
        assertThat(
                        count(
                                "select coalesce(sum(used_bytes), 0) from team_storage where team_id = $1",
                                s.team))
                .isZero();
        assertThat(objects("artifacts/" + id + "/")).isEmpty();
        assertThat(objects("previews/" + id + "/")).isEmpty();
    }

    @Test
    void uploadWhenClientDropsMidStreamThenNothingStored() throws Exception {
        SubmissionScenario s = new SubmissionScenario(web, db, fixtures, null);
        UUID id = s.submission();
        Flux<DataBuffer> broken =
                Uploads.csv(160).concatWith(Flux.error(new IllegalStateException("network gone")));
        try {
            Uploads.upload(web, id, s.member, "DATA", "cortado.csv", broken).expectStatus();
        } catch (RuntimeException | AssertionError expected) {
            // the client fails to send; what matters is what the server kept
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("select count(*) from uploads where submission_id = $1", id) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count("select count(*) from uploads where submission_id = $1", id)).isZero();
        assertThat(count("select count(*) from artifacts where submission_id = $1", id)).isZero();
        assertThat(objects("artifacts/" + id + "/")).isEmpty();
    }
}
