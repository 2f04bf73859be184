package org.minka.recognition;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.Publisher;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for rankings (the job's queue, progress and snapshots) and their entries. */
@Repository
class RecognitionRankingRepository {

    private static final String RANKING =
            """
            id, campaign_id, reason, status, as_of, final, total, done, entities, participants,
            new_datasets, datasets, mean_quality::float8 as mean_quality, created_at, started_at,
            finished_at""";

    /** Every entry of a ranking with its ranks in each scope, and its place in the order. */
    private static final String RANKED =
            """
            select e.publisher_id, e.publisher_name, e.region, e.entity_type,
              e.score::float8 as score, e.officials_trained, e.parts::text as parts,
              rank() over (order by e.score desc) as national_rank,
              count(*) over (partition by e.score) > 1 as national_tied,
              rank() over (partition by lower(e.region) order by e.score desc) as region_rank,
              count(*) over (partition by lower(e.region), e.score) > 1 as region_tied,
              rank() over (partition by e.entity_type order by e.score desc) as type_rank,
              count(*) over (partition by e.entity_type, e.score) > 1 as type_tied,
              row_number() over (order by e.score desc, e.publisher_name, e.publisher_id)
                as position
            from recognition_ranking_entries e where e.ranking_id = :r""";

    private final DatabaseClient db;

    RecognitionRankingRepository(DatabaseClient db) {
        this.db = db;
    }

    /** An entry with its ranks; region ranks are null for an entity without a region. */
    record RankedRow(
            UUID publisherId,
            String name,
            String region,
            Publisher.Type entityType,
            double score,
            Long officialsTrained,
            String partsJson,
            Ranking.Rank national,
            Ranking.Rank regionRank,
            Ranking.Rank typeRank,
            long position) {}

    /** What a finished run stores about the whole ranking. */
    record Summary(
            int entities, int participants, int newDatasets, int datasets, Double meanQuality) {}

    /** Queues a ranking; empty when one is already queued or running (or final exists). */
    Mono<Ranking> enqueue(
            UUID campaign, Ranking.Reason reason, Instant asOf, boolean closing, UUID by) {
        return db.sql(
                        """
                        insert into recognition_rankings
                          (campaign_id, reason, as_of, final, requested_by)
                        values (:c, :reason, :asOf, :final, :by)
                        on conflict do nothing returning\s"""
                                + RANKING)
                .bind("c", campaign)
                .bind("reason", reason.name())
                .bind("asOf", asOf)
                .bind("final", closing)
                .bind("by", Parameter.fromOrEmpty(by, UUID.class))
                .map(RecognitionRankingRepository::toRanking)
                .one();
    }

    /** The campaign's queued or running ranking. */
    Mono<Ranking> pending(UUID campaign) {
        return db.sql(
                        "select "
                                + RANKING
                                + """
                                 from recognition_rankings
                                where campaign_id = :c and status in ('QUEUED', 'RUNNING')""")
                .bind("c", campaign)
                .map(RecognitionRankingRepository::toRanking)
                .one();
    }

    /** Whether the campaign has a final ranking (done, or on its way). */
    Mono<Boolean> hasFinal(UUID campaign) {
        return db.sql(
                        """
                        select exists (select 1 from recognition_rankings
                        where campaign_id = :c and final and status <> 'FAILED')""")
                .bind("c", campaign)
                .map(row -> row.get(0, Boolean.class))
                .one();
    }

    /** When the campaign's last ranking that did not fail was queued; empty when none. */
    Mono<Instant> lastQueuedAt(UUID campaign) {
        return db.sql(
                        """
                        select max(created_at) as at from recognition_rankings
                        where campaign_id = :c and status <> 'FAILED'""")
                .bind("c", campaign)
                .map(row -> java.util.Optional.ofNullable(row.get("at", Instant.class)))
                .one()
                .flatMap(Mono::justOrEmpty);
    }

    /** Rankings left RUNNING by an instance that stopped go back to the queue. */
    Mono<Long> requeueStale() {
        return db.sql(
                        """
                        update recognition_rankings set status = 'QUEUED', done = 0,
                          started_at = null
                        where status = 'RUNNING'""")
                .fetch()
                .rowsUpdated();
    }

    /** The oldest queued ranking. */
    Mono<Ranking> nextQueued() {
        return db.sql(
                        "select "
                                + RANKING
                                + """
                                 from recognition_rankings where status = 'QUEUED'
                                order by created_at, id limit 1""")
                .map(RecognitionRankingRepository::toRanking)
                .one();
    }

    Mono<Void> start(UUID id, int total) {
        return db.sql(
                        """
                        update recognition_rankings set status = 'RUNNING', total = :t, done = 0,
                          started_at = now()
                        where id = :id""")
                .bind("id", id)
                .bind("t", total)
                .then();
    }

    Mono<Void> progress(UUID id, int done) {
        return db.sql("update recognition_rankings set done = :d where id = :id")
                .bind("id", id)
                .bind("d", done)
                .then();
    }

    Mono<Void> insertEntry(UUID ranking, EntityScoring.Result r, String partsJson) {
        Publisher p = r.publisher();
        return db.sql(
                        """
                        insert into recognition_ranking_entries (ranking_id, publisher_id,
                          publisher_name, region, entity_type, score, officials_trained, parts)
                        values (:r, :p, :name, :region, :type, :score, :trained,
                          cast(:parts as jsonb))""")
                .bind("r", ranking)
                .bind("p", p.id())
                .bind("name", p.name())
                .bind("region", Parameter.fromOrEmpty(p.region(), String.class))
                .bind("type", p.type().name())
                .bind("score", java.math.BigDecimal.valueOf(r.score()))
                .bind("trained", Parameter.fromOrEmpty(r.officialsTrained(), Long.class))
                .bind("parts", partsJson)
                .then();
    }

    Mono<Void> finish(UUID id, Summary s) {
        return db.sql(
                        """
                        update recognition_rankings set status = 'DONE', done = total,
                          finished_at = now(), entities = :e, participants = :p,
                          new_datasets = :n, datasets = :d, mean_quality = :q
                        where id = :id""")
                .bind("id", id)
                .bind("e", s.entities())
                .bind("p", s.participants())
                .bind("n", s.newDatasets())
                .bind("d", s.datasets())
                .bind(
                        "q",
                        Parameter.fromOrEmpty(
                                s.meanQuality() == null
                                        ? null
                                        : java.math.BigDecimal.valueOf(s.meanQuality()),
                                java.math.BigDecimal.class))
                .then();
    }

    /** Marks the ranking failed, its entries gone. */
    Mono<Void> fail(UUID id, String error) {
        return db.sql("delete from recognition_ranking_entries where ranking_id = :id")
                .bind("id", id)
                .then()
                .then(
                        db.sql(
                                        """
                                        update recognition_rankings set status = 'FAILED',
                                          error = :e, finished_at = now()
                                        where id = :id""")
                                .bind("id", id)
                                .bind("e", error)
                                .then());
    }

    Mono<Ranking> find(UUID campaign, UUID id) {
        return db.sql(
                        "select "
                                + RANKING
                                + " from recognition_rankings where campaign_id = :c and id = :id")
                .bind("c", campaign)
                .bind("id", id)
                .map(RecognitionRankingRepository::toRanking)
                .one();
    }

    /** The campaign's rankings, oldest first. */
    Flux<Ranking> list(UUID campaign, PageRequest page) {
        Cursor after = page.after();
        String where = after == null ? "" : " and (created_at, id) > (:at, :id)";
        var spec =
                db.sql(
                                "select "
                                        + RANKING
                                        + " from recognition_rankings where campaign_id = :c"
                                        + where
                                        + " order by created_at, id limit :n")
                        .bind("c", campaign)
                        .bind("n", page.fetchSize());
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(RecognitionRankingRepository::toRanking).all();
    }

    /**
     * The ranking in force: the final one once done, else the latest done; with {@code at}, the
     * latest done whose moment is at or before it (the close-date ranking for the close).
     */
    Mono<Ranking> current(UUID campaign, Instant at) {
        String when = at == null ? "" : " and as_of <= :at";
        var spec =
                db.sql(
                                "select "
                                        + RANKING
                                        + " from recognition_rankings where campaign_id = :c"
                                        + " and status = 'DONE'"
                                        + when
                                        + " order by final desc, as_of desc, finished_at desc"
                                        + " limit 1")
                        .bind("c", campaign);
        if (at != null) {
            spec = spec.bind("at", at);
        }
        return spec.map(RecognitionRankingRepository::toRanking).one();
    }

    /**
     * A page of the ranking in one scope, after {@code position}: {@code region} or {@code type}
     * filter when given.
     */
    Flux<RankedRow> leaderboard(
            UUID ranking, String region, Publisher.Type type, long after, int limit) {
        StringBuilder sql =
                new StringBuilder("select * from (" + RANKED + ") x where position > :after");
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("r", ranking);
        binds.put("after", after);
        binds.put("n", limit);
        if (region != null) {
            sql.append(" and lower(region) = lower(:region)");
            binds.put("region", region);
        }
        if (type != null) {
            sql.append(" and entity_type = :type");
            binds.put("type", type.name());
        }
        sql.append(" order by position limit :n");
        return db.sql(sql.toString())
                .bindValues(binds)
                .map(RecognitionRankingRepository::toRanked)
                .all();
    }

    /** One entity's entry with its ranks. */
    Mono<RankedRow> entity(UUID ranking, UUID publisher) {
        return db.sql("select * from (" + RANKED + ") x where publisher_id = :p")
                .bind("r", ranking)
                .bind("p", publisher)
                .map(RecognitionRankingRepository::toRanked)
                .one();
    }

    private static RankedRow toRanked(Readable row) {
        String region = row.get("region", String.class);
        Ranking.Rank regionRank =
                region == null
                        ? null
                        : new Ranking.Rank(
                                row.get("region_rank", Long.class).intValue(),
                                row.get("region_tied", Boolean.class));
        return new RankedRow(
                row.get("publisher_id", UUID.class),
                row.get("publisher_name", String.class),
                region,
                Publisher.Type.valueOf(row.get("entity_type", String.class)),
                row.get("score", Double.class),
                row.get("officials_trained", Long.class),
                row.get("parts", String.class),
                new Ranking.Rank(
                        row.get("national_rank", Long.class).intValue(),
                        row.get("national_tied", Boolean.class)),
                regionRank,
                new Ranking.Rank(
                        row.get("type_rank", Long.class).intValue(),
                        row.get("type_tied", Boolean.class)),
                row.get("position", Long.class));
    }

    private static Ranking toRanking(Readable row) {
        return new Ranking(
                row.get("id", UUID.class),
                row.get("campaign_id", UUID.class),
                Ranking.Reason.valueOf(row.get("reason", String.class)),
                Ranking.Status.valueOf(row.get("status", String.class)),
                row.get("as_of", Instant.class),
                row.get("final", Boolean.class),
                row.get("total", Integer.class),
                row.get("done", Integer.class),
                row.get("entities", Integer.class),
                row.get("participants", Integer.class),
                row.get("new_datasets", Integer.class),
                row.get("datasets", Integer.class),
                row.get("mean_quality", Double.class),
                row.get("created_at", Instant.class),
                row.get("started_at", Instant.class),
                row.get("finished_at", Instant.class));
    }
}
