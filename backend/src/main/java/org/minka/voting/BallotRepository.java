package org.minka.voting;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Ballots in SQL. A cast and a retract are one statement each ({@code voting_cast_counted}, {@code
 * voting_retract_counted} in V63): each first counts the request against the voter's and the client
 * address's rate limits, then locks the voter's cap row before it reads or writes, so the cap holds
 * under any concurrency. A refusal comes back as a value (the SQLSTATE-like codes of {@link
 * VotingProblems}, or a wait in seconds when a limit is over), so that its count commits.
 */
@Repository
class BallotRepository {

    static final String COLUMNS =
            "id, event_id, challenge_id, submission_id, version_number, cast_at, retracted_at";

    /** The same statement the API runs, for the benchmark that runs it directly. */
    static final String CAST =
            "select refusal, retry_after, "
                    + COLUMNS
                    + " from voting_cast_counted(:perVoter, :perIp, :windowSecs, :event,"
                    + " :challenge, :submission, :version, :voter, :scope, :cap, :opens, :closes,"
                    + " :generation, :ip, :ua)";

    private final DatabaseClient db;

    BallotRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The rate limits a cast or retract counts against, per window; {@link #OFF} counts nothing.
     */
    record Limits(Integer perVoter, Integer perIp, Duration window) {

        static final Limits OFF = new Limits(null, null, Duration.ofMinutes(1));

        double windowSeconds() {
            return window.toMillis() / 1000.0;
        }
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

    /** A retract: which ballot, whose, and the window and address it is asked in. */
    record Retract(
            UUID eventId,
            UUID ballotId,
            UUID voterId,
            Instant opensAt,
            Instant closesAt,
            byte[] ipHash) {}

    /**
     * What the statement answered: the ballot, or a refusal code, or the seconds to wait when a
     * rate limit is over.
     */
    record Outcome(Ballot ballot, String refusal, long retryAfter) {}

    Mono<Outcome> cast(NewBallot b, Limits limits) {
        return limited(db.sql(CAST), limits)
                .bindValues(castValues(b))
                .map((row, meta) -> outcome(row))
                .one();
    }

    /**
     * The ballot's values for {@link #CAST} by name, bound in one go: each {@code bind(...)} copies
     * the values bound so far, twelve times here.
     */
    static Map<String, Object> castValues(NewBallot b) {
        return Map.ofEntries(
                Map.entry("event", b.eventId()),
                Map.entry("challenge", b.challengeId()),
                Map.entry("submission", b.submissionId()),
                Map.entry("version", b.versionNumber()),
                Map.entry("voter", b.voterId()),
                Map.entry("scope", b.capScopeId()),
                Map.entry("cap", b.cap()),
                Map.entry("opens", b.opensAt()),
                Map.entry("closes", b.closesAt()),
                Map.entry("generation", b.keyGeneration()),
                Map.entry("ip", b.ipHash()),
                Map.entry("ua", b.uaHash()));
    }

    Mono<Outcome> retract(Retract r, Limits limits) {
        String sql =
                "select refusal, retry_after, "
                        + COLUMNS
                        + " from voting_retract_counted(:perVoter, :perIp, :windowSecs,"
                        + " :ip, :ballot, :voter, :event, :opens, :closes)";
        return limited(db.sql(sql), limits)
                .bind("ip", r.ipHash())
                .bind("ballot", r.ballotId())
                .bind("voter", r.voterId())
                .bind("event", r.eventId())
                .bind("opens", r.opensAt())
                .bind("closes", r.closesAt())
                .map((row, meta) -> outcome(row))
                .one();
    }

    /**
     * Counts a request that was refused before the ballot statement; the seconds to wait when a
     * limit is over, else 0.
     */
    Mono<Long> count(UUID voterId, byte[] ipHash, Limits limits) {
        String sql =
                "select voting_count_request(:voter, :ip, :perVoter, :perIp, :windowSecs) as wait";
        return limited(db.sql(sql), limits)
                .bind("voter", voterId)
                .bind("ip", ipHash)
                .map((row, meta) -> row.get("wait", Long.class))
                .one();
    }

    /** Binds the limits every counted statement takes ({@code null}: not counted). */
    private static DatabaseClient.GenericExecuteSpec limited(
            DatabaseClient.GenericExecuteSpec spec, Limits limits) {
        return spec.bind("perVoter", Parameter.fromOrEmpty(limits.perVoter(), Integer.class))
                .bind("perIp", Parameter.fromOrEmpty(limits.perIp(), Integer.class))
                .bind("windowSecs", limits.windowSeconds());
    }

    /** Deletes the rate-limit windows that have ended. */
    Mono<Long> purgeCounters() {
        return db.sql("delete from voting_rate_counters where window_end < now()")
                .fetch()
                .rowsUpdated();
    }

    private static Outcome outcome(Readable row) {
        String refusal = row.get("refusal", String.class);
        long wait = row.get("retry_after", Long.class);
        boolean ballot = refusal == null && wait == 0;
        return new Outcome(ballot ? ballot(row) : null, refusal, wait);
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
