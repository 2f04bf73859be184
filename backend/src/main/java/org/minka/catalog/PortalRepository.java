package org.minka.catalog;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.minka.catalog.portal.PortalKind;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for registered portal sources. */
@Repository
class PortalRepository {

    private static final String PORTAL = "id, name, base_url, kind, created_at";

    private final DatabaseClient db;

    PortalRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Portal> insertPortal(String name, String baseUrl, PortalKind kind, UUID createdBy) {
        String sql =
                """
                insert into portal_sources (name, base_url, kind, created_by)
                values (:name, :url, :kind, :by) returning\s"""
                        + PORTAL;
        return db.sql(sql)
                .bind("name", name.strip())
                .bind("url", baseUrl)
                .bind("kind", kind.name())
                .bind("by", createdBy)
                .map(PortalRepository::toPortal)
                .one();
    }

    Mono<Portal> findPortal(UUID id) {
        return db.sql("select " + PORTAL + " from portal_sources where id = :id")
                .bind("id", id)
                .map(PortalRepository::toPortal)
                .one();
    }

    /** The registered portal whose base URL the URL starts with (the longest one). */
    Mono<Portal> findPortalForUrl(String url) {
        String sql =
                "select "
                        + PORTAL
                        + """
                         from portal_sources
                        where starts_with(lower(:url), lower(base_url) || '/')
                          or lower(:url) = lower(base_url)
                        order by length(base_url) desc limit 1""";
        return db.sql(sql).bind("url", url).map(PortalRepository::toPortal).one();
    }

    Flux<Portal> listPortals() {
        return db.sql("select " + PORTAL + " from portal_sources order by created_at, id")
                .map(PortalRepository::toPortal)
                .all();
    }

    private static Portal toPortal(Readable row) {
        return new Portal(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("base_url", String.class),
                PortalKind.valueOf(row.get("kind", String.class)),
                row.get("created_at", Instant.class));
    }
}
