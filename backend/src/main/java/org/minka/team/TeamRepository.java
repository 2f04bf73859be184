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

    private static final String REGISTRATION =
            "id, event_id, user_id, region, age_bracket, skills, terms_version, consented_at,"
                    + " looking_for_team, finder_bio, finder_shows, interests, withdrawn_at, version, created_at, updated_at";
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

    /** One challenge a team entered, as stored. */
    record EntryRow(UUID teamId, UUID challengeId) {}

    /** Registers, or re-registers after a withdrawal; empty when an active registration exists. */
    Mono<Registration> register(UUID eventId, UUID userId, Registration.Answers a) {
        return db.sql(
                        "insert into registrations (event_id, user_id, region, age_bracket, skills, terms_version, consented_at,"
                                + " looking_for_team, finder_bio, finder_shows, interests)"
                                + " values (:event, :user, :region, :age, :skills, :terms, now(), :looking, :bio, :shows, :interests)"
                                + " on conflict (event_id, user_id) do update set region = excluded.region,"
                                + " age_bracket = excluded.age_bracket, skills = excluded.skills,"
                                + " looking_for_team = excluded.looking_for_team, finder_bio = excluded.finder_bio,"
                                + " finder_shows = excluded.finder_shows, interests = excluded.interests,"
                                + " terms_version = excluded.terms_version, consented_at = now(), withdrawn_at = null,"
                                + " updated_at = now(), version = registrations.version + 1"
                                + " where registrations.withdrawn_at is not null returning "
                                + REGISTRATION)
                .bindValues(answers(eventId, userId, a))
                .map(TeamRepository::toRegistration)
                .one();
    }

    Mono<Registration> findActiveRegistration(UUID eventId, UUID userId) {
        return db.sql(
                        "select "
                                + REGISTRATION
                                + " from registrations where event_id = :event and user_id = :user and withdrawn_at is null")
                .bind("event", eventId)
                .bind("user", userId)
                .map(TeamRepository::toRegistration)
                .one();
    }

    /** The registration, active or withdrawn. */
    Mono<Registration> findRegistration(UUID eventId, UUID userId) {
        return db.sql(
                        "select "
                                + REGISTRATION
                                + " from registrations where event_id = :event and user_id = :user")
                .bind("event", eventId)
                .bind("user", userId)
                .map(TeamRepository::toRegistration)
                .one();
    }

    /** Updates the answers; a new terms version records a new consent time. */
    Mono<Registration> updateRegistration(UUID eventId, UUID userId, Registration.Answers a) {
        return db.sql(
                        "update registrations set region = :region, age_bracket = :age, skills = :skills,"
                                + " looking_for_team = :looking, finder_bio = :bio, finder_shows = :shows, interests = :interests,"
                                + " consented_at = case when terms_version = :terms then consented_at else now() end,"
                                + " terms_version = :terms, updated_at = now(), version = version + 1"
                                + " where event_id = :event and user_id = :user and withdrawn_at is null returning "
                                + REGISTRATION)
                .bindValues(answers(eventId, userId, a))
                .map(TeamRepository::toRegistration)
                .one();
    }

    /**
     * Withdraws a registration that holds no team seat; 0 when there is none or it still has one.
     */
    Mono<Long> withdraw(UUID eventId, UUID userId) {
        return db.sql(
                        "update registrations set withdrawn_at = now(), updated_at = now(), version = version + 1"
                                + " where event_id = :event and user_id = :user and withdrawn_at is null and teams_joined = 0")
                .bind("event", eventId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated();
    }

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

    /** Takes one of the team's challenge entries; 0 at the event's limit. */
    Mono<Long> takeChallengeEntry(UUID teamId, int max) {
        return db.sql(
                        "update teams set challenges_entered = challenges_entered + 1 where id = :team"
                                + " and challenges_entered < :max")
                .bind("team", teamId)
                .bind("max", max)
                .fetch()
                .rowsUpdated();
    }

    /** Takes a slot of the challenge; 0 when it already has its maximum of teams. */
    Mono<Long> takeChallengeSlot(UUID challengeId, Integer maxTeams) {
        return db.sql(
                        "insert into challenge_team_counts (challenge_id) values (:challenge) on conflict do nothing")
                .bind("challenge", challengeId)
                .then()
                .then(
                        db.sql(
                                        "update challenge_team_counts set teams = teams + 1 where challenge_id = :challenge"
                                                + " and (cast(:max as int) is null or teams < cast(:max as int))")
                                .bind("challenge", challengeId)
                                .bind("max", Parameter.fromOrEmpty(maxTeams, Integer.class))
                                .fetch()
                                .rowsUpdated());
    }

    Mono<Void> insertEntry(UUID teamId, UUID challengeId, UUID eventId) {
        return db.sql(
                        "insert into team_challenges (team_id, challenge_id, event_id) values (:team, :challenge, :event)")
                .bind("team", teamId)
                .bind("challenge", challengeId)
                .bind("event", eventId)
                .then();
    }

    /** Withdraws an entry and gives back both counters; 0 when the team had not entered. */
    Mono<Long> deleteEntry(UUID teamId, UUID challengeId) {
        return db.sql(
                        "with gone as (delete from team_challenges where team_id = :team and challenge_id = :challenge"
                                + " returning challenge_id),"
                                + " slot as (update challenge_team_counts set teams = teams - 1"
                                + " where challenge_id in (select challenge_id from gone))"
                                + " update teams set challenges_entered = challenges_entered - 1"
                                + " where id = :team and exists (select 1 from gone)")
                .bind("team", teamId)
                .bind("challenge", challengeId)
                .fetch()
                .rowsUpdated();
    }

    /** The challenges these teams entered, each team's in the order it entered them. */
    Flux<EntryRow> findEntries(Collection<UUID> teamIds) {
        return db.sql(
                        "select team_id, challenge_id from team_challenges where team_id = any(:teams)"
                                + " order by team_id, entered_at, challenge_id")
                .bind("teams", teamIds.toArray(UUID[]::new))
                .map(
                        (row, meta) ->
                                new EntryRow(
                                        row.get("team_id", UUID.class),
                                        row.get("challenge_id", UUID.class)))
                .all();
    }

    private static java.util.Map<String, Object> answers(
            UUID eventId, UUID userId, Registration.Answers a) {
        return java.util.Map.of(
                "event", eventId,
                "user", userId,
                "region", a.region().strip(),
                "age", Parameter.fromOrEmpty(a.ageBracket(), String.class),
                "skills", skills(a.skills()),
                "terms", a.termsVersion().strip(),
                "looking", Boolean.TRUE.equals(a.lookingForTeam()),
                "bio", Parameter.fromOrEmpty(blankToNull(a.finderBio()), String.class),
                "shows", a.shows().toArray(String[]::new),
                "interests", a.interestIds().toArray(UUID[]::new));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String[] skills(List<String> skills) {
        return skills == null
                ? new String[0]
                : skills.stream().map(String::strip).distinct().toArray(String[]::new);
    }

    private static Registration toRegistration(Readable row, Object meta) {
        String[] skills = row.get("skills", String[].class);
        return new Registration(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("region", String.class),
                row.get("age_bracket", String.class),
                skills == null ? List.of() : Arrays.asList(skills),
                row.get("terms_version", String.class),
                row.get("consented_at", Instant.class),
                Boolean.TRUE.equals(row.get("looking_for_team", Boolean.class)),
                row.get("finder_bio", String.class),
                list(row.get("finder_shows", String[].class)),
                list(row.get("interests", UUID[].class)),
                row.get("withdrawn_at", Instant.class),
                row.get("version", Long.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
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
