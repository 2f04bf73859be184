package org.minka.voting.fraud;

import io.r2dbc.spi.Readable;
import java.time.Duration;
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
 * What the detectors read of an event's counted ballots (valid, not retracted), with their hashes
 * and, for accounts created since VOTING opened, the account's creation (from security's {@link
 * UserDirectory}). A scan reads only what can have changed since the last one (see {@link
 * Snapshot}); the counting and grouping of the whole event happen in the database.
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
     * What one scan reads, from the last scan's moment less the look-back (or from the opening of
     * VOTING, for the first scan). {@code recentBallots}: the counted ballots cast since then.
     * {@code windows}: the busiest burst window of each submission among those, where it holds at
     * least the burst minimum. {@code sharedIp}: the counted ballots of the IP hashes that recent
     * ballots used and that at least the shared-IP minimum of voters share. {@code newAccounts}:
     * the counted ballots of accounts created since VOTING opened, read only when one of them voted
     * recently. The totals are as of {@code now}, the database's now().
     */
    record Snapshot(
            Totals totals,
            int recentBallots,
            List<BurstDetector.Window> windows,
            List<BallotFact> sharedIp,
            List<BallotFact> newAccounts) {

        Instant now() {
            return totals.now();
        }
    }

    /** What a scan asks for: how far back it reads, and the detectors' minimums. */
    record Reading(Duration lookBack, Duration burstWindow, int burstBallots, int sharedIpVoters) {}

    /**
     * The event's ballot rows of any status (what {@link #hasNewBallots} compares), its counted
     * ballots and the submissions that have any, the database's now(), and the last scan's moment
     * (null before the first).
     */
    record Totals(int rows, int counted, int submissions, Instant now, Instant lastScan) {}

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

    /**
     * The ballots one scan needs, {@code lookBack} before the last scan or from {@code opensAt}.
     */
    Mono<Snapshot> snapshot(UUID eventId, Instant opensAt, Reading reading) {
        return totals(eventId)
                .flatMap(t -> snapshot(scope(eventId, opensAt, t, reading.lookBack()), t, reading));
    }

    private static Scope scope(UUID eventId, Instant opensAt, Totals totals, Duration lookBack) {
        Instant back = totals.lastScan() == null ? opensAt : totals.lastScan().minus(lookBack);
        return new Scope(eventId, opensAt, back.isAfter(opensAt) ? back : opensAt);
    }

    /** One scan's event, the opening of its VOTING, and the cast time it reads ballots from. */
    private record Scope(UUID eventId, Instant opensAt, Instant since) {}

    /** What the three reads found, before the new accounts' ballots. */
    private record Read(
            Map<UUID, Long> recentVoters,
            List<BurstDetector.Window> windows,
            List<BallotFact> sharedIp) {}

    private Mono<Snapshot> snapshot(Scope scope, Totals totals, Reading reading) {
        return Mono.zip(
                        recentVoters(scope),
                        busiestWindows(scope, reading),
                        sharedIp(scope, reading.sharedIpVoters()))
                .map(read -> new Read(read.getT1(), read.getT2(), read.getT3()))
                .flatMap(read -> withNewAccounts(scope, totals, read));
    }

    private Mono<Totals> totals(UUID eventId) {
        return db.sql(
                        """
                        select count(*) as all_rows,
                               count(*) filter (where status = 'VALID' and retracted_at is null)
                                   as counted,
                               count(distinct submission_id)
                                   filter (where status = 'VALID' and retracted_at is null)
                                   as submissions,
                               now() as now,
                               (select s.scanned_at from voting_fraud_scans s
                                where s.event_id = :event) as last_scan
                        from voting_ballots
                        where event_id = :event
                        """)
                .bind("event", eventId)
                .map(FraudFacts::toTotals)
                .one();
    }

    private static Totals toTotals(Readable row) {
        return new Totals(
                row.get("all_rows", Long.class).intValue(),
                row.get("counted", Long.class).intValue(),
                row.get("submissions", Long.class).intValue(),
                row.get("now", Instant.class),
                row.get("last_scan", Instant.class));
    }

    private static final String COLUMNS =
            "select id, voter_id, submission_id, ip_hash, ua_hash, cast_at from voting_ballots b ";
    private static final String COUNTED =
            "b.event_id = :event and b.status = 'VALID' and b.retracted_at is null ";

    /** The voters of the counted ballots cast since {@code since}, with their ballots. */
    private Mono<Map<UUID, Long>> recentVoters(Scope scope) {
        return db.sql(
                        "select voter_id, count(*) as n from voting_ballots b where "
                                + COUNTED
                                + "and b.cast_at >= :since group by voter_id")
                .bind("event", scope.eventId())
                .bind("since", scope.since())
                .map(row -> Map.entry(row.get("voter_id", UUID.class), row.get("n", Long.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Each submission's busiest window of {@code burstWindow} among the counted ballots cast since
     * {@code since}, where it holds at least {@code burstBallots}: the ballots in {@code [start,
     * start + window)}, the earliest start on ties, as {@link BurstDetector} defines it. The
     * database counts them; only these few rows come back.
     */
    private Mono<List<BurstDetector.Window>> busiestWindows(Scope scope, Reading reading) {
        return db.sql(
                        """
                        select distinct on (submission_id) submission_id, start, k from (
                            select b.submission_id, b.cast_at as start,
                                   count(*) over (partition by b.submission_id order by b.cast_at
                                                  range between current row
                                                  and make_interval(secs => :secs) following) as k
                            from voting_ballots b
                            where %s and b.cast_at >= :since) w
                        where k >= :min
                        order by submission_id, k desc, start
                        """
                                .formatted(COUNTED))
                .bind("event", scope.eventId())
                .bind("since", scope.since())
                // [start, start + window): the frame's end is inclusive, so one microsecond less
                .bind("secs", reading.burstWindow().toNanos() / 1e9 - 1e-6)
                .bind("min", reading.burstBallots())
                .map(
                        row ->
                                new BurstDetector.Window(
                                        row.get("submission_id", UUID.class),
                                        row.get("start", Instant.class),
                                        row.get("k", Long.class).intValue()))
                .all()
                .collectList();
    }

    /** The ids of one submission's counted ballots in {@code [start, end)}, oldest first. */
    Mono<List<UUID>> windowBallots(UUID eventId, BurstDetector.Window window, Duration length) {
        return db.sql(
                        "select id from voting_ballots b where "
                                + COUNTED
                                + """
                                and b.submission_id = :submission
                                and b.cast_at >= :start and b.cast_at < :end
                                order by b.cast_at, b.id
                                """)
                .bind("event", eventId)
                .bind("submission", window.submissionId())
                .bind("start", window.start())
                .bind("end", window.start().plus(length))
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList();
    }

    /**
     * The counted ballots of the IP hashes used since {@code since} that at least {@code voters}
     * distinct voters share: the shared-IP detector's whole input, grouped in the database.
     */
    private Mono<List<BallotFact>> sharedIp(Scope scope, int voters) {
        return db.sql(
                        COLUMNS
                                + """
                                where %s and b.ip_hash in (
                                    select s.ip_hash from voting_ballots s
                                    where s.event_id = :event and s.status = 'VALID'
                                      and s.retracted_at is null and s.ip_hash in (
                                          select r.ip_hash from voting_ballots r
                                          where r.event_id = :event and r.cast_at >= :since
                                            and r.ip_hash is not null)
                                    group by s.ip_hash
                                    having count(distinct s.voter_id) >= :voters)
                                order by cast_at, id
                                """
                                        .formatted(COUNTED))
                .bind("event", scope.eventId())
                .bind("since", scope.since())
                .bind("voters", voters)
                .map(FraudFacts::toFact)
                .all()
                .collectList();
    }

    /**
     * The cluster detector's input: when a voter of a recent ballot has an account created since
     * VOTING opened, the counted ballots of every such account of the event (a cluster may join
     * accounts that voted long ago); otherwise the clusters cannot have changed, and it reads
     * nothing.
     */
    private Mono<Snapshot> withNewAccounts(Scope scope, Totals totals, Read read) {
        int recent = read.recentVoters().values().stream().mapToInt(Long::intValue).sum();
        return newAccountBallots(scope, read.recentVoters().keySet())
                .map(found -> new Snapshot(totals, recent, read.windows(), read.sharedIp(), found));
    }

    private Mono<List<BallotFact>> newAccountBallots(
            Scope scope, java.util.Collection<UUID> recentVoters) {
        return users.createdSince(recentVoters, scope.opensAt())
                .filter(created -> !created.isEmpty())
                .flatMap(any -> newAccountsOfEvent(scope))
                .defaultIfEmpty(List.of());
    }

    private Mono<List<BallotFact>> newAccountsOfEvent(Scope scope) {
        return db.sql("select distinct voter_id from voting_ballots b where " + COUNTED)
                .bind("event", scope.eventId())
                .map(row -> row.get("voter_id", UUID.class))
                .all()
                .collectList()
                .flatMap(all -> users.createdSince(all, scope.opensAt()))
                .flatMap(created -> ballotsOf(scope.eventId(), created));
    }

    /** The counted ballots of these voters, each with its voter's account creation. */
    private Mono<List<BallotFact>> ballotsOf(UUID eventId, Map<UUID, Instant> created) {
        return db.sql(
                        COLUMNS
                                + "where "
                                + COUNTED
                                + "and b.voter_id = any(:voters) order by cast_at, id")
                .bind("event", eventId)
                .bind("voters", created.keySet().toArray(UUID[]::new))
                .map(FraudFacts::toFact)
                .all()
                .map(fact -> fact.withVoterCreatedAt(created.get(fact.voterId())))
                .collectList();
    }

    private static BallotFact toFact(Readable row) {
        return new BallotFact(
                row.get("id", UUID.class),
                row.get("voter_id", UUID.class),
                row.get("submission_id", UUID.class),
                hex(row.get("ip_hash", java.nio.ByteBuffer.class)),
                hex(row.get("ua_hash", java.nio.ByteBuffer.class)),
                row.get("cast_at", Instant.class),
                null);
    }

    static String hex(java.nio.ByteBuffer bytes) {
        if (bytes == null) {
            return null;
        }
        byte[] raw = new byte[bytes.remaining()];
        bytes.duplicate().get(raw);
        return HexFormat.of().formatHex(raw);
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
