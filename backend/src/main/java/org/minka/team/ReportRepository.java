package org.minka.team;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Organizer queries over registrations and teams: search, export and counts. */
@Repository
class ReportRepository {

    /** Below the event's minimum size once REGISTRATION has closed, for teams aliased {@code t}. */
    private static String belowMinimum(String t) {
        return ("(T.member_count < coalesce((select (e.settings ->> 'teamSizeMin')::int from events e"
                        + " where e.id = T.event_id), 1) and exists (select 1 from event_phases p"
                        + " where p.event_id = T.event_id and p.phase = 'REGISTRATION' and now() >= p.closes_at))")
                .replace("T.", t + ".");
    }

    private final DatabaseClient db;

    ReportRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Teams matching the query; {@code page} null means all of them (export). Search is on the team
     * name and its members' names and emails.
     */
    Flux<TeamRepository.TeamRow> teams(UUID eventId, Report.TeamQuery query, PageRequest page) {
        StringBuilder sql =
                new StringBuilder(
                        "select "
                                + TeamRepository.TEAM
                                + " from teams where teams.event_id = :event");
        if (query.q() != null) {
            sql.append(
                    " and (teams.name ilike :q or exists (select 1 from team_members m join users u on u.id = m.user_id"
                            + " where m.team_id = teams.id and (u.name ilike :q or u.email ilike :q)))");
        }
        if (query.challengeId() != null) {
            sql.append(
                    " and exists (select 1 from team_challenges c where c.team_id = teams.id and c.challenge_id = :challenge)");
        }
        if (query.belowMinimum() != null) {
            sql.append(query.belowMinimum() ? " and " : " and not ").append(belowMinimum("teams"));
        }
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(paged(sql, "teams.created_at, teams.id", page)).bind("event", eventId);
        if (query.q() != null) {
            spec = spec.bind("q", like(query.q()));
        }
        if (query.challengeId() != null) {
            spec = spec.bind("challenge", query.challengeId());
        }
        return bindPage(spec, page).map(TeamRepository::toTeam).all();
    }

    /** Every team of the event, one line each, for the CSV export. */
    Flux<Report.TeamLine> teamLines(UUID eventId) {
        return db.sql(
                        "select t.id, t.name, t.region, t.member_count, t.max_size, t.created_at, "
                                + belowMinimum("t")
                                + " as below,"
                                + " (select string_agg(coalesce(u.name, '') || ' <' || coalesce(u.email, '') || '>'"
                                + " || case when m.role = 'CAPTAIN' then ' (captain)' else '' end, '; ' order by m.joined_at)"
                                + " from team_members m join users u on u.id = m.user_id where m.team_id = t.id) as members,"
                                + " (select string_agg(c.title, '; ' order by tc.entered_at) from team_challenges tc"
                                + " join challenges c on c.id = tc.challenge_id where tc.team_id = t.id) as challenges"
                                + " from teams t where t.event_id = :event order by t.created_at, t.id")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new Report.TeamLine(
                                        row.get("id", UUID.class),
                                        row.get("name", String.class),
                                        row.get("region", String.class),
                                        row.get("member_count", Integer.class),
                                        row.get("max_size", Integer.class),
                                        Boolean.TRUE.equals(row.get("below", Boolean.class)),
                                        row.get("members", String.class),
                                        row.get("challenges", String.class),
                                        row.get("created_at", Instant.class)))
                .all();
    }

    Flux<Report.Registrant> registrants(
            UUID eventId, Report.RegistrationQuery query, PageRequest page) {
        StringBuilder sql =
                new StringBuilder(
                        "select r.user_id, u.name, u.email, r.region, r.age_bracket, r.skills, r.terms_version,"
                                + " r.consented_at, r.looking_for_team, r.withdrawn_at, r.created_at,"
                                + " array(select m.team_id from team_members m where m.event_id = r.event_id"
                                + " and m.user_id = r.user_id order by m.joined_at) as team_ids,"
                                + " array(select t.name from team_members m join teams t on t.id = m.team_id"
                                + " where m.event_id = r.event_id and m.user_id = r.user_id order by m.joined_at) as team_names"
                                + " from registrations r join users u on u.id = r.user_id where r.event_id = :event");
        if (query.q() != null) {
            sql.append(" and (u.name ilike :q or u.email ilike :q)");
        }
        if (query.region() != null) {
            sql.append(" and r.region = :region");
        }
        if (query.inTeam() != null) {
            sql.append(query.inTeam() ? " and " : " and not ")
                    .append(
                            "exists (select 1 from team_members m where m.event_id = r.event_id and m.user_id = r.user_id)");
        }
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(paged(sql, "r.created_at, r.user_id", page)).bind("event", eventId);
        if (query.q() != null) {
            spec = spec.bind("q", like(query.q()));
        }
        if (query.region() != null) {
            spec = spec.bind("region", query.region());
        }
        return bindPage(spec, page).map(ReportRepository::toRegistrant).all();
    }

    Mono<long[]> totals(UUID eventId) {
        return db.sql(
                        "select (select count(*) from registrations r where r.event_id = :event and r.withdrawn_at is null) as registrations,"
                                + " (select count(*) from teams t where t.event_id = :event) as teams,"
                                + " (select count(*) from teams t where t.event_id = :event and "
                                + belowMinimum("t")
                                + ") as below,"
                                + " (select count(distinct m.user_id) from team_members m where m.event_id = :event) as seated")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new long[] {
                                    row.get("registrations", Long.class),
                                    row.get("teams", Long.class),
                                    row.get("below", Long.class),
                                    row.get("seated", Long.class)
                                })
                .one();
    }

    Flux<Report.PerChallenge> perChallenge(UUID eventId) {
        return db.sql(
                        "select c.id, c.title, count(tc.team_id) as teams, coalesce(sum(t.member_count), 0) as participants"
                                + " from challenges c left join team_challenges tc on tc.challenge_id = c.id"
                                + " left join teams t on t.id = tc.team_id where c.event_id = :event"
                                + " group by c.id, c.title, c.created_at order by c.created_at, c.id")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new Report.PerChallenge(
                                        row.get("id", UUID.class),
                                        row.get("title", String.class),
                                        row.get("teams", Long.class),
                                        ((Number) row.get("participants")).longValue()))
                .all();
    }

    Flux<Report.PerRegion> perRegion(UUID eventId) {
        return db.sql(
                        "select r.region, count(*) as registrations,"
                                + " count(*) filter (where r.teams_joined > 0) as in_teams"
                                + " from registrations r where r.event_id = :event and r.withdrawn_at is null"
                                + " group by r.region order by r.region")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new Report.PerRegion(
                                        row.get("region", String.class),
                                        row.get("registrations", Long.class),
                                        row.get("in_teams", Long.class)))
                .all();
    }

    private static String like(String q) {
        return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String paged(StringBuilder sql, String order, PageRequest page) {
        if (page != null && page.after() != null) {
            sql.append(" and (").append(order).append(") > (:at, :id)");
        }
        sql.append(" order by ").append(order);
        if (page != null) {
            sql.append(" limit :limit");
        }
        return sql.toString();
    }

    private static DatabaseClient.GenericExecuteSpec bindPage(
            DatabaseClient.GenericExecuteSpec spec, PageRequest page) {
        if (page == null) {
            return spec;
        }
        Cursor after = page.after();
        spec = spec.bind("limit", page.fetchSize());
        return after == null ? spec : spec.bind("at", after.createdAt()).bind("id", after.id());
    }

    private static Report.Registrant toRegistrant(Readable row, Object meta) {
        return new Report.Registrant(
                row.get("user_id", UUID.class),
                row.get("name", String.class),
                row.get("email", String.class),
                row.get("region", String.class),
                row.get("age_bracket", String.class),
                TeamRepository.list(row.get("skills", String[].class)),
                row.get("terms_version", String.class),
                row.get("consented_at", Instant.class),
                Boolean.TRUE.equals(row.get("looking_for_team", Boolean.class)),
                TeamRepository.list(row.get("team_ids", UUID[].class)),
                TeamRepository.list(row.get("team_names", String[].class)),
                row.get("withdrawn_at", Instant.class),
                row.get("created_at", Instant.class));
    }
}
