package org.minka.team;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for registrations, teams and members. Every cap is a conditional update, never
 * read-then-write.
 */
@Repository
class TeamRepository {

    static final String TEAM =
            "id, event_id, name, description, looking_for_members, skills_wanted, region, captain_id,"
                    + " join_code, max_size, member_count, version, created_at";

    private final DatabaseClient db;

    TeamRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Team row as stored. */
    record TeamRow(
            UUID id,
            UUID eventId,
            String name,
            String description,
            boolean lookingForMembers,
            List<String> skillsWanted,
            String region,
            UUID captainId,
            String joinCode,
            int maxSize,
            int memberCount,
            long version,
            Instant createdAt) {}

    /** One seat in a team, as stored. */
    record MemberRow(UUID teamId, UUID userId, String role, Instant joinedAt) {}

    /** Takes one of the citizen's team seats in the event; 0 when not registered or at the cap. */
    Mono<Long> takeTeamSeat(UUID eventId, UUID userId, int maxTeams) {
        return db.sql(
                        "update registrations set teams_joined = teams_joined + 1 where event_id = :event"
                                + " and user_id = :user and withdrawn_at is null and teams_joined < :max")
                .bind("event", eventId)
                .bind("user", userId)
                .bind("max", maxTeams)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> releaseTeamSeat(UUID eventId, UUID userId) {
        return db.sql(
                        "update registrations set teams_joined = teams_joined - 1 where event_id = :event"
                                + " and user_id = :user and teams_joined > 0")
                .bind("event", eventId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated();
    }

    Mono<TeamRow> insertTeam(
            UUID eventId, Team.Create c, UUID captainId, String joinCode, int maxSize) {
        return db.sql(
                        "insert into teams (event_id, name, description, looking_for_members, skills_wanted, region, captain_id,"
                                + " join_code, max_size, member_count)"
                                + " values (:event, :name, :description, :looking, :skills, :region, :captain, :code, :max, 1) returning "
                                + TEAM)
                .bind("event", eventId)
                .bind("name", c.name().strip())
                .bind("description", c.description() == null ? "" : c.description())
                .bind("looking", Boolean.TRUE.equals(c.lookingForMembers()))
                .bind("skills", skills(c.skillsWanted()))
                .bind("region", Parameter.fromOrEmpty(blankToNull(c.region()), String.class))
                .bind("captain", captainId)
                .bind("code", joinCode)
                .bind("max", maxSize)
                .map(TeamRepository::toTeam)
                .one();
    }

    Mono<Void> insertMember(UUID teamId, UUID eventId, UUID userId, String role) {
        return db.sql(
                        "insert into team_members (team_id, event_id, user_id, role) values (:team, :event, :user, :role)")
                .bind("team", teamId)
                .bind("event", eventId)
                .bind("user", userId)
                .bind("role", role)
                .then();
    }

    /** Takes a seat in the team; 0 when it is full. Concurrent joins serialize on the team row. */
    Mono<Long> takeSeat(UUID teamId) {
        return db.sql(
                        "update teams set member_count = member_count + 1, updated_at = now(), version = version + 1"
                                + " where id = :team and member_count < max_size")
                .bind("team", teamId)
                .fetch()
                .rowsUpdated();
    }

    /** Frees a seat; returns the members left. */
    Mono<Integer> freeSeat(UUID teamId) {
        return db.sql(
                        "update teams set member_count = member_count - 1, updated_at = now(), version = version + 1"
                                + " where id = :team returning member_count")
                .bind("team", teamId)
                .map((row, meta) -> row.get("member_count", Integer.class))
                .one();
    }

    Mono<Long> deleteMember(UUID teamId, UUID userId) {
        return db.sql("delete from team_members where team_id = :team and user_id = :user")
                .bind("team", teamId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated();
    }

    Mono<Void> deleteTeam(UUID teamId) {
        return db.sql("delete from teams where id = :team").bind("team", teamId).then();
    }

    Mono<TeamRow> findTeam(UUID eventId, UUID teamId) {
        return db.sql("select " + TEAM + " from teams where event_id = :event and id = :team")
                .bind("event", eventId)
                .bind("team", teamId)
                .map(TeamRepository::toTeam)
                .one();
    }

    /** Applies the fields present in the request if the team is still at its version. */
    Mono<TeamRow> updateTeam(TeamRow team, Team.Update u) {
        String region = u.region() == null ? team.region() : blankToNull(u.region());
        return db.sql(
                        "update teams set name = :name, description = :description, looking_for_members = :looking,"
                                + " skills_wanted = :skills, region = :region, updated_at = now(), version = version + 1"
                                + " where id = :team and version = :version returning "
                                + TEAM)
                .bind("name", u.name() == null ? team.name() : u.name().strip())
                .bind("description", u.description() == null ? team.description() : u.description())
                .bind(
                        "looking",
                        u.lookingForMembers() == null
                                ? team.lookingForMembers()
                                : u.lookingForMembers())
                .bind(
                        "skills",
                        skills(u.skillsWanted() == null ? team.skillsWanted() : u.skillsWanted()))
                .bind("region", Parameter.fromOrEmpty(region, String.class))
                .bind("team", team.id())
                .bind("version", team.version())
                .map(TeamRepository::toTeam)
                .one();
    }

    /** Teams of the event in creation order, after the cursor. */
    Flux<TeamRow> findTeams(UUID eventId, PageRequest page) {
        Cursor after = page.after();
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "select "
                                        + TEAM
                                        + " from teams where event_id = :event"
                                        + (after == null
                                                ? ""
                                                : " and (created_at, id) > (:at, :id)")
                                        + " order by created_at, id limit :limit")
                        .bind("event", eventId)
                        .bind("limit", page.fetchSize());
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(TeamRepository::toTeam).all();
    }

    Mono<TeamRow> findByCode(UUID eventId, String code) {
        return db.sql(
                        "select "
                                + TEAM
                                + " from teams where event_id = :event and join_code = :code")
                .bind("event", eventId)
                .bind("code", code)
                .map(TeamRepository::toTeam)
                .one();
    }

    /** A team and whether this user is one of its members, read together. */
    record TeamWithMember(TeamRow team, boolean member) {}

    /** The team and whether the user is on it, in one statement. */
    Mono<TeamWithMember> findTeamWithMember(UUID eventId, UUID teamId, UUID userId) {
        return db.sql(
                        "select "
                                + TEAM
                                + ", exists (select 1 from team_members m where m.team_id = teams.id"
                                + " and m.user_id = :user) as caller_member"
                                + " from teams where event_id = :event and id = :team")
                .bind("event", eventId)
                .bind("team", teamId)
                .bind("user", userId)
                .map(
                        (row, meta) ->
                                new TeamWithMember(
                                        toTeam(row, meta),
                                        Boolean.TRUE.equals(
                                                row.get("caller_member", Boolean.class))))
                .one();
    }

    Mono<Boolean> isMember(UUID teamId, UUID userId) {
        return db.sql(
                        "select exists (select 1 from team_members where team_id = :team and user_id = :user) as member")
                .bind("team", teamId)
                .bind("user", userId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("member", Boolean.class)))
                .one();
    }

    /** The members of these teams, each team's in the order they joined. */
    Flux<MemberRow> findMembers(Collection<UUID> teamIds) {
        return db.sql(
                        "select team_id, user_id, role, joined_at from team_members"
                                + " where team_id = any(:teams) order by team_id, joined_at, user_id")
                .bind("teams", teamIds.toArray(UUID[]::new))
                .map(
                        (row, meta) ->
                                new MemberRow(
                                        row.get("team_id", UUID.class),
                                        row.get("user_id", UUID.class),
                                        row.get("role", String.class),
                                        row.get("joined_at", Instant.class)))
                .all();
    }

    /** The team's members (captain included), in the order they joined. */
    Flux<UUID> memberIds(UUID teamId) {
        return db.sql(
                        "select user_id from team_members where team_id = :team"
                                + " order by joined_at, user_id")
                .bind("team", teamId)
                .map((row, meta) -> row.get("user_id", UUID.class))
                .all();
    }

    /** Teams with this member, in one event or (event null) in all, in creation order. */
    Flux<TeamRow> findTeamsOf(UUID userId, UUID eventId, PageRequest page) {
        Cursor after = page.after();
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "select "
                                        + TEAM
                                        + " from teams where id in (select team_id from team_members"
                                        + " where user_id = :user)"
                                        + (eventId == null ? "" : " and event_id = :event")
                                        + (after == null
                                                ? ""
                                                : " and (created_at, id) > (:at, :id)")
                                        + " order by created_at, id limit :limit")
                        .bind("user", userId)
                        .bind("limit", page.fetchSize());
        if (eventId != null) {
            spec = spec.bind("event", eventId);
        }
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(TeamRepository::toTeam).all();
    }

    Mono<String> rotateCode(UUID teamId, String code) {
        return db.sql(
                        "update teams set join_code = :code, updated_at = now() where id = :team returning join_code")
                .bind("team", teamId)
                .bind("code", code)
                .map((row, meta) -> row.get("join_code", String.class))
                .one();
    }

    /** Makes another member the captain; 0 when they are not a member. */
    Mono<Long> transferCaptaincy(UUID teamId, UUID from, UUID to) {
        return db.sql(
                        "with promoted as (update team_members set role = 'CAPTAIN' where team_id = :team and user_id = :to"
                                + " and role = 'MEMBER' returning user_id),"
                                + " demoted as (update team_members set role = 'MEMBER' where team_id = :team and user_id = :from"
                                + " and exists (select 1 from promoted) returning user_id)"
                                + " update teams set captain_id = :to, updated_at = now(), version = version + 1"
                                + " where id = :team and captain_id = :from and exists (select 1 from promoted)")
                .bind("team", teamId)
                .bind("from", from)
                .bind("to", to)
                .fetch()
                .rowsUpdated();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String[] skills(List<String> skills) {
        return skills == null
                ? new String[0]
                : skills.stream().map(String::strip).distinct().toArray(String[]::new);
    }

    static <T> List<T> list(T[] values) {
        return values == null ? List.of() : List.of(values);
    }

    static TeamRow toTeam(Readable row, Object meta) {
        String[] skills = row.get("skills_wanted", String[].class);
        return new TeamRow(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("name", String.class),
                row.get("description", String.class),
                Boolean.TRUE.equals(row.get("looking_for_members", Boolean.class)),
                skills == null ? List.of() : Arrays.asList(skills),
                row.get("region", String.class),
                row.get("captain_id", UUID.class),
                row.get("join_code", String.class),
                row.get("max_size", Integer.class),
                row.get("member_count", Integer.class),
                row.get("version", Long.class),
                row.get("created_at", Instant.class));
    }
}
