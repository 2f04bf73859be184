package org.minka.team;

import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for teams' challenge entries. The limits on challenges per team and teams per challenge are
 * conditional updates, never read-then-write.
 */
@Repository
class EntryRepository {

    /** One challenge a team entered, as stored. */
    record EntryRow(UUID teamId, UUID challengeId) {}

    private final DatabaseClient db;

    EntryRepository(DatabaseClient db) {
        this.db = db;
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
}
