package org.minka.event;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class ChallengeRepository {

    private static final String COLUMNS =
            "id, event_id, title, statement, themes, proposing_entity, version, created_at, updated_at";

    private final DatabaseClient db;
    private final EventFactsCache cache;

    ChallengeRepository(DatabaseClient db, EventFactsCache cache) {
        this.db = db;
        this.cache = cache;
    }

    Mono<Challenge> insert(
            UUID eventId, String title, String statement, List<String> themes, String entity) {
        return db.sql(
                        "insert into challenges (event_id, title, statement, themes, proposing_entity)"
                                + " values (:event, :title, :statement, :themes, :entity) returning "
                                + COLUMNS)
                .bind("event", eventId)
                .bind("title", title)
                .bind("statement", statement)
                .bind("themes", themes.toArray(String[]::new))
                .bind("entity", Parameter.fromOrEmpty(entity, String.class))
                .map(ChallengeRepository::toChallenge)
                .one();
    }

    Mono<Challenge> update(Challenge c, long expectedVersion) {
        return db.sql(
                        "update challenges set title = :title, statement = :statement, themes = :themes,"
                                + " proposing_entity = :entity, updated_at = now(), version = version + 1"
                                + " where id = :id and version = :version returning "
                                + COLUMNS)
                .bind("title", c.title())
                .bind("statement", c.statement())
                .bind("themes", c.themes().toArray(String[]::new))
                .bind("entity", Parameter.fromOrEmpty(c.proposingEntity(), String.class))
                .bind("id", c.id())
                .bind("version", expectedVersion)
                .map(ChallengeRepository::toChallenge)
                .one();
    }

    Mono<Challenge> findById(UUID eventId, UUID id) {
        return db.sql("select " + COLUMNS + " from challenges where event_id = :event and id = :id")
                .bind("event", eventId)
                .bind("id", id)
                .map(ChallengeRepository::toChallenge)
                .one();
    }

    Flux<Challenge> findPage(UUID eventId, PageRequest page) {
        Cursor after = page.after();
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "select "
                                        + COLUMNS
                                        + " from challenges where event_id = :event"
                                        + (after == null
                                                ? ""
                                                : " and (created_at, id) > (:at, :id)")
                                        + " order by created_at, id limit :limit")
                        .bind("event", eventId)
                        .bind("limit", page.fetchSize());
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(ChallengeRepository::toChallenge).all();
    }

    Mono<Long> countExisting(UUID eventId, Collection<UUID> ids) {
        return db.sql(
                        "select count(*) as n from challenges where event_id = :event and id = any(:ids)")
                .bind("event", eventId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> row.get("n", Long.class))
                .one();
    }

    Mono<Long> delete(UUID eventId, UUID id, Long expectedVersion) {
        return db.sql(
                        "delete from challenges where event_id = :event and id = :id"
                                + (expectedVersion == null ? "" : " and version = :version"))
                .bind("event", eventId)
                .bind("id", id)
                .bindValues(expectedVersion == null ? Map.of() : Map.of("version", expectedVersion))
                .fetch()
                .rowsUpdated()
                .flatMap(
                        n ->
                                n == 0
                                        ? Mono.just(n)
                                        : cache.forgettingEverywhere(eventId).thenReturn(n));
    }

    /**
     * Rewrites the challenge's dataset entries. An entry keeps the catalog link of the entry it
     * replaces with the same landing URL (without case or final slash), unless {@code datasetId}
     * says which dataset it is.
     */
    Mono<Void> replaceDatasets(UUID challengeId, List<Challenge.DatasetRef> datasets) {
        Mono<Map<String, UUID>> links =
                db.sql(
                                "select landing_url, dataset_id from challenge_datasets"
                                        + " where challenge_id = :id and dataset_id is not null order by position")
                        .bind("id", challengeId)
                        .map(
                                (row, meta) ->
                                        Map.entry(
                                                linkKey(row.get("landing_url", String.class)),
                                                row.get("dataset_id", UUID.class)))
                        .all()
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue);
        return links.flatMap(
                kept ->
                        db.sql("delete from challenge_datasets where challenge_id = :id")
                                .bind("id", challengeId)
                                .then()
                                .thenMany(
                                        Flux.range(0, datasets.size())
                                                .concatMap(
                                                        i ->
                                                                insertEntry(
                                                                        challengeId,
                                                                        i,
                                                                        datasets.get(i),
                                                                        kept)))
                                .then());
    }

    private Mono<Void> insertEntry(
            UUID challengeId, int position, Challenge.DatasetRef d, Map<String, UUID> kept) {
        UUID link = d.datasetId() != null ? d.datasetId() : kept.get(linkKey(d.landingUrl()));
        return db.sql(
                        "insert into challenge_datasets (challenge_id, position, title, landing_url, portal_id,"
                                + " dataset_id) values (:id, :pos, :title, :url, :portal, :dataset)")
                .bind("id", challengeId)
                .bind("pos", position)
                .bind("title", d.title().strip())
                .bind("url", d.landingUrl())
                .bind("portal", Parameter.fromOrEmpty(d.portalId(), String.class))
                .bind("dataset", Parameter.fromOrEmpty(link, UUID.class))
                .then();
    }

    private static String linkKey(String url) {
        String key = url.strip().toLowerCase(java.util.Locale.ROOT);
        while (key.endsWith("/")) {
            key = key.substring(0, key.length() - 1);
        }
        return key;
    }

    Mono<Map<UUID, List<Challenge.DatasetRef>>> findDatasets(Collection<UUID> challengeIds) {
        if (challengeIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql(
                        "select challenge_id, title, landing_url, portal_id, dataset_id from challenge_datasets"
                                + " where challenge_id = any(:ids) order by challenge_id, position")
                .bind("ids", challengeIds.toArray(UUID[]::new))
                .map(
                        (row, meta) ->
                                Map.entry(
                                        row.get("challenge_id", UUID.class),
                                        new Challenge.DatasetRef(
                                                row.get("title", String.class),
                                                row.get("landing_url", String.class),
                                                row.get("portal_id", String.class),
                                                row.get("dataset_id", UUID.class))))
                .all()
                .collect(
                        Collectors.groupingBy(
                                Map.Entry::getKey,
                                Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private static Challenge toChallenge(Readable row, Object meta) {
        String[] themes = row.get("themes", String[].class);
        return new Challenge(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("title", String.class),
                row.get("statement", String.class),
                themes == null ? List.of() : Arrays.asList(themes),
                row.get("proposing_entity", String.class),
                List.of(),
                row.get("version", Long.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }

    /** Of these ids, the ones that are challenges of the event. */
    Flux<UUID> existingIds(UUID eventId, Collection<UUID> ids) {
        return db.sql("select id from challenges where event_id = :event and id = any(:ids)")
                .bind("event", eventId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }

    /** The event's challenges, id and title, in creation order. */
    Flux<EventAccess.ChallengeTitle> titles(UUID eventId) {
        return db.sql(
                        "select id, title from challenges where event_id = :event"
                                + " order by created_at, id")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new EventAccess.ChallengeTitle(
                                        row.get("id", UUID.class), row.get("title", String.class)))
                .all();
    }

    // For judging: who proposed each challenge (challenge_proposals is this module's table).

    /** The publisher of each accepted proposal of the event that became a challenge. */
    reactor.core.publisher.Flux<EventAccess.ChallengePublisher> challengePublishers(UUID eventId) {
        return db.sql(
                        """
                        select challenge_id, publisher_id from challenge_proposals
                        where event_id = :event and challenge_id is not null""")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new EventAccess.ChallengePublisher(
                                        row.get("challenge_id", UUID.class),
                                        row.get("publisher_id", UUID.class)))
                .all();
    }

    // recognition's dataset feedback (through team): the challenges that use a dataset

    Flux<EventAccess.EventChallenge> usingDataset(UUID datasetId) {
        return db.sql(
                        """
                        select distinct c.event_id, c.id from challenge_datasets d
                          join challenges c on c.id = d.challenge_id
                        where d.dataset_id = :d order by c.event_id, c.id""")
                .bind("d", datasetId)
                .map(
                        row ->
                                new EventAccess.EventChallenge(
                                        row.get("event_id", UUID.class), row.get("id", UUID.class)))
                .all();
    }
}
