package org.minka.submission;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** SQL for artifacts, uploads in progress and the team quota. */
@Repository
class ArtifactRepository {

    private static final String ARTIFACT =
            "id, kind, filename, content_type, size_bytes, sha256, object_key, notebook::text as notebook,"
                    + " preview_key, created_at";

    private final DatabaseClient db;
    private final JsonMapper json;

    ArtifactRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** An artifact row, with the keys the API never shows. */
    record ArtifactRow(Submission.Artifact view, String objectKey, String previewKey) {}

    /** An upload in progress (streamed, or a presigned slot). */
    record UploadRow(
            UUID id,
            UUID submissionId,
            UUID teamId,
            String mode,
            ArtifactKind kind,
            String filename,
            Long sizeBytes,
            String sha256,
            String objectKey,
            Instant expiresAt,
            boolean expired) {}

    /**
     * Deletes a draft artifact unless a submitted version holds it; true when it was deleted.
     * Counts a change of the draft (its row version and update time).
     */
    Mono<Boolean> deleteDraftArtifact(UUID submissionId, UUID artifactId) {
        return db.sql(
                        "with gone as (delete from artifacts a where a.submission_id = :s and a.id = :id"
                                + " and not exists (select 1 from submission_versions v where v.submission_id = :s"
                                + " and a.id = any(v.artifact_ids)) returning a.id)"
                                + " update submissions set version = version + 1, updated_at = now()"
                                + " where id = :s and exists (select 1 from gone)")
                .bind("s", submissionId)
                .bind("id", artifactId)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /** Gives bytes back to the team's quota. */
    Mono<Void> release(UUID teamId, long bytes) {
        return db.sql(
                        "update team_storage set used_bytes = greatest(used_bytes - :bytes, 0)"
                                + " where team_id = :team")
                .bind("team", teamId)
                .bind("bytes", bytes)
                .then();
    }

    /** Whether the artifact belongs to a submitted version of the submission. */
    Mono<Boolean> isInSomeVersion(UUID submissionId, UUID artifactId) {
        return db.sql(
                        "select exists (select 1 from submission_versions where submission_id = :id"
                                + " and :artifact = any(artifact_ids)) as v")
                .bind("id", submissionId)
                .bind("artifact", artifactId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("v", Boolean.class)))
                .one();
    }

    Flux<ArtifactRow> artifacts(UUID submissionId) {
        return db.sql(
                        "select "
                                + ARTIFACT
                                + " from artifacts where submission_id = :id order by created_at, id")
                .bind("id", submissionId)
                .map(this::toArtifact)
                .all();
    }

    Flux<ArtifactRow> artifacts(List<UUID> ids) {
        return db.sql(
                        "select "
                                + ARTIFACT
                                + " from artifacts where id = any(cast(:ids as uuid[])) order by created_at, id")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(this::toArtifact)
                .all();
    }

    Mono<ArtifactRow> artifact(UUID submissionId, UUID artifactId) {
        return db.sql(
                        "select "
                                + ARTIFACT
                                + " from artifacts where submission_id = :s and id = :id")
                .bind("s", submissionId)
                .bind("id", artifactId)
                .map(this::toArtifact)
                .one();
    }

    /** Bytes the team has stored. */
    Mono<Long> usedBytes(UUID teamId) {
        return db.sql(
                        "select coalesce((select used_bytes from team_storage where team_id = :team), 0) as used")
                .bind("team", teamId)
                .map((row, meta) -> row.get("used", Long.class))
                .one();
    }

    /** Adds to the team's usage unless that passes the quota; false when it would. */
    Mono<Boolean> reserve(UUID teamId, long bytes, long quota) {
        return db.sql(
                        "insert into team_storage as t (team_id, used_bytes) select :team, :bytes where :bytes <= :quota"
                                + " on conflict (team_id) do update set used_bytes = t.used_bytes + excluded.used_bytes"
                                + " where t.used_bytes + excluded.used_bytes <= :quota")
                .bind("team", teamId)
                .bind("bytes", bytes)
                .bind("quota", quota)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Void> insertArtifact(
            UUID id,
            UUID submissionId,
            UUID teamId,
            ArtifactKind kind,
            String filename,
            String contentType,
            long size,
            String sha256,
            String objectKey,
            NotebookFacts notebook,
            String previewKey,
            UUID by) {
        return db.sql(
                        "insert into artifacts (id, submission_id, team_id, kind, filename, content_type, size_bytes,"
                                + " sha256, object_key, notebook, preview_key, uploaded_by) values (:id, :submission,"
                                + " :team, :kind, :filename, :type, :size, :sha, :key, cast(:notebook as jsonb), :preview, :by)")
                .bind("id", id)
                .bind("submission", submissionId)
                .bind("team", teamId)
                .bind("kind", kind.name())
                .bind("filename", filename)
                .bind("type", contentType)
                .bind("size", size)
                .bind("sha", sha256)
                .bind("key", objectKey)
                .bind(
                        "notebook",
                        Parameter.fromOrEmpty(
                                notebook == null ? null : json.writeValueAsString(notebook),
                                String.class))
                .bind("preview", Parameter.fromOrEmpty(previewKey, String.class))
                .bind("by", by)
                .then();
    }

    Mono<Void> insertUpload(
            UUID id,
            UUID submissionId,
            UUID teamId,
            String mode,
            ArtifactKind kind,
            String filename,
            Long size,
            String sha256,
            String objectKey,
            java.time.Duration validFor,
            UUID by) {
        return db.sql(
                        "insert into uploads (id, submission_id, team_id, mode, kind, filename, size_bytes, sha256,"
                                + " object_key, created_by, expires_at) values (:id, :submission, :team, :mode, :kind,"
                                + " :filename, :size, :sha, :key, :by, now() + make_interval(secs => :secs))")
                .bind("id", id)
                .bind("submission", submissionId)
                .bind("team", teamId)
                .bind("mode", mode)
                .bind("kind", kind.name())
                .bind("filename", filename)
                .bind("size", Parameter.fromOrEmpty(size, Long.class))
                .bind("sha", Parameter.fromOrEmpty(sha256, String.class))
                .bind("key", objectKey)
                .bind("by", by)
                .bind("secs", (double) validFor.toSeconds())
                .then();
    }

    Mono<UploadRow> upload(UUID submissionId, UUID id) {
        return db.sql(
                        "select id, submission_id, team_id, mode, kind, filename, size_bytes, sha256, object_key,"
                                + " expires_at, expires_at <= now() as expired from uploads"
                                + " where submission_id = :s and id = :id")
                .bind("s", submissionId)
                .bind("id", id)
                .map(ArtifactRepository::toUpload)
                .one();
    }

    /** Whether the upload record is still there (not yet made an artifact, nor reaped). */
    Mono<Boolean> uploadExists(UUID id) {
        return db.sql("select exists (select 1 from uploads where id = :id) as e")
                .bind("id", id)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("e", Boolean.class)))
                .one();
    }

    /** Removes the upload record; true when this call removed it (finalize runs once). */
    Mono<Boolean> deleteUpload(UUID id) {
        return db.sql("delete from uploads where id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    /**
     * Claims up to {@code limit} expired uploads for this transaction, skipping rows another
     * instance holds, and deletes them; returns their object keys.
     */
    Flux<String> takeExpiredUploads(int limit) {
        return db.sql(
                        "delete from uploads where id in (select id from uploads where expires_at <= now()"
                                + " order by expires_at limit :limit for update skip locked) returning object_key")
                .bind("limit", limit)
                .map((row, meta) -> row.get("object_key", String.class))
                .all();
    }

    /** Which of these object keys some row (artifact, preview or upload) still refers to. */
    Flux<String> referencedKeys(List<String> keys) {
        return db.sql(
                        "select k from unnest(cast(:keys as text[])) as k"
                                + " where exists (select 1 from artifacts a where a.object_key = k or a.preview_key = k)"
                                + " or exists (select 1 from uploads u where u.object_key = k)")
                .bind("keys", keys.toArray(String[]::new))
                .map((row, meta) -> row.get("k", String.class))
                .all();
    }

    /** A transaction-scoped lock so that one instance at a time sweeps the bucket. */
    Mono<Boolean> tryReaperLock() {
        return db.sql(
                        "select pg_try_advisory_xact_lock(hashtext('minka.submission.reaper')) as locked")
                .map((row, meta) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one();
    }

    private ArtifactRow toArtifact(Readable row) {
        String notebook = row.get("notebook", String.class);
        String preview = row.get("preview_key", String.class);
        return new ArtifactRow(
                new Submission.Artifact(
                        row.get("id", UUID.class),
                        ArtifactKind.valueOf(row.get("kind", String.class)),
                        row.get("filename", String.class),
                        row.get("content_type", String.class),
                        row.get("size_bytes", Long.class),
                        row.get("sha256", String.class),
                        notebook == null ? null : json.readValue(notebook, NotebookFacts.class),
                        preview != null,
                        row.get("created_at", Instant.class)),
                row.get("object_key", String.class),
                preview);
    }

    private static UploadRow toUpload(Readable row) {
        return new UploadRow(
                row.get("id", UUID.class),
                row.get("submission_id", UUID.class),
                row.get("team_id", UUID.class),
                row.get("mode", String.class),
                ArtifactKind.valueOf(row.get("kind", String.class)),
                row.get("filename", String.class),
                row.get("size_bytes", Long.class),
                row.get("sha256", String.class),
                row.get("object_key", String.class),
                row.get("expires_at", Instant.class),
                Boolean.TRUE.equals(row.get("expired", Boolean.class)));
    }
}
