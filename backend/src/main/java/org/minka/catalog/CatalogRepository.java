package org.minka.catalog;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.portal.PortalKind;
import org.minka.catalog.quality.QualityReport;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for publishers, their members, portals, linked datasets and their snapshots. */
@Repository
class CatalogRepository {

    private static final String PUBLISHER =
            "id, name, type, region, portal_org_id, created_at, version";
    private static final String PORTAL = "id, name, base_url, kind, created_at";
    private static final String SUMMARY =
            "id, portal_id, portal_dataset_id, title, publisher_id, publisher_name, license_id, themes,"
                    + " formats, score, rating, stars, created_at, fetched_at";
    private static final String DATASET =
            SUMMARY
                    + ", snapshot::text as snapshot, reachability::text as reachability, last_error,"
                    + " last_error_at, version,"
                    + " (select count(distinct cd.challenge_id) from challenge_datasets cd"
                    + " where cd.dataset_id = catalog_datasets.id) as challenges";

    private final DatabaseClient db;

    CatalogRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A dataset as stored: the columns and the snapshot JSON. */
    record DatasetRow(
            Dataset.Summary summary,
            String snapshotJson,
            String reachabilityJson,
            String lastError,
            Instant lastErrorAt,
            long version,
            long challenges) {}

    /** What is stored for one dataset read from its portal. */
    record Stored(
            UUID portalId,
            String portalDatasetId,
            String slug,
            UUID publisherId,
            String title,
            String publisherName,
            String licenseId,
            List<String> themes,
            List<String> formats,
            int score,
            QualityReport.Rating rating,
            int stars,
            String snapshotJson,
            String rawJson,
            String qualityJson) {}

    // publishers

    Mono<Publisher> insertPublisher(Publisher.Create c, UUID createdBy) {
        return db.sql(
                        "insert into publishers (name, type, region, portal_org_id, created_by)"
                                + " values (:name, :type, :region, :org, :by) returning "
                                + PUBLISHER)
                .bind("name", c.name().strip())
                .bind("type", c.type().name())
                .bind("region", Parameter.fromOrEmpty(blankToNull(c.region()), String.class))
                .bind("org", Parameter.fromOrEmpty(blankToNull(c.portalOrgId()), String.class))
                .bind("by", createdBy)
                .map(CatalogRepository::toPublisher)
                .one();
    }

    Mono<Publisher> findPublisher(UUID id) {
        return db.sql("select " + PUBLISHER + " from publishers where id = :id")
                .bind("id", id)
                .map(CatalogRepository::toPublisher)
                .one();
    }

    Mono<UUID> findPublisherByPortalOrg(String portalOrgId) {
        return db.sql("select id from publishers where lower(portal_org_id) = lower(:org)")
                .bind("org", portalOrgId)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    Flux<Publisher> listPublishers(PageRequest page) {
        Cursor after = page.after();
        String where = after == null ? "" : " where (created_at, id) > (:at, :id)";
        var spec =
                db.sql(
                        "select "
                                + PUBLISHER
                                + " from publishers"
                                + where
                                + " order by created_at, id limit :n");
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.bind("n", page.fetchSize()).map(CatalogRepository::toPublisher).all();
    }

    Mono<Publisher.Stats> publisherStats(UUID publisherId) {
        return db.sql(
                        "select count(*) as n, avg(score)::float8 as avg,"
                                + " count(*) filter (where rating = 'EXCELLENT') as excellent,"
                                + " count(*) filter (where rating = 'GOOD') as good,"
                                + " count(*) filter (where rating = 'SUFFICIENT') as sufficient,"
                                + " count(*) filter (where rating = 'BAD') as bad"
                                + " from catalog_datasets where publisher_id = :id")
                .bind("id", publisherId)
                .map(
                        row ->
                                new Publisher.Stats(
                                        row.get("n", Long.class),
                                        row.get("avg", Double.class),
                                        row.get("excellent", Long.class),
                                        row.get("good", Long.class),
                                        row.get("sufficient", Long.class),
                                        row.get("bad", Long.class)))
                .one();
    }

    /** Grants membership; 0 when the user already is a member. */
    Mono<Long> addMember(UUID publisherId, UUID userId, UUID grantedBy) {
        return db.sql(
                        "insert into publisher_members (publisher_id, user_id, granted_by)"
                                + " values (:p, :u, :by) on conflict do nothing")
                .bind("p", publisherId)
                .bind("u", userId)
                .bind("by", grantedBy)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> removeMember(UUID publisherId, UUID userId) {
        return db.sql("delete from publisher_members where publisher_id = :p and user_id = :u")
                .bind("p", publisherId)
                .bind("u", userId)
                .fetch()
                .rowsUpdated();
    }

    Mono<Boolean> isMember(UUID publisherId, UUID userId) {
        return exists(
                "select exists (select 1 from publisher_members where publisher_id = :p and user_id = :u)",
                Map.of("p", publisherId, "u", userId));
    }

    /**
     * Whether the user organizes any event. Read in SQL (event depends on catalog, not the other
     * way round).
     */
    Mono<Boolean> organizesAnyEvent(UUID userId) {
        return exists(
                "select exists (select 1 from event_memberships where user_id = :u"
                        + " and role = 'ORGANIZER' and status = 'ACTIVE')",
                Map.of("u", userId));
    }

    Mono<Boolean> userExists(UUID userId) {
        return exists("select exists (select 1 from users where id = :u)", Map.of("u", userId));
    }

    // portals

    Mono<Portal> insertPortal(String name, String baseUrl, PortalKind kind, UUID createdBy) {
        return db.sql(
                        "insert into portal_sources (name, base_url, kind, created_by)"
                                + " values (:name, :url, :kind, :by) returning "
                                + PORTAL)
                .bind("name", name.strip())
                .bind("url", baseUrl)
                .bind("kind", kind.name())
                .bind("by", createdBy)
                .map(CatalogRepository::toPortal)
                .one();
    }

    Mono<Portal> findPortal(UUID id) {
        return db.sql("select " + PORTAL + " from portal_sources where id = :id")
                .bind("id", id)
                .map(CatalogRepository::toPortal)
                .one();
    }

    /** The registered portal whose base URL the URL starts with (the longest one). */
    Mono<Portal> findPortalForUrl(String url) {
        return db.sql(
                        "select "
                                + PORTAL
                                + " from portal_sources where starts_with(lower(:url), lower(base_url) || '/')"
                                + " or lower(:url) = lower(base_url) order by length(base_url) desc limit 1")
                .bind("url", url)
                .map(CatalogRepository::toPortal)
                .one();
    }

    Flux<Portal> listPortals() {
        return db.sql("select " + PORTAL + " from portal_sources order by created_at, id")
                .map(CatalogRepository::toPortal)
                .all();
    }

    // datasets

    /** Stores a newly linked dataset; empty when the portal's dataset is already linked. */
    Mono<UUID> insertDataset(Stored s, UUID linkedBy) {
        return db.sql(
                        "insert into catalog_datasets (portal_id, portal_dataset_id, slug, publisher_id, title,"
                                + " publisher_name, license_id, themes, formats, score, rating, stars, snapshot, raw,"
                                + " quality, linked_by) values (:portal, :pid, :slug, :publisher, :title, :pname,"
                                + " :license, :themes, :formats, :score, :rating, :stars, cast(:snapshot as jsonb),"
                                + " cast(:raw as jsonb), cast(:quality as jsonb), :by)"
                                + " on conflict (portal_id, portal_dataset_id) do nothing returning id")
                .bindValues(values(s))
                .bind("by", linkedBy)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    /** Replaces the current snapshot after a good refresh; empty when the version moved on. */
    Mono<Long> updateSnapshot(UUID id, long version, Stored s) {
        Map<String, Object> values = values(s);
        values.remove("portal");
        values.remove("pid");
        values.remove("publisher");
        return db.sql(
                        "update catalog_datasets set slug = :slug, title = :title, publisher_name = :pname,"
                                + " license_id = :license, themes = :themes, formats = :formats, score = :score,"
                                + " rating = :rating, stars = :stars, snapshot = cast(:snapshot as jsonb),"
                                + " raw = cast(:raw as jsonb), quality = cast(:quality as jsonb), fetched_at = now(),"
                                + " last_error = null, last_error_at = null, version = version + 1"
                                + " where id = :id and version = :version")
                .bindValues(values)
                .bind("id", id)
                .bind("version", version)
                .fetch()
                .rowsUpdated();
    }

    /** Records a failed refresh and keeps the last good snapshot. */
    Mono<Long> recordFailure(UUID id, String error) {
        return db.sql(
                        "update catalog_datasets set last_error = :error, last_error_at = now() where id = :id")
                .bind("id", id)
                .bind("error", error)
                .fetch()
                .rowsUpdated();
    }

    Mono<Void> insertSnapshot(
            UUID datasetId, int score, String snapshot, String raw, String changes) {
        return db.sql(
                        "insert into catalog_dataset_snapshots (dataset_id, score, snapshot, raw, changes)"
                                + " values (:d, :score, cast(:snapshot as jsonb), cast(:raw as jsonb), cast(:changes as jsonb))")
                .bind("d", datasetId)
                .bind("score", score)
                .bind("snapshot", snapshot)
                .bind("raw", raw)
                .bind("changes", changes)
                .then();
    }

    /**
     * Links the challenges' free dataset entries that name this dataset (by landing URL, or by
     * portal id on the same portal); the free fields stay as they were.
     */
    Mono<Long> linkChallengeEntries(
            UUID datasetId, String baseUrl, List<String> urls, List<String> ids) {
        return db.sql(
                        "update challenge_datasets set dataset_id = :d where dataset_id is null and"
                                + " (rtrim(lower(landing_url), '/') = any(:urls) or (portal_id is not null"
                                + " and lower(portal_id) = any(:ids) and starts_with(lower(landing_url), lower(:base))))")
                .bind("d", datasetId)
                .bind(
                        "urls",
                        urls.stream().map(u -> trimSlash(u.toLowerCase())).toArray(String[]::new))
                .bind("ids", ids.stream().map(String::toLowerCase).toArray(String[]::new))
                .bind("base", baseUrl)
                .fetch()
                .rowsUpdated();
    }

    /**
     * Links every free challenge entry that names a linked dataset (challenge edits rewrite the
     * entries; this restores their links).
     */
    Mono<Long> linkAllChallengeEntries() {
        return db.sql(LINK_ENTRIES).fetch().rowsUpdated();
    }

    /** Links the free entries of one challenge that name a linked dataset. */
    Mono<Long> linkChallengeEntries(UUID challengeId) {
        return db.sql(LINK_ENTRIES + " and cd.challenge_id = :c")
                .bind("c", challengeId)
                .fetch()
                .rowsUpdated();
    }

    private static final String LINK_ENTRIES =
            "update challenge_datasets cd set dataset_id = d.id from catalog_datasets d"
                    + " join portal_sources p on p.id = d.portal_id where cd.dataset_id is null and"
                    + " (rtrim(lower(cd.landing_url), '/') in (lower(p.base_url) || '/dataset/' || lower(d.slug),"
                    + " lower(p.base_url) || '/dataset/' || lower(d.portal_dataset_id))"
                    + " or (cd.portal_id is not null and lower(cd.portal_id) in (lower(d.slug), lower(d.portal_dataset_id))"
                    + " and starts_with(lower(cd.landing_url), lower(p.base_url) || '/')))";

    /** Linked datasets by id, with the landing page a challenge entry names them by. */
    Flux<CatalogLookup.LinkedDataset> linkedDatasets(List<UUID> ids) {
        return db.sql(
                        "select d.id, d.publisher_id, d.title, d.portal_dataset_id,"
                                + " coalesce(nullif(d.snapshot->>'landingPage', ''), p.base_url || '/dataset/'"
                                + " || coalesce(d.slug, d.portal_dataset_id)) as landing_url"
                                + " from catalog_datasets d join portal_sources p on p.id = d.portal_id"
                                + " where d.id = any(:ids) order by d.id")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(
                        row ->
                                new CatalogLookup.LinkedDataset(
                                        row.get("id", UUID.class),
                                        row.get("publisher_id", UUID.class),
                                        row.get("title", String.class),
                                        row.get("landing_url", String.class),
                                        row.get("portal_dataset_id", String.class)))
                .all();
    }

    /** The publisher's members, oldest grant first. */
    Flux<Publisher.Member> members(UUID publisherId) {
        return db.sql(
                        "select m.user_id, u.name, m.granted_by, m.created_at from publisher_members m"
                                + " join users u on u.id = m.user_id where m.publisher_id = :p"
                                + " order by m.created_at, m.user_id")
                .bind("p", publisherId)
                .map(
                        row ->
                                new Publisher.Member(
                                        row.get("user_id", UUID.class),
                                        row.get("name", String.class),
                                        row.get("granted_by", UUID.class),
                                        row.get("created_at", Instant.class)))
                .all();
    }

    /**
     * The URLs a submission may declare the dataset by: the given ones (its landing pages) and the
     * landing URLs of the challenge entries linked to it, compared without case or trailing slash.
     */
    private static final String DECLARED =
            "with urls as (select rtrim(lower(u), '/') as u from unnest(cast(:urls as text[])) u"
                    + " union select rtrim(lower(landing_url), '/') from challenge_datasets where dataset_id = :d),"
                    + " declared as (select s.id, s.event_id, s.team_id, v.title, v.submitted_at"
                    + " from submissions s join submission_versions v on v.submission_id = s.id"
                    + " and v.number = s.latest_version where exists (select 1 from jsonb_array_elements(v.datasets) x"
                    + " where rtrim(lower(x->>'url'), '/') in (select u from urls)))";

    /** Submissions whose latest submitted version declares the dataset (drafts do not count). */
    Mono<Long> countDeclaringSubmissions(UUID datasetId, List<String> urls) {
        return db.sql(DECLARED + " select count(*) as n from declared")
                .bind("d", datasetId)
                .bind("urls", urls.toArray(String[]::new))
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /**
     * Of those, the ones shown in a public gallery: the event is published, its gallery is public
     * and SUBMISSION has closed (as the gallery decides).
     */
    Flux<Dataset.PublicSubmission> publicDeclaringSubmissions(
            UUID datasetId, List<String> urls, int limit) {
        return db.sql(
                        DECLARED
                                + " select x.id, x.event_id, x.title, t.name as team_name from declared x"
                                + " join teams t on t.id = x.team_id join events e on e.id = x.event_id"
                                + " where e.published and coalesce((e.settings->>'galleryPublic')::boolean, true)"
                                + " and exists (select 1 from event_phases p where p.event_id = e.id"
                                + " and p.phase = 'SUBMISSION' and now() >= p.closes_at)"
                                + " order by x.submitted_at, x.id limit :n")
                .bind("d", datasetId)
                .bind("urls", urls.toArray(String[]::new))
                .bind("n", limit)
                .map(
                        row ->
                                new Dataset.PublicSubmission(
                                        row.get("id", UUID.class),
                                        row.get("event_id", UUID.class),
                                        row.get("title", String.class),
                                        row.get("team_name", String.class)))
                .all();
    }

    Mono<DatasetRow> findDataset(UUID id) {
        return db.sql("select " + DATASET + " from catalog_datasets where id = :id")
                .bind("id", id)
                .map(CatalogRepository::toDatasetRow)
                .one();
    }

    Mono<String> findRaw(UUID id) {
        return db.sql("select raw::text as raw from catalog_datasets where id = :id")
                .bind("id", id)
                .map(row -> row.get("raw", String.class))
                .one();
    }

    /** Filters for the public listing. */
    record Filter(UUID publisher, String theme, String format, String license, Integer minScore) {}

    Flux<Dataset.Summary> listDatasets(Filter f, PageRequest page) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (f.publisher() != null) {
            where.append(" and publisher_id = :publisher");
            binds.put("publisher", f.publisher());
        }
        if (f.theme() != null) {
            where.append(
                    " and exists (select 1 from unnest(themes) t where lower(t) = lower(:theme))");
            binds.put("theme", f.theme());
        }
        if (f.format() != null) {
            where.append(" and upper(:format) = any(formats)");
            binds.put("format", f.format());
        }
        if (f.license() != null) {
            where.append(" and license_id = lower(:license)");
            binds.put("license", f.license());
        }
        if (f.minScore() != null) {
            where.append(" and score >= :min");
            binds.put("min", f.minScore());
        }
        Cursor after = page.after();
        if (after != null) {
            where.append(" and (created_at, id) > (:at, :id)");
            binds.put("at", after.createdAt());
            binds.put("id", after.id());
        }
        binds.put("n", page.fetchSize());
        return db.sql(
                        "select "
                                + SUMMARY
                                + " from catalog_datasets"
                                + where
                                + " order by created_at, id limit :n")
                .bindValues(binds)
                .map(CatalogRepository::toSummary)
                .all();
    }

    /** Datasets to refresh: the least recently read first. */
    Flux<DatasetRow> datasetsToRefresh(int limit) {
        return db.sql(
                        "select "
                                + DATASET
                                + " from catalog_datasets order by greatest(fetched_at, coalesce(last_error_at, fetched_at)), id limit :n")
                .bind("n", limit)
                .map(CatalogRepository::toDatasetRow)
                .all();
    }

    /** Datasets whose URLs were checked longest ago (never checked first). */
    Flux<DatasetRow> datasetsForReachability(int limit) {
        return db.sql(
                        "select "
                                + DATASET
                                + " from catalog_datasets order by reachability_checked_at nulls first, id limit :n")
                .bind("n", limit)
                .map(CatalogRepository::toDatasetRow)
                .all();
    }

    Flux<Dataset.HistoryEntry> history(
            UUID datasetId,
            java.util.function.Function<String, List<Dataset.Change>> changes,
            java.util.function.Function<String, org.minka.catalog.portal.DatasetSnapshot>
                    snapshot) {
        return db.sql(
                        "select id, fetched_at, score, changes::text as changes, snapshot::text as snapshot"
                                + " from catalog_dataset_snapshots where dataset_id = :d order by id desc limit 50")
                .bind("d", datasetId)
                .map(
                        row ->
                                new Dataset.HistoryEntry(
                                        row.get("id", Long.class),
                                        row.get("fetched_at", Instant.class),
                                        row.get("score", Integer.class),
                                        changes.apply(row.get("changes", String.class)),
                                        snapshot.apply(row.get("snapshot", String.class))))
                .all();
    }

    /** Stores a reachability result for the dataset (URL to reachable) and its new score. */
    Mono<Long> updateReachability(
            UUID id,
            String reachabilityJson,
            int score,
            QualityReport.Rating rating,
            String qualityJson) {
        return db.sql(
                        "update catalog_datasets set reachability = cast(:r as jsonb), reachability_checked_at = now(), score = :score,"
                                + " rating = :rating, quality = cast(:q as jsonb) where id = :id")
                .bind("id", id)
                .bind("r", reachabilityJson)
                .bind("score", score)
                .bind("rating", rating.name())
                .bind("q", qualityJson)
                .fetch()
                .rowsUpdated();
    }

    /** Takes the refresh lease when it is free or expired; false when another holder has it. */
    Mono<Boolean> takeRefreshLease(String holder, java.time.Duration ttl) {
        return db.sql(
                        "update catalog_refresh_lease set holder = :h, until = now() + make_interval(secs => :ttl)"
                                + " where name = 'refresh' and (until < now() or holder = :h)")
                .bind("h", holder)
                .bind("ttl", (double) ttl.toSeconds())
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Void> releaseRefreshLease(String holder) {
        return db.sql(
                        "update catalog_refresh_lease set holder = null, until = '-infinity'"
                                + " where name = 'refresh' and holder = :h")
                .bind("h", holder)
                .then();
    }

    /** Marks the dataset as read now with no change (the snapshot stays). */
    Mono<Long> touch(UUID id) {
        return db.sql(
                        "update catalog_datasets set fetched_at = now(), last_error = null, last_error_at = null"
                                + " where id = :id")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    private Mono<Boolean> exists(String sql, Map<String, Object> binds) {
        return db.sql(sql).bindValues(binds).map(row -> row.get(0, Boolean.class)).one();
    }

    private static Map<String, Object> values(Stored s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("portal", s.portalId());
        v.put("pid", s.portalDatasetId());
        v.put("slug", Parameter.fromOrEmpty(s.slug(), String.class));
        v.put("publisher", Parameter.fromOrEmpty(s.publisherId(), UUID.class));
        v.put("title", s.title());
        v.put("pname", Parameter.fromOrEmpty(s.publisherName(), String.class));
        v.put("license", Parameter.fromOrEmpty(s.licenseId(), String.class));
        v.put("themes", s.themes().toArray(String[]::new));
        v.put("formats", s.formats().toArray(String[]::new));
        v.put("score", s.score());
        v.put("rating", s.rating().name());
        v.put("stars", s.stars());
        v.put("snapshot", s.snapshotJson());
        v.put("raw", s.rawJson());
        v.put("quality", s.qualityJson());
        return v;
    }

    private static Publisher toPublisher(Readable row) {
        return new Publisher(
                row.get("id", UUID.class),
                row.get("name", String.class),
                Publisher.Type.valueOf(row.get("type", String.class)),
                row.get("region", String.class),
                row.get("portal_org_id", String.class),
                row.get("created_at", Instant.class),
                row.get("version", Long.class));
    }

    private static Portal toPortal(Readable row) {
        return new Portal(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("base_url", String.class),
                PortalKind.valueOf(row.get("kind", String.class)),
                row.get("created_at", Instant.class));
    }

    private static Dataset.Summary toSummary(Readable row) {
        return new Dataset.Summary(
                row.get("id", UUID.class),
                row.get("portal_id", UUID.class),
                row.get("portal_dataset_id", String.class),
                row.get("title", String.class),
                row.get("publisher_id", UUID.class),
                row.get("publisher_name", String.class),
                row.get("license_id", String.class),
                Arrays.asList(row.get("themes", String[].class)),
                Arrays.asList(row.get("formats", String[].class)),
                row.get("score", Integer.class),
                QualityReport.Rating.valueOf(row.get("rating", String.class)),
                row.get("stars", Integer.class),
                row.get("created_at", Instant.class),
                row.get("fetched_at", Instant.class));
    }

    private static DatasetRow toDatasetRow(Readable row) {
        return new DatasetRow(
                toSummary(row),
                row.get("snapshot", String.class),
                row.get("reachability", String.class),
                row.get("last_error", String.class),
                row.get("last_error_at", Instant.class),
                row.get("version", Long.class),
                row.get("challenges", Long.class));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String trimSlash(String s) {
        String t = s;
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
