package org.minka.voting;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ballots in SQL. A cast and a retract are one statement each ({@code voting_cast}, {@code
 * voting_retract} in V53): each locks the voter's cap row before it reads or writes, so the cap
 * holds under any concurrency, and refuses with its own SQLSTATE ({@link VotingProblems}).
 */
@Repository
class BallotRepository {

    static final String COLUMNS =
            "id, event_id, challenge_id, submission_id, version_number, cast_at, retracted_at";

    /** The same statement the API runs, for the benchmark that runs it directly. */
    static final String CAST =
            "select "
                    + COLUMNS
                    + " from voting_cast(:event, :challenge, :submission, :version, :voter,"
                    + " :scope, :cap, :opens, :closes, :generation, :ip, :ua)";

    private final DatabaseClient db;

    BallotRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A ballot to cast: where it goes, the cap it counts against, and its audit hashes. */
    record NewBallot(
            UUID eventId,
            UUID challengeId,
            UUID submissionId,
            int versionNumber,
            UUID voterId,
            UUID capScopeId,
            int cap,
            Instant opensAt,
            Instant closesAt,
            int keyGeneration,
            byte[] ipHash,
            byte[] uaHash) {}

    Mono<Ballot> cast(NewBallot b) {
        return db.sql(CAST)
                .bind("event", b.eventId())
                .bind("challenge", b.challengeId())
                .bind("submission", b.submissionId())
                .bind("version", b.versionNumber())
                .bind("voter", b.voterId())
                .bind("scope", b.capScopeId())
                .bind("cap", b.cap())
                .bind("opens", b.opensAt())
                .bind("closes", b.closesAt())
                .bind("generation", b.keyGeneration())
                .bind("ip", b.ipHash())
                .bind("ua", b.uaHash())
                .map((row, meta) -> ballot(row))
                .one();
    }

    Mono<Ballot> retract(UUID eventId, UUID ballotId, UUID voterId, Instant opens, Instant closes) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from voting_retract(:ballot, :voter, :event, :opens, :closes)")
                .bind("ballot", ballotId)
                .bind("voter", voterId)
                .bind("event", eventId)
                .bind("opens", opens)
                .bind("closes", closes)
                .map((row, meta) -> ballot(row))
                .one();
    }

    /** The voter's live ballots in the event, oldest first. */
    Flux<Ballot> live(UUID eventId, UUID voterId) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from voting_ballots where event_id = :event"
                                + " and voter_id = :voter and retracted_at is null"
                                + " order by cast_at, id")
                .bind("event", eventId)
                .bind("voter", voterId)
                .map((row, meta) -> ballot(row))
                .all();
    }

    static Ballot ballot(Readable row) {
        return new Ballot(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("challenge_id", UUID.class),
                row.get("submission_id", UUID.class),
                row.get("version_number", Integer.class),
                row.get("cast_at", Instant.class),
                row.get("retracted_at", Instant.class));
    }
}
