package org.minka.catalog;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.quality.QualityReport;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for linked datasets, their snapshots, and the refresh lease. */
@Repository
class DatasetRepository {

    private static final String SUMMARY =
            """
            id, portal_id, portal_dataset_id, title, publisher_id, publisher_name, license_id,
            themes, formats, score, rating, stars, created_at, fetched_at""";
    private static final String DATASET =
            SUMMARY
                    + """
                    , snapshot::text as snapshot, reachability::text as reachability,
                    last_error, last_error_at, version""";

    private final DatabaseClient db;

    DatasetRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A dataset as stored: the columns and the snapshot JSON. */
    record DatasetRow(
            Dataset.Summary summary,
            String snapshotJson,
            String reachabilityJson,
            String lastError,
            Instant lastErrorAt,
            long version) {}

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

    /** Filters for the public listing. */
    record Filter(UUID publisher, String theme, String format, String license, Integer minScore) {}

    /** Stores a newly linked dataset; empty when the portal's dataset is already linked. */
    Mono<UUID> insertDataset(Stored s, UUID linkedBy) {
        return db.sql(
                        """
                        insert into catalog_datasets (portal_id, portal_dataset_id, slug,
                          publisher_id, title, publisher_name, license_id, themes, formats,
                          score, rating, stars, snapshot, raw, quality, linked_by)
                        values (:portal, :pid, :slug, :publisher, :title, :pname, :license,
                          :themes, :formats, :score, :rating, :stars, cast(:snapshot as jsonb),
                          cast(:raw as jsonb), cast(:quality as jsonb), :by)
                        on conflict (portal_id, portal_dataset_id) do nothing returning id""")
                .bindValues(values(s))
                .bind("by", linkedBy)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    /** Replaces the current snapshot after a good refresh; 0 when the version moved on. */
    Mono<Long> updateSnapshot(UUID id, long version, Stored s) {
        Map<String, Object> values = values(s);
        values.remove("portal");
        values.remove("pid");
        values.remove("publisher");
        return db.sql(
                        """
                        update catalog_datasets set slug = :slug, title = :title,
                          publisher_name = :pname, license_id = :license, themes = :themes,
                          formats = :formats, score = :score, rating = :rating, stars = :stars,
                          snapshot = cast(:snapshot as jsonb), raw = cast(:raw as jsonb),
                          quality = cast(:quality as jsonb), fetched_at = now(),
                          last_error = null, last_error_at = null, version = version + 1
                        where id = :id and version = :version""")
                .bindValues(values)
                .bind("id", id)
                .bind("version", version)
                .fetch()
                .rowsUpdated();
    }

    /** Records a failed refresh and keeps the last good snapshot. */
    Mono<Long> recordFailure(UUID id, String error) {
        return db.sql(
                        """
                        update catalog_datasets set last_error = :error, last_error_at = now()
                        where id = :id""")
                .bind("id", id)
                .bind("error", error)
                .fetch()
                .rowsUpdated();
    }

    Mono<Void> insertSnapshot(
            UUID datasetId, int score, String snapshot, String raw, String changes) {
        return db.sql(
                        """
                        insert into catalog_dataset_snapshots
                          (dataset_id, score, snapshot, raw, changes)
                        values (:d, :score, cast(:snapshot as jsonb), cast(:raw as jsonb),
                          cast(:changes as jsonb))""")
                .bind("d", datasetId)
                .bind("score", score)
                .bind("snapshot", snapshot)
                .bind("raw", raw)
                .bind("changes", changes)
                .then();
    }

    /**
     * For each entry (landing URL, portal id or empty), the linked dataset it names: by the
     * dataset's landing page on its portal, or by portal id on a URL under the portal.
     */
    Flux<CatalogLookup.NamedDataset> datasetsNamedBy(List<CatalogLookup.EntryName> entries) {
        String[] urls =
                entries.stream().map(CatalogLookup.EntryName::landingUrl).toArray(String[]::new);
        String[] ids =
                entries.stream()
                        .map(e -> e.portalId() == null ? "" : e.portalId())
                        .toArray(String[]::new);
        return db.sql(
                        """
                        select distinct on (e.i) e.i, d.id
                        from unnest(cast(:urls as text[]), cast(:ids as text[]))
                          with ordinality as e(url, pid, i)
                        join catalog_datasets d on true
                        join portal_sources p on p.id = d.portal_id
                        where rtrim(lower(e.url), '/') in (
                            lower(p.base_url) || '/dataset/' || lower(d.slug),
                            lower(p.base_url) || '/dataset/' || lower(d.portal_dataset_id))
                          or (e.pid <> ''
                            and lower(e.pid) in (lower(d.slug), lower(d.portal_dataset_id))
                            and starts_with(lower(e.url), lower(p.base_url) || '/'))
                        order by e.i, d.id""")
                .bind("urls", urls)
                .bind("ids", ids)
                .map(
                        row ->
                                new CatalogLookup.NamedDataset(
                                        entries.get(row.get("i", Long.class).intValue() - 1),
                                        row.get("id", UUID.class)))
                .all();
    }

    /** Linked datasets by id, with the landing page a challenge entry names them by. */
    Flux<CatalogLookup.LinkedDataset> linkedDatasets(List<UUID> ids) {
        return db.sql(
                        """
                        select d.id, d.publisher_id, d.title, d.portal_dataset_id,
                          coalesce(nullif(d.snapshot->>'landingPage', ''),
                            p.base_url || '/dataset/' || coalesce(d.slug, d.portal_dataset_id))
                            as landing_url
                        from catalog_datasets d join portal_sources p on p.id = d.portal_id
                        where d.id = any(:ids) order by d.id""")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(DatasetRepository::toLinked)
                .all();
    }

    Mono<DatasetRow> findDataset(UUID id) {
        return db.sql("select " + DATASET + " from catalog_datasets where id = :id")
                .bind("id", id)
                .map(DatasetRepository::toDatasetRow)
                .one();
    }

    Mono<String> findRaw(UUID id) {
        return db.sql("select raw::text as raw from catalog_datasets where id = :id")
                .bind("id", id)
                .map(row -> row.get("raw", String.class))
                .one();
    }

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
        String sql =
                "select "
                        + SUMMARY
                        + " from catalog_datasets"
                        + where
                        + " order by created_at, id limit :n";
        return db.sql(sql).bindValues(binds).map(DatasetRepository::toSummary).all();
    }

    /** Datasets to refresh: the least recently read first. */
    Flux<DatasetRow> datasetsToRefresh(int limit) {
        String sql =
                "select "
                        + DATASET
                        + """
                         from catalog_datasets
                        order by greatest(fetched_at, coalesce(last_error_at, fetched_at)), id
                        limit :n""";
        return db.sql(sql).bind("n", limit).map(DatasetRepository::toDatasetRow).all();
    }

    /** Datasets whose URLs were checked longest ago (never checked first). */
    Flux<DatasetRow> datasetsForReachability(int limit) {
        String sql =
                "select "
                        + DATASET
                        + """
                         from catalog_datasets
                        order by reachability_checked_at nulls first, id limit :n""";
        return db.sql(sql).bind("n", limit).map(DatasetRepository::toDatasetRow).all();
    }

    /** The stored snapshots as text (id, time, score, changes, snapshot), newest first. */
    Flux<HistoryRow> history(UUID datasetId) {
        return db.sql(
                        """
                        select id, fetched_at, score, changes::text as changes,
                          snapshot::text as snapshot
                        from catalog_dataset_snapshots where dataset_id = :d
                        order by id desc limit 50""")
                .bind("d", datasetId)
                .map(
                        row ->
                                new HistoryRow(
                                        row.get("id", Long.class),
                                        row.get("fetched_at", Instant.class),
                                        row.get("score", Integer.class),
                                        row.get("changes", String.class),
                                        row.get("snapshot", String.class)))
                .all();
    }

    /** One stored snapshot, its JSON still text. */
    record HistoryRow(long id, Instant fetchedAt, int score, String changes, String snapshot) {}

    /** Stores a reachability result for the dataset (URL to reachable) and its new score. */
    Mono<Long> updateReachability(
            UUID id, String reachabilityJson, QualityReport report, String qualityJson) {
        return db.sql(
                        """
                        update catalog_datasets set reachability = cast(:r as jsonb),
                          reachability_checked_at = now(), score = :score, rating = :rating,
                          quality = cast(:q as jsonb)
                        where id = :id""")
                .bind("id", id)
                .bind("r", reachabilityJson)
                .bind("score", report.total())
                .bind("rating", report.rating().name())
                .bind("q", qualityJson)
                .fetch()
                .rowsUpdated();
    }

    /** Takes the refresh lease when it is free or expired; false when another holder has it. */
    Mono<Boolean> takeRefreshLease(String holder, Duration ttl) {
        return db.sql(
                        """
                        update catalog_refresh_lease
                        set holder = :h, until = now() + make_interval(secs => :ttl)
                        where name = 'refresh' and (until < now() or holder = :h)""")
                .bind("h", holder)
                .bind("ttl", (double) ttl.toSeconds())
                .fetch()
                .rowsUpdated()
                .map(n -> n == 1);
    }

    Mono<Void> releaseRefreshLease(String holder) {
        return db.sql(
                        """
                        update catalog_refresh_lease set holder = null, until = '-infinity'
                        where name = 'refresh' and holder = :h""")
                .bind("h", holder)
                .then();
    }

    /** Marks the dataset as read now with no change (the snapshot stays). */
    Mono<Long> touch(UUID id) {
        return db.sql(
                        """
                        update catalog_datasets
                        set fetched_at = now(), last_error = null, last_error_at = null
                        where id = :id""")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
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

    private static CatalogLookup.LinkedDataset toLinked(Readable row) {
        return new CatalogLookup.LinkedDataset(
                row.get("id", UUID.class),
                row.get("publisher_id", UUID.class),
                row.get("title", String.class),
                row.get("landing_url", String.class),
                row.get("portal_dataset_id", String.class));
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
                row.get("version", Long.class));
    }

    // For recognition (through CatalogLookup): datasets by publisher and portal, and freshness.

    /** The publishers with a dataset on one of these portals. */
    Flux<UUID> publishersOnPortals(java.util.Collection<UUID> portalIds) {
        return db.sql(
                        """
                        select distinct publisher_id from catalog_datasets
                        where portal_id = any(:portals) and publisher_id is not null
                        order by publisher_id""")
                .bind("portals", portalIds.toArray(UUID[]::new))
                .map(row -> row.get("publisher_id", UUID.class))
                .all();
    }

    /** The publisher's datasets on these portals, oldest link first. */
    Flux<DatasetRow> datasetsOfPublisher(UUID publisherId, java.util.Collection<UUID> portalIds) {
        String sql =
                "select "
                        + DATASET
                        + """
                         from catalog_datasets
                        where publisher_id = :p and portal_id = any(:portals)
                        order by created_at, id""";
        return db.sql(sql)
                .bind("p", publisherId)
                .bind("portals", portalIds.toArray(UUID[]::new))
                .map(DatasetRepository::toDatasetRow)
                .all();
    }

    /** When any dataset was last linked, re-read or checked; empty for an empty catalog. */
    Mono<Instant> lastChange() {
        return db.sql(
                        """
                        select max(greatest(created_at, fetched_at,
                          coalesce(reachability_checked_at, fetched_at))) as at
                        from catalog_datasets""")
                .map(row -> java.util.Optional.ofNullable(row.get("at", Instant.class)))
                .one()
                .flatMap(Mono::justOrEmpty);
    }

    /** Whether the URL is an access or download URL of a resource in the current snapshot. */
    Mono<Boolean> hasResourceUrl(UUID datasetId, String url) {
        return db.sql(
                        """
                        select exists (select 1 from catalog_datasets d
                          cross join lateral jsonb_array_elements(
                            case when jsonb_typeof(d.snapshot->'resources') = 'array'
                              then d.snapshot->'resources' else '[]'::jsonb end) r
                          where d.id = :d
                            and :u in (r->>'accessUrl', r->>'downloadUrl'))""")
                .bind("d", datasetId)
                .bind("u", url)
                .map(row -> row.get(0, Boolean.class))
                .one();
    }
}
