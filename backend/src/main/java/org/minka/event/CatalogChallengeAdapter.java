package org.minka.event;

import java.util.List;
import java.util.UUID;
import org.minka.catalog.CatalogLookup;
import org.minka.catalog.ChallengeDatasetPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers the catalog's questions about events and challenges, and links challenge dataset entries
 * to catalog datasets. Event writes its own table; the catalog says which dataset an entry names.
 */
@Component
class CatalogChallengeAdapter implements ChallengeDatasetPort {

    private final DatabaseClient db;
    private final CatalogLookup catalog;

    CatalogChallengeAdapter(DatabaseClient db, CatalogLookup catalog) {
        this.db = db;
        this.catalog = catalog;
    }

    @Override
    public Mono<Boolean> organizesAnyEvent(UUID userId) {
        return db.sql(
                        """
                        select exists (select 1 from event_memberships where user_id = :u
                          and role = 'ORGANIZER' and status = 'ACTIVE')""")
                .bind("u", userId)
                .map(row -> row.get(0, Boolean.class))
                .one();
    }

    /** Challenges of PUBLIC events only: UNLISTED and PRIVATE ones are no one's business here. */
    @Override
    public Mono<Long> challengesUsing(UUID datasetId) {
        return db.sql(
                        """
                        select count(distinct d.challenge_id) as n from challenge_datasets d
                          join challenges c on c.id = d.challenge_id
                          join events e on e.id = c.event_id
                        where d.dataset_id = :d and e.visibility = 'PUBLIC'""")
                .bind("d", datasetId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    @Override
    public Flux<String> entryUrls(UUID datasetId) {
        return db.sql("select landing_url from challenge_datasets where dataset_id = :d")
                .bind("d", datasetId)
                .map(row -> row.get("landing_url", String.class))
                .all();
    }

    @Override
    public Mono<Long> linkEntriesNaming(
            UUID datasetId, String baseUrl, List<String> urls, List<String> ids) {
        return db.sql(
                        """
                        update challenge_datasets set dataset_id = :d where dataset_id is null
                          and (rtrim(lower(landing_url), '/') = any(:urls)
                            or (portal_id is not null and lower(portal_id) = any(:ids)
                              and starts_with(lower(landing_url), lower(:base))))""")
                .bind("d", datasetId)
                .bind(
                        "urls",
                        urls.stream().map(CatalogChallengeAdapter::key).toArray(String[]::new))
                .bind("ids", ids.stream().map(String::toLowerCase).toArray(String[]::new))
                .bind("base", baseUrl)
                .fetch()
                .rowsUpdated();
    }

    @Override
    public Mono<Long> linkFreeEntries() {
        return linkFree(null);
    }

    /**
     * Links the free entries (of one challenge, or of all when null) that name a linked dataset;
     * linked entries keep their link. Joins the caller's transaction.
     */
    Mono<Long> linkFree(UUID challengeId) {
        return freeEntries(challengeId)
                .collectList()
                .flatMapMany(catalog::datasetsNamedBy)
                .concatMap(named -> link(named, challengeId))
                .reduce(0L, Long::sum);
    }

    private Flux<CatalogLookup.EntryName> freeEntries(UUID challengeId) {
        String sql =
                """
                select distinct landing_url, portal_id from challenge_datasets
                where dataset_id is null""";
        if (challengeId == null) {
            return db.sql(sql).map(CatalogChallengeAdapter::toEntry).all();
        }
        return db.sql(sql + " and challenge_id = :c")
                .bind("c", challengeId)
                .map(CatalogChallengeAdapter::toEntry)
                .all();
    }

    private Mono<Long> link(CatalogLookup.NamedDataset named, UUID challengeId) {
        String sql =
                """
                update challenge_datasets set dataset_id = :d
                where dataset_id is null and landing_url = :u
                  and coalesce(portal_id, '') = :p""";
        String portalId = named.entry().portalId();
        var spec =
                db.sql(challengeId == null ? sql : sql + " and challenge_id = :c")
                        .bind("d", named.datasetId())
                        .bind("u", named.entry().landingUrl())
                        .bind("p", portalId == null ? "" : portalId);
        if (challengeId != null) {
            spec = spec.bind("c", challengeId);
        }
        return spec.fetch().rowsUpdated();
    }

    private static CatalogLookup.EntryName toEntry(io.r2dbc.spi.Readable row) {
        return new CatalogLookup.EntryName(
                row.get("landing_url", String.class), row.get("portal_id", String.class));
    }

    private static String key(String url) {
        String t = url.toLowerCase();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
