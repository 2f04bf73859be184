package org.minka.team;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Organizer queries over registrations and teams: search, export and counts. People's names and
 * emails come from security's directory, challenge titles from event's facade.
 */
@Repository
class ReportRepository {

    /** Counts over the event's registrations and teams. */
    record Totals(long registrations, long teams, long below, long seated) {}

    /** How many teams entered a challenge, and how many people they hold. */
    record ChallengeCount(UUID challengeId, long teams, long participants) {}

    /** One team for the CSV export: its members and challenges by id, in order. */
    record TeamLine(
            UUID id,
            String name,
            String region,
            int members,
            int maxSize,
            List<UUID> memberIds,
            List<String> memberRoles,
            List<UUID> challengeIds,
            Instant createdAt) {}

    private final DatabaseClient db;

    ReportRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Teams matching the query. Text search is on the team name and, through {@code matched}, on
     * the members whose name or email matched it.
     */
    Flux<TeamRepository.TeamRow> teams(
            UUID eventId,
            Report.TeamQuery query,
            TeamViews.SizeRule rule,
            List<UUID> matched,
            PageRequest page) {
        StringBuilder sql =
                new StringBuilder(
                        "select " + TeamRepository.TEAM + " from teams where event_id = :event");
        if (query.q() != null) {
            sql.append(" and (name ilike :q");
            if (!matched.isEmpty()) {
                sql.append(
                        " or exists (select 1 from team_members m where m.team_id = teams.id"
                                + " and m.user_id = any(:matched))");
            }
            sql.append(")");
        }
        if (query.challengeId() != null) {
            sql.append(
                    " and exists (select 1 from team_challenges c where c.team_id = teams.id"
                            + " and c.challenge_id = :challenge)");
        }
        if (query.belowMinimum() != null) {
            sql.append(belowMinimum(query.belowMinimum(), rule));
        }
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(paged(sql, "created_at, id", page)).bind("event", eventId);
        if (query.q() != null) {
            spec = spec.bind("q", like(query.q()));
            if (!matched.isEmpty()) {
                spec = spec.bind("matched", matched.toArray(UUID[]::new));
            }
        }
        if (query.challengeId() != null) {
            spec = spec.bind("challenge", query.challengeId());
        }
        return bindPage(spec, page).map(TeamRepository::toTeam).all();
    }

    private static String belowMinimum(boolean below, TeamViews.SizeRule rule) {
        if (!rule.registrationClosed()) {
            return below ? " and false" : "";
        }
        return (below ? " and member_count < " : " and member_count >= ") + rule.min();
    }

    /** Every member of the event's teams. */
    Flux<UUID> memberIds(UUID eventId) {
        return db.sql("select distinct user_id from team_members where event_id = :event")
                .bind("event", eventId)
                .map((row, meta) -> row.get("user_id", UUID.class))
                .all();
    }

    /** Every registrant of the event, withdrawn or not. */
    Flux<UUID> registrantIds(UUID eventId) {
        return db.sql("select user_id from registrations where event_id = :event")
                .bind("event", eventId)
                .map((row, meta) -> row.get("user_id", UUID.class))
                .all();
    }

    /** Every team of the event, one line each, for the CSV export. */
    Flux<TeamLine> teamLines(UUID eventId) {
        return db.sql(
                        """
                        select t.id, t.name, t.region, t.member_count, t.max_size, t.created_at,
                          array(select m.user_id from team_members m where m.team_id = t.id
                                order by m.joined_at, m.user_id) as member_ids,
                          array(select m.role from team_members m where m.team_id = t.id
                                order by m.joined_at, m.user_id) as member_roles,
                          array(select c.challenge_id from team_challenges c where c.team_id = t.id
                                order by c.entered_at, c.challenge_id) as challenge_ids
                        from teams t where t.event_id = :event order by t.created_at, t.id
                        """)
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new TeamLine(
                                        row.get("id", UUID.class),
                                        row.get("name", String.class),
                                        row.get("region", String.class),
                                        row.get("member_count", Integer.class),
                                        row.get("max_size", Integer.class),
                                        TeamRepository.list(row.get("member_ids", UUID[].class)),
                                        TeamRepository.list(
                                                row.get("member_roles", String[].class)),
                                        TeamRepository.list(row.get("challenge_ids", UUID[].class)),
                                        row.get("created_at", Instant.class)))
                .all();
    }

    /**
     * Registrations matching the query, without names and emails; {@code matched} (when not null)
     * holds the registrants whose name or email matched the text.
     */
    Flux<Report.Registrant> registrants(
            UUID eventId, Report.RegistrationQuery query, List<UUID> matched, PageRequest page) {
        StringBuilder sql =
                new StringBuilder(
                        """
                        select r.user_id, r.region, r.age_bracket, r.skills, r.terms_version,
                          r.consented_at, r.looking_for_team, r.withdrawn_at, r.created_at,
                          array(select m.team_id from team_members m where m.event_id = r.event_id
                                and m.user_id = r.user_id order by m.joined_at) as team_ids,
                          array(select t.name from team_members m join teams t on t.id = m.team_id
                                where m.event_id = r.event_id and m.user_id = r.user_id
                                order by m.joined_at) as team_names
                        from registrations r where r.event_id = :event\
                        """);
        if (matched != null) {
            sql.append(" and r.user_id = any(:matched)");
        }
        if (query.region() != null) {
            sql.append(" and r.region = :region");
        }
        if (query.inTeam() != null) {
            sql.append(query.inTeam() ? " and " : " and not ")
                    .append(
                            "exists (select 1 from team_members m where m.event_id = r.event_id"
                                    + " and m.user_id = r.user_id)");
        }
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(paged(sql, "r.created_at, r.user_id", page)).bind("event", eventId);
        if (matched != null) {
            spec = spec.bind("matched", matched.toArray(UUID[]::new));
        }
        if (query.region() != null) {
            spec = spec.bind("region", query.region());
        }
        return bindPage(spec, page).map(ReportRepository::toRegistrant).all();
    }

    /**
     * Every registration of the event, each row turned straight into a CSV line: arrays are joined
     * and team names gathered by the database.
     */
    Flux<String> registrationLines(UUID eventId, Function<Readable, String> line) {
        return db.sql(
                        """
                        select r.user_id, r.region, r.age_bracket,
                          array_to_string(r.skills, '; ') as skills, r.terms_version,
                          r.consented_at, r.looking_for_team, r.withdrawn_at, r.created_at,
                          (select string_agg(t.name, '; ' order by m.joined_at)
                             from team_members m join teams t on t.id = m.team_id
                            where m.event_id = r.event_id and m.user_id = r.user_id) as teams
                        from registrations r where r.event_id = :event
                        order by r.created_at, r.user_id
                        """)
                .bind("event", eventId)
                .map((row, meta) -> line.apply(row))
                .all();
    }

    Mono<Totals> totals(UUID eventId, TeamViews.SizeRule rule) {
        String below =
                rule.registrationClosed()
                        ? "(select count(*) from teams t where t.event_id = :event"
                                + " and t.member_count < "
                                + rule.min()
                                + ")"
                        : "0::bigint";
        return db.sql(
                        "select (select count(*) from registrations r where r.event_id = :event"
                                + " and r.withdrawn_at is null) as registrations,"
                                + " (select count(*) from teams t where t.event_id = :event) as teams, "
                                + below
                                + " as below, (select count(distinct m.user_id) from team_members m"
                                + " where m.event_id = :event) as seated")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new Totals(
                                        row.get("registrations", Long.class),
                                        row.get("teams", Long.class),
                                        row.get("below", Long.class),
                                        row.get("seated", Long.class)))
                .one();
    }

    /** Teams and participants per challenge entered at least once. */
    Flux<ChallengeCount> challengeCounts(UUID eventId) {
        return db.sql(
                        "select tc.challenge_id, count(*) as teams, sum(t.member_count) as participants"
                                + " from team_challenges tc join teams t on t.id = tc.team_id"
                                + " where tc.event_id = :event group by tc.challenge_id")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new ChallengeCount(
                                        row.get("challenge_id", UUID.class),
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
                null,
                null,
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
