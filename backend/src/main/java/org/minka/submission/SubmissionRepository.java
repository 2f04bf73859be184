package org.minka.submission;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for submissions, versions, artifacts, uploads and the team quota. */
@Repository
class SubmissionRepository {

    private static final String SUBMISSION =
            "id, event_id, team_id, challenge_id, title, summary, links::text as links,"
                    + " datasets::text as datasets, licence, latest_version, created_at, updated_at, version";
    private static final String ARTIFACT =
            "id, kind, filename, content_type, size_bytes, sha256, object_key, notebook::text as notebook,"
                    + " preview_key, created_at";
    private static final TypeReference<List<Submission.DatasetUse>> DATASETS =
            new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    SubmissionRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A submission row. */
    record Row(
            UUID id,
            UUID eventId,
            UUID teamId,
            UUID challengeId,
            String title,
            String summary,
            Submission.Links links,
            List<Submission.DatasetUse> datasets,
            String licence,
            int latestVersion,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

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

    Mono<Row> insert(UUID eventId, Submission.Create c, UUID by) {
        return db.sql(
                        "insert into submissions (event_id, team_id, challenge_id, title, summary, links, datasets, licence, created_by)"
                                + " values (:event, :team, :challenge, :title, :summary, cast(:links as jsonb),"
                                + " cast(:datasets as jsonb), :licence, :by) returning "
                                + SUBMISSION)
                .bind("event", eventId)
                .bind("team", c.teamId())
                .bind("challenge", c.challengeId())
                .bind("title", c.title().strip())
                .bind("summary", c.summary() == null ? "" : c.summary())
                .bind(
                        "links",
                        json.writeValueAsString(
                                c.links() == null ? Submission.Links.NONE : c.links()))
                .bind("datasets", json.writeValueAsString(c.datasets()))
                .bind("licence", c.licence())
                .bind("by", by)
                .map(this::toRow)
                .one();
    }

    Mono<Row> find(UUID id) {
        return db.sql("select " + SUBMISSION + " from submissions where id = :id")
                .bind("id", id)
                .map(this::toRow)
                .one();
    }

    /** Saves the draft when the row is still at the expected version; empty otherwise. */
    Mono<Row> update(Row r, long expectedVersion) {
        return db.sql(
                        "update submissions set title = :title, summary = :summary, links = cast(:links as jsonb),"
                                + " datasets = cast(:datasets as jsonb), licence = :licence, updated_at = now(),"
                                + " version = version + 1 where id = :id and version = :expected returning "
                                + SUBMISSION)
                .bind("id", r.id())
                .bind("expected", expectedVersion)
                .bind("title", r.title())
                .bind("summary", r.summary())
                .bind("links", json.writeValueAsString(r.links()))
                .bind("datasets", json.writeValueAsString(r.datasets()))
                .bind("licence", r.licence())
                .map(this::toRow)
                .one();
    }

    /**
     * Whether SUBMISSION is open at the database's now(), the grace period added to its close.
     * Checked in the same transaction as the write it guards, when the request finishes.
     */
    Mono<Boolean> acceptingNow(UUID eventId, int graceMinutes) {
        return db.sql(
                        "select exists (select 1 from event_phases where event_id = :event and phase = 'SUBMISSION'"
                                + " and now() >= opens_at and now() < closes_at + make_interval(mins => :grace)) as open")
                .bind("event", eventId)
                .bind("grace", graceMinutes)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("open", Boolean.class)))
                .one();
    }

    /** Locks the submission row for the rest of the transaction (submit and artifact deletes). */
    Mono<Void> lock(UUID id) {
        return db.sql("select id from submissions where id = :id for update")
                .bind("id", id)
                .map((row, meta) -> row.get("id", UUID.class))
                .all()
                .then();
    }

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

    /** Freezes the draft and its current artifacts as the next numbered version. */
    Mono<Integer> freezeVersion(UUID id, UUID by) {
        return db.sql(
                        "with bumped as (update submissions set latest_version = latest_version + 1,"
                                + " version = version + 1, updated_at = now() where id = :id returning *)"
                                + " insert into submission_versions (submission_id, number, title, summary, links, datasets,"
                                + " licence, artifact_ids, submitted_by)"
                                + " select b.id, b.latest_version, b.title, b.summary, b.links, b.datasets, b.licence,"
                                + " coalesce((select array_agg(a.id order by a.created_at, a.id) from artifacts a"
                                + " where a.submission_id = b.id), '{}'), :by from bumped b returning number")
                .bind("id", id)
                .bind("by", by)
                .map((row, meta) -> row.get("number", Integer.class))
                .one();
    }

    Flux<Submission.VersionSummary> versions(UUID id) {
        return db.sql(
                        "select number, submitted_at from submission_versions where submission_id = :id"
                                + " order by number desc")
                .bind("id", id)
                .map(
                        (row, meta) ->
                                new Submission.VersionSummary(
                                        row.get("number", Integer.class),
                                        row.get("submitted_at", Instant.class)))
                .all();
    }

    /** A version row; its artifact ids are resolved by the caller. */
    record VersionRow(
            UUID submissionId,
            int number,
            String title,
            String summary,
            Submission.Links links,
            List<Submission.DatasetUse> datasets,
            String licence,
            List<UUID> artifactIds,
            UUID submittedBy,
            Instant submittedAt) {}

    Mono<VersionRow> version(UUID id, int number) {
        return db.sql(
                        "select submission_id, number, title, summary, links::text as links, datasets::text as datasets,"
                                + " licence, artifact_ids, submitted_by, submitted_at from submission_versions"
                                + " where submission_id = :id and number = :n")
                .bind("id", id)
                .bind("n", number)
                .map(this::toVersion)
                .one();
    }

    private VersionRow toVersion(Readable row) {
        return new VersionRow(
                row.get("submission_id", UUID.class),
                row.get("number", Integer.class),
                row.get("title", String.class),
                row.get("summary", String.class),
                json.readValue(row.get("links", String.class), Submission.Links.class),
                json.readValue(row.get("datasets", String.class), DATASETS),
                row.get("licence", String.class),
                Arrays.asList(row.get("artifact_ids", UUID[].class)),
                row.get("submitted_by", UUID.class),
                row.get("submitted_at", Instant.class));
    }

    /** The event's submissions in creation order after the cursor, optionally filtered. */
    Flux<Row> list(UUID eventId, UUID teamId, UUID challengeId, PageRequest page) {
        Cursor after = page.after();
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "select "
                                        + SUBMISSION
                                        + " from submissions where event_id = :event"
                                        + (teamId == null ? "" : " and team_id = :team")
                                        + (challengeId == null
                                                ? ""
                                                : " and challenge_id = :challenge")
                                        + (after == null
                                                ? ""
                                                : " and (created_at, id) > (:at, :id)")
                                        + " order by created_at, id limit :limit")
                        .bind("event", eventId)
                        .bind("limit", page.fetchSize());
        if (teamId != null) {
            spec = spec.bind("team", teamId);
        }
        if (challengeId != null) {
            spec = spec.bind("challenge", challengeId);
        }
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(this::toRow).all();
    }

    /** A submission of the public gallery with its latest submitted version. */
    record GalleryRow(
            UUID submissionId,
            Instant createdAt,
            UUID teamId,
            UUID challengeId,
            VersionRow version) {}

    /**
     * The event's submissions that have a submitted version, each with its latest one (the one that
     * counts), in creation order after the cursor, optionally for one challenge.
     */
    Flux<GalleryRow> gallery(UUID eventId, UUID challengeId, PageRequest page) {
        Cursor after = page.after();
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "select s.id as submission_id, s.created_at, s.team_id, s.challenge_id, v.number,"
                                        + " v.title, v.summary, v.links::text as links, v.datasets::text as datasets,"
                                        + " v.licence, v.artifact_ids, v.submitted_by, v.submitted_at"
                                        + " from submissions s join submission_versions v"
                                        + " on v.submission_id = s.id and v.number = s.latest_version"
                                        + " where s.event_id = :event and s.latest_version > 0"
                                        + (challengeId == null
                                                ? ""
                                                : " and s.challenge_id = :challenge")
                                        + (after == null
                                                ? ""
                                                : " and (s.created_at, s.id) > (:at, :id)")
                                        + " order by s.created_at, s.id limit :limit")
                        .bind("event", eventId)
                        .bind("limit", page.fetchSize());
        if (challengeId != null) {
            spec = spec.bind("challenge", challengeId);
        }
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(
                        row ->
                                new GalleryRow(
                                        row.get("submission_id", UUID.class),
                                        row.get("created_at", Instant.class),
                                        row.get("team_id", UUID.class),
                                        row.get("challenge_id", UUID.class),
                                        toVersion(row)))
                .all();
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
                .map(SubmissionRepository::toUpload)
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

    private Row toRow(Readable row) {
        return new Row(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("team_id", UUID.class),
                row.get("challenge_id", UUID.class),
                row.get("title", String.class),
                row.get("summary", String.class),
                json.readValue(row.get("links", String.class), Submission.Links.class),
                json.readValue(row.get("datasets", String.class), DATASETS),
                row.get("licence", String.class),
                row.get("latest_version", Integer.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class),
                row.get("version", Long.class));
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
