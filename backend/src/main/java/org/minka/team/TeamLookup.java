package org.minka.team;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Read-only team facts for the modules that build on teams (submissions, judging, voting). */
@Component
public class TeamLookup {

    private final DatabaseClient db;

    TeamLookup(DatabaseClient db) {
        this.db = db;
    }

    /** Whether the user is a member (captain included) of the team. */
    public Mono<Boolean> isMember(UUID teamId, UUID userId) {
        if (userId == null) {
            return Mono.just(false);
        }
        return db.sql(
                        "select exists (select 1 from team_members where team_id = :team and user_id = :user) as m")
                .bind("team", teamId)
                .bind("user", userId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("m", Boolean.class)))
                .one();
    }

    /** Whether the team of this event has entered the challenge. */
    public Mono<Boolean> hasEntered(UUID eventId, UUID teamId, UUID challengeId) {
        return db.sql(
                        "select exists (select 1 from team_challenges where event_id = :event"
                                + " and team_id = :team and challenge_id = :challenge) as e")
                .bind("event", eventId)
                .bind("team", teamId)
                .bind("challenge", challengeId)
                .map((row, meta) -> Boolean.TRUE.equals(row.get("e", Boolean.class)))
                .one();
    }

    /** The team's members (captain included), in the order they joined. */
    public Flux<UUID> memberIds(UUID teamId) {
        return db.sql(
                        "select user_id from team_members where team_id = :team order by joined_at, user_id")
                .bind("team", teamId)
                .map((row, meta) -> row.get("user_id", UUID.class))
                .all();
    }

    /** Team names by id (unknown ids are left out). */
    public Mono<java.util.Map<UUID, String>> names(java.util.Collection<UUID> teamIds) {
        if (teamIds.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql("select id, name from teams where id = any(:ids)")
                .bind("ids", teamIds.toArray(UUID[]::new))
                .map(
                        (row, meta) ->
                                java.util.Map.entry(
                                        row.get("id", UUID.class), row.get("name", String.class)))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    // For judging: every team member of an event at once.

    /** A member (captain included) of a team. */
    public record TeamMember(UUID teamId, UUID userId) {}

    /**
     * Every member of every team of the event, in the order they joined (a stable order: pages
     * built from it, such as the results page, keep their ETag while nothing changes).
     */
    public Flux<TeamMember> eventMembers(UUID eventId) {
        return db.sql(
                        "select team_id, user_id from team_members where event_id = :event"
                                + " order by joined_at, user_id")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new TeamMember(
                                        row.get("team_id", UUID.class),
                                        row.get("user_id", UUID.class)))
                .all();
    }

    // For judging: the teams one user is on, to check a page of submissions at once.

    /** The teams of the event that the user is a member (captain included) of. */
    public Flux<UUID> teamsOf(UUID eventId, UUID userId) {
        return db.sql(
                        "select team_id from team_members where event_id = :event and user_id = :user")
                .bind("event", eventId)
                .bind("user", userId)
                .map((row, meta) -> row.get("team_id", UUID.class))
                .all();
    }

    // For submissions and help requests: membership and entry answered together.

    /** Whether the user is on the team, and whether the team entered the challenge. */
    public record Entry(boolean member, boolean entered) {}

    /** Whether the user is on the team and the team entered the event's challenge, at once. */
    public Mono<Entry> entry(UUID eventId, UUID teamId, UUID challengeId, UUID userId) {
        return db.sql(
                        """
                        select exists (select 1 from team_members
                            where team_id = :team and user_id = :user) as m,
                          exists (select 1 from team_challenges where event_id = :event
                            and team_id = :team and challenge_id = :challenge) as e""")
                .bind("event", eventId)
                .bind("team", teamId)
                .bind("challenge", challengeId)
                .bind("user", userId)
                .map(
                        (row, meta) ->
                                new Entry(
                                        Boolean.TRUE.equals(row.get("m", Boolean.class)),
                                        Boolean.TRUE.equals(row.get("e", Boolean.class))))
                .one();
    }
}
