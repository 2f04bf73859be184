package org.minka.catalog;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for publishers and their members. */
@Repository
class PublisherRepository {

    private static final String PUBLISHER =
            "id, name, type, region, portal_org_id, created_at, version";

    private final DatabaseClient db;

    PublisherRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A membership as stored; the member's name comes from the user directory. */
    record MemberRow(UUID userId, UUID grantedBy, Instant createdAt) {}

    Mono<Publisher> insertPublisher(Publisher.Create c, UUID createdBy) {
        String sql =
                """
                insert into publishers (name, type, region, portal_org_id, created_by)
                values (:name, :type, :region, :org, :by) returning\s"""
                        + PUBLISHER;
        return db.sql(sql)
                .bind("name", c.name().strip())
                .bind("type", c.type().name())
                .bind("region", optional(c.region()))
                .bind("org", optional(c.portalOrgId()))
                .bind("by", createdBy)
                .map(PublisherRepository::toPublisher)
                .one();
    }

    Mono<Publisher> findPublisher(UUID id) {
        return db.sql("select " + PUBLISHER + " from publishers where id = :id")
                .bind("id", id)
                .map(PublisherRepository::toPublisher)
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
        String sql =
                "select "
                        + PUBLISHER
                        + " from publishers"
                        + where
                        + " order by created_at, id limit :n";
        var spec = db.sql(sql);
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.bind("n", page.fetchSize()).map(PublisherRepository::toPublisher).all();
    }

    Mono<Publisher.Stats> publisherStats(UUID publisherId) {
        return db.sql(
                        """
                        select count(*) as n, avg(score)::float8 as avg,
                          count(*) filter (where rating = 'EXCELLENT') as excellent,
                          count(*) filter (where rating = 'GOOD') as good,
                          count(*) filter (where rating = 'SUFFICIENT') as sufficient,
                          count(*) filter (where rating = 'BAD') as bad
                        from catalog_datasets where publisher_id = :id""")
                .bind("id", publisherId)
                .map(PublisherRepository::toStats)
                .one();
    }

    /** Grants membership; 0 when the user already is a member. */
    Mono<Long> addMember(UUID publisherId, UUID userId, UUID grantedBy) {
        return db.sql(
                        """
                        insert into publisher_members (publisher_id, user_id, granted_by)
                        values (:p, :u, :by) on conflict do nothing""")
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
        return db.sql(
                        """
                        select exists (select 1 from publisher_members
                        where publisher_id = :p and user_id = :u)""")
                .bind("p", publisherId)
                .bind("u", userId)
                .map(row -> row.get(0, Boolean.class))
                .one();
    }

    /** The publisher's memberships, oldest grant first. */
    Flux<MemberRow> members(UUID publisherId) {
        return db.sql(
                        """
                        select user_id, granted_by, created_at from publisher_members
                        where publisher_id = :p order by created_at, user_id""")
                .bind("p", publisherId)
                .map(
                        row ->
                                new MemberRow(
                                        row.get("user_id", UUID.class),
                                        row.get("granted_by", UUID.class),
                                        row.get("created_at", Instant.class)))
                .all();
    }

    private static Parameter optional(String s) {
        String value = s == null || s.isBlank() ? null : s.strip();
        return Parameter.fromOrEmpty(value, String.class);
    }

    private static Publisher.Stats toStats(Readable row) {
        return new Publisher.Stats(
                row.get("n", Long.class),
                row.get("avg", Double.class),
                row.get("excellent", Long.class),
                row.get("good", Long.class),
                row.get("sufficient", Long.class),
                row.get("bad", Long.class));
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

    // For judging (through CatalogLookup).

    /** The members of these publishers. */
    Flux<CatalogLookup.PublisherMember> membersOf(java.util.Collection<UUID> publisherIds) {
        return db.sql(
                        """
                        select publisher_id, user_id from publisher_members
                        where publisher_id = any(:ids)""")
                .bind("ids", publisherIds.toArray(UUID[]::new))
                .map(
                        row ->
                                new CatalogLookup.PublisherMember(
                                        row.get("publisher_id", UUID.class),
                                        row.get("user_id", UUID.class)))
                .all();
    }

    // For recognition: the entity type and region an admin sets, and publishers by id.

    /** Sets the type and region; empty when there is no such publisher. */
    Mono<Publisher> classify(UUID id, Publisher.Classification c) {
        String sql =
                """
                update publishers set type = :type, region = :region, version = version + 1
                where id = :id returning\s"""
                        + PUBLISHER;
        return db.sql(sql)
                .bind("id", id)
                .bind("type", c.type().name())
                .bind("region", optional(c.region()))
                .map(PublisherRepository::toPublisher)
                .one();
    }

    /** The publishers among these ids, by id. */
    Flux<Publisher> findPublishers(java.util.Collection<UUID> ids) {
        return db.sql("select " + PUBLISHER + " from publishers where id = any(:ids) order by id")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(PublisherRepository::toPublisher)
                .all();
    }
}
