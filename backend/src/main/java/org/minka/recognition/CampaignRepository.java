package org.minka.recognition;

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

/** SQL for campaigns and their scope. */
@Repository
class CampaignRepository {

    private static final String CAMPAIGN =
            """
            c.id, c.name, c.description, c.opens_at, c.closes_at, c.timezone, c.w_new_datasets,
            c.w_quality, c.w_freshness, c.w_use, c.w_trained, c.w_responsiveness, c.previous_id,
            c.recognised_top, c.published_at, c.created_at, c.version,
            array(select portal_id from recognition_campaign_portals p
              where p.campaign_id = c.id order by portal_id) as portal_ids,
            array(select publisher_id from recognition_campaign_publishers p
              where p.campaign_id = c.id order by publisher_id) as publisher_ids""";

    private final DatabaseClient db;

    CampaignRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A campaign row; the status comes from the clock. */
    record Row(
            UUID id,
            String name,
            String description,
            Instant opensAt,
            Instant closesAt,
            String timezone,
            Campaign.Weights weights,
            List<UUID> portalIds,
            List<UUID> publisherIds,
            UUID previousId,
            int recognisedTop,
            Instant publishedAt,
            Instant createdAt,
            long version) {

        Campaign toCampaign(Instant now) {
            return new Campaign(
                    id,
                    name,
                    description,
                    opensAt,
                    closesAt,
                    timezone,
                    weights,
                    portalIds,
                    publisherIds,
                    previousId,
                    recognisedTop,
                    status(now),
                    publishedAt,
                    createdAt,
                    version);
        }

        Campaign.Status status(Instant now) {
            if (publishedAt == null) {
                return Campaign.Status.DRAFT;
            }
            if (now.isBefore(opensAt)) {
                return Campaign.Status.UPCOMING;
            }
            return now.isBefore(closesAt) ? Campaign.Status.OPEN : Campaign.Status.CLOSED;
        }
    }

    Mono<UUID> insert(Campaign.Create c, String timezone, Campaign.Weights w, UUID createdBy) {
        return db.sql(
                        """
                        insert into recognition_campaigns (name, description, opens_at,
                          closes_at, timezone, w_new_datasets, w_quality, w_freshness, w_use,
                          w_trained, w_responsiveness, previous_id, recognised_top, created_by)
                        values (:name, :description, :opens, :closes, :tz, :wn, :wq, :wf, :wu,
                          :wt, :wr, :previous, :top, :by)
                        returning id""")
                .bind("name", c.name().strip())
                .bind("description", Parameter.fromOrEmpty(c.description(), String.class))
                .bind("opens", c.opensAt())
                .bind("closes", c.closesAt())
                .bind("tz", timezone)
                .bind("wn", w.newDatasets())
                .bind("wq", w.quality())
                .bind("wf", w.freshness())
                .bind("wu", w.use())
                .bind("wt", w.officialsTrained())
                .bind("wr", w.responsiveness())
                .bind("previous", Parameter.fromOrEmpty(c.previousCampaignId(), UUID.class))
                .bind("top", c.recognisedTopOrDefault())
                .bind("by", createdBy)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    Mono<Void> insertScope(UUID campaign, List<UUID> portals, List<UUID> publishers) {
        Mono<Void> p =
                db.sql(
                                """
                                insert into recognition_campaign_portals (campaign_id, portal_id)
                                select :c, unnest(cast(:ids as uuid[])) on conflict do nothing""")
                        .bind("c", campaign)
                        .bind("ids", portals.toArray(UUID[]::new))
                        .then();
        if (publishers.isEmpty()) {
            return p;
        }
        Mono<Void> q =
                db.sql(
                                """
                                insert into recognition_campaign_publishers
                                  (campaign_id, publisher_id)
                                select :c, unnest(cast(:ids as uuid[])) on conflict do nothing""")
                        .bind("c", campaign)
                        .bind("ids", publishers.toArray(UUID[]::new))
                        .then();
        return p.then(q);
    }

    Mono<Row> find(UUID id) {
        return db.sql("select " + CAMPAIGN + " from recognition_campaigns c where c.id = :id")
                .bind("id", id)
                .map(CampaignRepository::toRow)
                .one();
    }

    /** Campaigns oldest first; drafts only when {@code drafts}. */
    Flux<Row> list(PageRequest page, boolean drafts) {
        Cursor after = page.after();
        StringBuilder sql =
                new StringBuilder(
                        "select " + CAMPAIGN + " from recognition_campaigns c where true");
        if (!drafts) {
            sql.append(" and c.published_at is not null");
        }
        if (after != null) {
            sql.append(" and (c.created_at, c.id) > (:at, :id)");
        }
        sql.append(" order by c.created_at, c.id limit :n");
        var spec = db.sql(sql.toString()).bind("n", page.fetchSize());
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(CampaignRepository::toRow).all();
    }

    /** Publishes a draft; 0 when it was already published. */
    Mono<Long> publish(UUID id) {
        return db.sql(
                        """
                        update recognition_campaigns
                        set published_at = now(), version = version + 1
                        where id = :id and published_at is null""")
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    /** Published campaigns that have opened and have no final ranking yet. */
    Flux<Row> rankable(Instant now) {
        String sql =
                "select "
                        + CAMPAIGN
                        + """
                         from recognition_campaigns c
                        where c.published_at is not null and c.opens_at <= :now
                          and not exists (select 1 from recognition_rankings r
                            where r.campaign_id = c.id and r.final and r.status = 'DONE')
                        order by c.created_at, c.id""";
        return db.sql(sql).bind("now", now).map(CampaignRepository::toRow).all();
    }

    /** The latest published campaign that closed at or before {@code opensAt}, other than this. */
    Mono<Row> previousOf(UUID id, Instant opensAt) {
        String sql =
                "select "
                        + CAMPAIGN
                        + """
                         from recognition_campaigns c
                        where c.published_at is not null and c.closes_at <= :opens
                          and c.id <> :id
                        order by c.closes_at desc, c.id limit 1""";
        return db.sql(sql)
                .bind("opens", opensAt)
                .bind("id", id)
                .map(CampaignRepository::toRow)
                .one();
    }

    private static Row toRow(Readable row) {
        Campaign.Weights w =
                new Campaign.Weights(
                        row.get("w_new_datasets", Integer.class),
                        row.get("w_quality", Integer.class),
                        row.get("w_freshness", Integer.class),
                        row.get("w_use", Integer.class),
                        row.get("w_trained", Integer.class),
                        row.get("w_responsiveness", Integer.class));
        return new Row(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("description", String.class),
                row.get("opens_at", Instant.class),
                row.get("closes_at", Instant.class),
                row.get("timezone", String.class),
                w,
                Arrays.asList(row.get("portal_ids", UUID[].class)),
                Arrays.asList(row.get("publisher_ids", UUID[].class)),
                row.get("previous_id", UUID.class),
                row.get("recognised_top", Integer.class),
                row.get("published_at", Instant.class),
                row.get("created_at", Instant.class),
                row.get("version", Long.class));
    }
}
