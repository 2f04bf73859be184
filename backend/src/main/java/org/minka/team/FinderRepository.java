package org.minka.team;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Team finder queries. A filter on region or skills matches only people who chose to show that
 * answer, so filtering never reveals a hidden answer.
 */
@Repository
class FinderRepository {

    private final DatabaseClient db;

    FinderRepository(DatabaseClient db) {
        this.db = db;
    }

    Flux<Finder.Person> people(
            UUID eventId, Finder.Filter filter, boolean seatedExcluded, PageRequest page) {
        StringBuilder sql =
                new StringBuilder(
                        "select r.user_id, r.finder_bio, r.finder_shows, r.region, r.skills, r.age_bracket,"
                                + " r.interests, r.created_at from registrations r"
                                + " where r.event_id = :event and r.looking_for_team and r.withdrawn_at is null");
        if (seatedExcluded) {
            sql.append(" and r.teams_joined = 0");
        }
        if (filter.skill() != null) {
            sql.append(
                    " and 'skills' = any(r.finder_shows) and exists (select 1 from unnest(r.skills) s"
                            + " where lower(s) = lower(:skill))");
        }
        if (filter.region() != null) {
            sql.append(" and 'region' = any(r.finder_shows) and r.region = :region");
        }
        if (filter.challengeId() != null) {
            sql.append(" and :challenge = any(r.interests)");
        }
        return bindPage(bindFilter(db.sql(page(sql, "r", page)), eventId, filter), page)
                .map(FinderRepository::toPerson)
                .all();
    }

    Flux<Finder.Team> teams(UUID eventId, Finder.Filter filter, PageRequest page) {
        StringBuilder sql =
                new StringBuilder(
                        "select t.id, t.name, t.description, t.skills_wanted, t.region, t.member_count, t.max_size,"
                                + " array(select c.challenge_id from team_challenges c where c.team_id = t.id"
                                + " order by c.entered_at, c.challenge_id) as challenge_ids, t.created_at"
                                + " from teams t where t.event_id = :event and t.looking_for_members"
                                + " and t.member_count < t.max_size");
        if (filter.skill() != null) {
            sql.append(
                    " and exists (select 1 from unnest(t.skills_wanted) s where lower(s) = lower(:skill))");
        }
        if (filter.region() != null) {
            sql.append(" and t.region = :region");
        }
        if (filter.challengeId() != null) {
            sql.append(
                    " and exists (select 1 from team_challenges c where c.team_id = t.id"
                            + " and c.challenge_id = :challenge)");
        }
        return bindPage(bindFilter(db.sql(page(sql, "t", page)), eventId, filter), page)
                .map(
                        (row, meta) ->
                                new Finder.Team(
                                        row.get("id", UUID.class),
                                        row.get("name", String.class),
                                        row.get("description", String.class),
                                        TeamRepository.list(
                                                row.get("skills_wanted", String[].class)),
                                        row.get("region", String.class),
                                        row.get("member_count", Integer.class),
                                        row.get("max_size", Integer.class),
                                        TeamRepository.list(row.get("challenge_ids", UUID[].class)),
                                        row.get("created_at", Instant.class)))
                .all();
    }

    private static String page(StringBuilder sql, String alias, PageRequest page) {
        if (page.after() != null) {
            sql.append(" and (").append(alias).append(".created_at, ");
            sql.append(alias).append(alias.equals("r") ? ".user_id" : ".id");
            sql.append(") > (:at, :id)");
        }
        sql.append(" order by ").append(alias).append(".created_at, ");
        sql.append(alias).append(alias.equals("r") ? ".user_id" : ".id");
        return sql.append(" limit :limit").toString();
    }

    private static DatabaseClient.GenericExecuteSpec bindFilter(
            DatabaseClient.GenericExecuteSpec spec, UUID eventId, Finder.Filter filter) {
        spec = spec.bind("event", eventId);
        if (filter.skill() != null) {
            spec = spec.bind("skill", filter.skill());
        }
        if (filter.region() != null) {
            spec = spec.bind("region", filter.region());
        }
        if (filter.challengeId() != null) {
            spec = spec.bind("challenge", filter.challengeId());
        }
        return spec;
    }

    private static DatabaseClient.GenericExecuteSpec bindPage(
            DatabaseClient.GenericExecuteSpec spec, PageRequest page) {
        Cursor after = page.after();
        spec = spec.bind("limit", page.fetchSize());
        return after == null ? spec : spec.bind("at", after.createdAt()).bind("id", after.id());
    }

    private static Finder.Person toPerson(Readable row, Object meta) {
        List<String> shows = TeamRepository.list(row.get("finder_shows", String[].class));
        return new Finder.Person(
                row.get("user_id", UUID.class),
                null,
                row.get("finder_bio", String.class),
                shows.contains("region") ? row.get("region", String.class) : null,
                shows.contains("skills")
                        ? TeamRepository.list(row.get("skills", String[].class))
                        : null,
                shows.contains("ageBracket") ? row.get("age_bracket", String.class) : null,
                TeamRepository.list(row.get("interests", UUID[].class)),
                row.get("created_at", Instant.class));
    }
}
