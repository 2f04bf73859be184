package org.minka.submission;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
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

    /** Locks the submission row for the rest of the transaction (submit and artifact deletes). */
    Mono<Void> lock(UUID id) {
        return db.sql("select id from submissions where id = :id for update")
                .bind("id", id)
                .map((row, meta) -> row.get("id", UUID.class))
                .all()
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

    /** Submitted versions, newest first, after the cursor (the cursor's id is unused). */
    Flux<Submission.VersionSummary> versions(UUID id, PageRequest page) {
        Cursor after = page.after();
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                """
                                select number, submitted_at from submission_versions
                                where submission_id = :id"""
                                        + (after == null ? "" : " and number < :before")
                                        + " order by number desc limit :limit")
                        .bind("id", id)
                        .bind("limit", page.fetchSize());
        if (after != null) {
            spec = spec.bind("before", (int) after.id().getLeastSignificantBits());
        }
        return spec.map(
                        (row, meta) ->
                                new Submission.VersionSummary(
                                        row.get("number", Integer.class),
                                        row.get("submitted_at", Instant.class)))
                .all();
    }

    // For judging: every team's counted version in an event.

    /** The event's submissions that have a submitted version, each with its latest one. */
    Flux<SubmissionAccess.CountedVersion> countedVersions(UUID eventId) {
        return db.sql(
                        """
                        select s.id, s.team_id, s.challenge_id, v.number, v.submitted_at
                        from submissions s join submission_versions v
                          on v.submission_id = s.id and v.number = s.latest_version
                        where s.event_id = :event and s.latest_version > 0
                        order by s.challenge_id, s.id""")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new SubmissionAccess.CountedVersion(
                                        row.get("id", UUID.class),
                                        row.get("team_id", UUID.class),
                                        row.get("challenge_id", UUID.class),
                                        row.get("number", Integer.class),
                                        row.get("submitted_at", Instant.class)))
                .all();
    }

    // For pairwise judging: one challenge's counted versions.

    /** The challenge's submissions that have a submitted version, each with its latest one. */
    Flux<SubmissionAccess.CountedVersion> countedVersions(UUID eventId, UUID challengeId) {
        return db.sql(
                        """
                        select s.id, s.team_id, s.challenge_id, v.number, v.submitted_at
                        from submissions s join submission_versions v
                          on v.submission_id = s.id and v.number = s.latest_version
                        where s.event_id = :event and s.challenge_id = :challenge
                          and s.latest_version > 0
                        order by s.id""")
                .bind("event", eventId)
                .bind("challenge", challengeId)
                .map(
                        (row, meta) ->
                                new SubmissionAccess.CountedVersion(
                                        row.get("id", UUID.class),
                                        row.get("team_id", UUID.class),
                                        row.get("challenge_id", UUID.class),
                                        row.get("number", Integer.class),
                                        row.get("submitted_at", Instant.class)))
                .all();
    }

    // For voting: one submission's place and counted version (0: never submitted).

    Mono<SubmissionAccess.Counted> counted(UUID submissionId) {
        return db.sql(
                        """
                        select id, event_id, team_id, challenge_id, latest_version
                        from submissions where id = :id""")
                .bind("id", submissionId)
                .map(
                        (row, meta) ->
                                new SubmissionAccess.Counted(
                                        row.get("id", UUID.class),
                                        row.get("event_id", UUID.class),
                                        row.get("challenge_id", UUID.class),
                                        row.get("team_id", UUID.class),
                                        row.get("latest_version", Integer.class)))
                .one();
    }

    // For results: the datasets each counted version declares.

    Flux<SubmissionAccess.UsedDataset> datasetsUsed(UUID eventId) {
        return db.sql(
                        """
                        select s.id, d->>'url' as url, d->>'title' as title
                        from submissions s join submission_versions v
                          on v.submission_id = s.id and v.number = s.latest_version
                        cross join lateral jsonb_array_elements(v.datasets)
                          with ordinality as x(d, i)
                        where s.event_id = :event and s.latest_version > 0
                        order by s.id, x.i""")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new SubmissionAccess.UsedDataset(
                                        row.get("id", UUID.class),
                                        row.get("url", String.class),
                                        row.get("title", String.class)))
                .all();
    }
}
