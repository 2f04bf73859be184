package org.minka.team;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
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
}
