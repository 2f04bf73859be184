package org.minka.voting.fraud;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.security.UserDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the detectors read: an event's counted ballots (valid, not retracted) with their hashes, and
 * when each new voter's account was created (from security's {@link UserDirectory}).
 */
@Component
class FraudFacts {

    private final DatabaseClient db;
    private final UserDirectory users;

    FraudFacts(DatabaseClient db, UserDirectory users) {
        this.db = db;
        this.users = users;
    }

    /**
     * The event's counted ballots as of one moment, how many ballot rows of any status it had then,
     * and that moment (the database's now()).
     */
    record Snapshot(List<BallotFact> ballots, int rows, Instant now) {}

    /**
     * Whether the event has ballot rows that its last scan did not see (or was never scanned):
     * ballots are never deleted, so a different count means new ones.
     */
    Mono<Boolean> hasNewBallots(UUID eventId) {
        return db.sql(
                        """
                        select (select count(*) from voting_ballots b where b.event_id = :event)
                               <> coalesce((select s.ballots from voting_fraud_scans s
                                            where s.event_id = :event), -1) as fresh
                        """)
                .bind("event", eventId)
                .map(row -> Boolean.TRUE.equals(row.get("fresh", Boolean.class)))
                .one();
    }

    /** The event's counted ballots, with the creation time of accounts made since {@code since}. */
    Mono<Snapshot> snapshot(UUID eventId, Instant since) {
        return all(eventId).flatMap(rows -> snapshot(rows, since));
    }

    private Mono<Snapshot> snapshot(List<Row> rows, Instant since) {
        List<Row> counted = rows.stream().filter(Row::counts).toList();
        return withAccounts(counted, since)
                .zipWith(now(), (facts, now) -> new Snapshot(facts, rows.size(), now));
    }

    private record Row(
            UUID id,
            UUID voter,
            UUID submission,
            String ip,
            String ua,
            Instant castAt,
            boolean counts) {}

    /** Every ballot row of the event, in one statement; {@code counts}: valid and live. */
    private Mono<List<Row>> all(UUID eventId) {
        return db.sql(
                        """
                        select id, voter_id, submission_id, ip_hash, ua_hash, cast_at,
                               status = 'VALID' and retracted_at is null as counts
                        from voting_ballots
                        where event_id = :event
                        order by cast_at, id
                        """)
                .bind("event", eventId)
                .map(FraudFacts::toRow)
                .all()
                .collectList();
    }

    private static Row toRow(Readable row) {
        return new Row(
                row.get("id", UUID.class),
                row.get("voter_id", UUID.class),
                row.get("submission_id", UUID.class),
                hex(row.get("ip_hash", java.nio.ByteBuffer.class)),
                hex(row.get("ua_hash", java.nio.ByteBuffer.class)),
                row.get("cast_at", Instant.class),
                Boolean.TRUE.equals(row.get("counts", Boolean.class)));
    }

    static String hex(java.nio.ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        byte[] raw = new byte[bytes.remaining()];
        bytes.duplicate().get(raw);
        return HexFormat.of().formatHex(raw);
    }

    private Mono<List<BallotFact>> withAccounts(List<Row> rows, Instant since) {
        List<UUID> voters = rows.stream().map(Row::voter).distinct().toList();
        return users.createdSince(voters, since).map(created -> facts(rows, created));
    }

    private static List<BallotFact> facts(List<Row> rows, Map<UUID, Instant> created) {
        return rows.stream()
                .map(
                        r ->
                                new BallotFact(
                                        r.id(),
                                        r.voter(),
                                        r.submission(),
                                        r.ip(),
                                        r.ua(),
                                        r.castAt(),
                                        created.get(r.voter())))
                .toList();
    }

    private Mono<Instant> now() {
        return db.sql("select now() as now").map(row -> row.get("now", Instant.class)).one();
    }

    /** Notes that the event was scanned now: the ballot rows it saw and the findings. */
    Mono<Void> scanned(UUID eventId, int rows, int findings) {
        return db.sql(
                        """
                        insert into voting_fraud_scans (event_id, scanned_at, ballots, findings)
                        values (:event, now(), :ballots, :findings)
                        on conflict (event_id) do update
                        set scanned_at = excluded.scanned_at, ballots = excluded.ballots,
                            findings = excluded.findings
                        """)
                .bind("event", eventId)
                .bind("ballots", rows)
                .bind("findings", findings)
                .then();
    }

    /** Serialises scans of one event (for the rest of the caller's transaction). */
    Mono<Void> lock(UUID eventId) {
        return db.sql("select pg_advisory_xact_lock(hashtext('minka.voting-fraud'), hashtext(:e))")
                .bind("e", eventId.toString())
                .then();
    }
}
