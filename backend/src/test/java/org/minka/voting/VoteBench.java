package org.minka.voting;

import io.netty.buffer.ByteBufAllocator;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.minka.bench.ReadBenchSeed;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@code make bench-vote}'s driver ({@code infra/bench/vote-bench.sh}), in a JVM of its own next to
 * the production jar. It seeds through the API (event A in VOTING with {@value #SUBMISSIONS}
 * submissions, {@code PER_EVENT} cap {@value #CAP}; event B with two, for the fan-out), signs in
 * {@code minka.bench.voters} voters of the dev issuer, and then, with both load generators in this
 * one JVM (so both are equally warm):
 *
 * <ol>
 *   <li>warm-up: the cast endpoint, closed loop, then the ballot statement directly;
 *   <li>{@code minka.bench.rounds} rounds, alternating the API and the direct run (odd rounds API
 *       first, even rounds direct first), each {@code minka.bench.seconds} at {@value #CONNECTIONS}
 *       connections, closed loop; per side a {@code vote-round} line with the rate, the database's
 *       transactions per cast and CPU per cast of the app, of this driver and of the rest;
 *   <li>the API, open loop, at half the median API rate: p50 and p99;
 *   <li>{@code minka.bench.subscribers} SSE subscribers of event B's tally stream and one vote: the
 *       p99 of its arrival ({@code tally-fanout:});
 *   <li>last, {@code vote-bench: api_rps=… db_tps=… ratio=… p50_ms=… p99_ms=… errors=…}.
 * </ol>
 *
 * Arguments: the API's base URL, the servers' properties file ({@code BenchServers}) and the app's
 * PID (its CPU time from {@code /proc/<pid>/stat}). Exits 1 when anything fails.
 */
public final class VoteBench {

    private static final int CONNECTIONS = 64;
    private static final int SUBMISSIONS = 200;
    private static final int CAP = 100;
    private static final int SIGN_INS_AT_ONCE = 16;
    private static final int ERRORS_SHOWN = 5;
    private static final int VOTERS = Integer.getInteger("minka.bench.voters", 6_000);
    private static final int SUBSCRIBERS = Integer.getInteger("minka.bench.subscribers", 1_000);
    private static final int ROUNDS = Integer.getInteger("minka.bench.rounds", 3);

    /** The open loop's lead-in at its rate, before p50/p99 are measured. */
    private static final Duration OPEN_LEAD =
            Duration.ofSeconds(Integer.getInteger("minka.bench.open-lead", 5));

    /**
     * The rate limits the direct side counts against, as the app does ({@code VOTE_BENCH_LIMITS};
     * the app's production defaults, or none).
     */
    private static final BallotRepository.Limits LIMITS =
            "off".equals(System.getProperty("minka.bench.limits", "on"))
                    ? BallotRepository.Limits.OFF
                    : new BallotRepository.Limits(30, 300, Duration.ofMinutes(1));

    private static final Duration RUN =
            Duration.ofSeconds(Integer.getInteger("minka.bench.seconds", 15));
    private static final Duration WARMUP_API =
            Duration.ofSeconds(Integer.getInteger("minka.bench.warmup-api", 180));
    private static final Duration WARMUP_DIRECT =
            Duration.ofSeconds(Integer.getInteger("minka.bench.warmup-direct", 30));

    /** How long the database's statistics get to come in after a side (see settledStats). */
    private static final Duration SETTLE =
            Duration.ofMillis(Integer.getInteger("minka.bench.settle-ms", 11_000));

    /** Clock ticks per second of {@code /proc} (USER_HZ). */
    private static final double HZ = 100;

    private final String api;
    private final long appPid;
    private final Properties servers;
    private final Connection jdbc;
    private final ReadBenchSeed seed;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Boolean> errorsShown = new ConcurrentHashMap<>();
    private ConnectionProvider pool;
    private HttpClient http;
    private ConnectionPool r2dbc;
    private DatabaseClient direct;

    /** Event A: where the load goes. */
    private UUID event;

    private UUID challenge;
    private List<UUID> submissions;
    private Instant[] window;

    /** Event B: the fan-out's, and the submission its one vote goes to. */
    private UUID fanoutEvent;

    private UUID fanoutSubmission;

    private List<String> tokens;

    private VoteBench(String api, long appPid, Properties servers, Connection jdbc) {
        this.api = api;
        this.appPid = appPid;
        this.servers = servers;
        this.jdbc = jdbc;
        this.seed = new ReadBenchSeed(api, ReadBenchSeed.issuer(servers), jdbc);
    }

    public static void main(String[] args) {
        int status;
        try {
            Properties servers = ReadBenchSeed.servers(Path.of(args[1]));
            try (Connection jdbc = ReadBenchSeed.connect(servers)) {
                status = new VoteBench(args[0], Long.parseLong(args[2]), servers, jdbc).bench();
            }
        } catch (Throwable e) {
            System.err.println("vote-bench: failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Latencies in buckets of 0.1 ms, up to 10 s. */
    private static final class Histogram {
        final AtomicLongArray buckets = new AtomicLongArray(100_000);

        void add(long nanos) {
            buckets.incrementAndGet((int) Math.min(buckets.length() - 1, nanos / 100_000));
        }

        double percentile(double p) {
            long total = 0;
            for (int i = 0; i < buckets.length(); i++) {
                total += buckets.get(i);
            }
            long seen = 0;
            for (int i = 0; i < buckets.length(); i++) {
                seen += buckets.get(i);
                if (seen >= Math.ceil(total * p)) {
                    return i / 10.0;
                }
            }
            return buckets.length() / 10.0;
        }
    }

    /** What one run did: successes (201), failures, its length and the latencies. */
    private record Load(long ok, long errors, double seconds, Histogram latency) {
        double rate() {
            return ok / seconds;
        }
    }

    /** One request's outcome: the HTTP status (0: no answer), its time and, if not 201, why. */
    private record Outcome(int status, long nanos, String detail) {}

    private int bench() throws Exception {
        long t = System.nanoTime();
        seedEvents();
        System.out.printf(
                "seeded: event %s (%d submissions, cap %d per voter), fan-out event %s in %.0f s%n",
                event, submissions.size(), CAP, fanoutEvent, seconds(t));
        t = System.nanoTime();
        tokens = signIn("vote-bench-" + run + "-", VOTERS);
        int aged = backdateAccounts("vote-bench-" + run + "-");
        System.out.printf(
                "voters: %d signed in (token and GET /api/v1/me each; %d accounts dated 60 days"
                        + " back, as the direct side's) in %.0f s%n",
                tokens.size(), aged, seconds(t));
        window = window(event);
        pool =
                ConnectionProvider.builder("vote-bench")
                        .maxConnections(CONNECTIONS)
                        .pendingAcquireMaxCount(-1)
                        .build();
        http = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(30));
        r2dbc = directPool();
        direct = DatabaseClient.create(r2dbc);
        try {
            return measure();
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
            r2dbc.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    private int measure() throws Exception {
        probe();
        long t = System.nanoTime();
        api(WARMUP_API, 0);
        direct(insertVoters("vote-bench-db-" + run + "-w-", VOTERS), WARMUP_DIRECT);
        System.out.printf(
                "warm-up: API %d s, direct %d s (%.0f s with set-up)%n",
                WARMUP_API.toSeconds(), WARMUP_DIRECT.toSeconds(), seconds(t));
        List<Double> apiRates = new ArrayList<>();
        List<Double> directRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long errors = 0;
        List<List<UUID>> directVoters = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            directVoters.add(insertVoters("vote-bench-db-" + run + "-" + round + "-", VOTERS));
        }
        vacuum();
        Stats stats = settledStats();
        Stats idle = settledStats();
        System.out.printf(
                "idle: %.1f transactions/s in the database while nothing casts (background jobs;"
                        + " counted in every side's tx_per_cast over its %d s and the %d s after)%n",
                (idle.transactions() - stats.transactions()) * 1000.0 / SETTLE.toMillis(),
                RUN.toSeconds(),
                SETTLE.toSeconds());
        stats = idle;
        for (int round = 1; round <= ROUNDS; round++) {
            Load apiLoad = null;
            Load directLoad = null;
            for (String side :
                    round % 2 == 1 ? List.of("api", "direct") : List.of("direct", "api")) {
                Cpu start = cpu();
                Load load =
                        side.equals("api") ? api(RUN, 0) : direct(directVoters.get(round - 1), RUN);
                Cpu end = cpu();
                Stats after = settledStats();
                System.out.println(roundLine(round, side, load, start, end, stats, after));
                System.out.println(rowLine(round, side, load, stats, after));
                System.out.println(scanLine(round, side, load, stats, after));
                System.out.println(vacuumLine(round, side, load, stats, after));
                stats = after;
                if (load.ok() == 0) {
                    System.err.println("vote-bench: no successful cast in the " + side + " run");
                    return 1;
                }
                if (side.equals("api")) {
                    apiLoad = load;
                } else {
                    directLoad = load;
                }
            }
            apiRates.add(apiLoad.rate());
            directRates.add(directLoad.rate());
            ratios.add(apiLoad.rate() / directLoad.rate());
            errors += apiLoad.errors();
        }
        double apiRate = median(apiRates);
        // the rate first steps down from the last side's (or up from idle) before it is measured
        Load lead = api(OPEN_LEAD, apiRate / 2);
        Load half = api(RUN, apiRate / 2);
        System.out.printf(
                "open loop at %.0f casts/s (half the median API rate), after %d s at that rate"
                        + " (p99 %.1f ms then, not counted): %.0f answered/s, p50 %.1f ms,"
                        + " p99 %.1f ms, %d errors%n",
                apiRate / 2,
                OPEN_LEAD.toSeconds(),
                lead.latency().percentile(0.99),
                (half.ok() + half.errors()) / half.seconds(),
                half.latency().percentile(0.50),
                half.latency().percentile(0.99),
                half.errors());
        errors += lead.errors();
        FanOut fanOut = fanOut();
        System.out.printf("tally-fanout: subscribers=%d p99_ms=%d%n", SUBSCRIBERS, fanOut.p99());
        System.out.printf(
                "vote-bench: api_rps=%.0f db_tps=%.0f ratio=%.2f p50_ms=%.1f p99_ms=%.1f"
                        + " errors=%d%n",
                apiRate,
                median(directRates),
                median(ratios),
                half.latency().percentile(0.50),
                half.latency().percentile(0.99),
                errors + half.errors());
        if (fanOut.missing() > 0) {
            System.err.printf(
                    "vote-bench: %d of %d subscribers never got the vote%n",
                    fanOut.missing(), SUBSCRIBERS);
            return 2;
        }
        return 0;
    }

    // ---- seeding --------------------------------------------------------------------------

    private void seedEvents() throws Exception {
        Map<String, Object> voting = new LinkedHashMap<>();
        voting.put("scope", "PER_EVENT");
        voting.put("votesPerVoter", CAP);
        voting.put("minAccountAgeDays", 0);
        voting.put("liveTallies", true);
        Map<String, Object> settings = Map.of("voting", voting);
        event = seed.event("vote-bench", settings);
        challenge = seed.challenge(event, "Vacunación");
        fanoutEvent = seed.event("vote-bench-fanout", settings);
        UUID fanoutChallenge = seed.challenge(fanoutEvent, "Agua potable");
        // SUBMISSION open while the teams submit, then VOTING (and JUDGING) open as the load
        // begins:
        // the casts are the event's own traffic from its opening, as in a real vote. (Opened an
        // hour before, the quiet hour makes the load a burst on every submission, and each fraud
        // scan refreshes 200 burst flags: see docs/voting.md.)
        for (UUID e : List.of(event, fanoutEvent)) {
            seed.phases(e, "-10 days", "-5 days", "-1 hour", "1 day", "1 day", "2 days");
        }
        submissions = new ArrayList<>();
        for (int i = 1; i <= SUBMISSIONS; i++) {
            submissions.add(seed.team(event, challenge, i));
        }
        fanoutSubmission = seed.team(fanoutEvent, fanoutChallenge, SUBMISSIONS + 1);
        seed.team(fanoutEvent, fanoutChallenge, SUBMISSIONS + 2);
        for (UUID e : List.of(event, fanoutEvent)) {
            String opened = System.getProperty("minka.bench.voting-opened", "-1 minute");
            seed.phases(e, "-10 days", "-5 days", "-2 days", opened, opened, "2 days");
        }
    }

    /**
     * Tokens of {@code n} voters (client ids {@code <prefix><i>}), each signed in once with {@code
     * GET /api/v1/me} so that their users rows exist before the load; {@value #SIGN_INS_AT_ONCE} at
     * a time.
     */
    private List<String> signIn(String prefix, int n) {
        return Flux.range(1, n)
                .flatMapSequential(
                        i ->
                                Mono.fromCallable(() -> signIn(prefix + i))
                                        .subscribeOn(Schedulers.boundedElastic()),
                        SIGN_INS_AT_ONCE)
                .collectList()
                .block(Duration.ofMinutes(10));
    }

    private String signIn(String client) throws Exception {
        String token = seed.token(client);
        seed.call("GET", "/api/v1/me", token, null);
        return token;
    }

    /**
     * Dates the API voters' accounts 60 days back, as the direct side's voters are: accounts that
     * existed before VOTING opened, the usual voter. Otherwise the fraud detectors see thousands of
     * accounts created while voting is open, voting round-robin over the same submissions, and flag
     * them as clusters every scan (thousands of rows per scan on the API side only). Their last
     * sign-ins are spread over the past four minutes, as voters who came at different times: signed
     * in all at once, they would all refresh their users rows (4 to 6 minutes later) in the middle
     * of the measured rounds.
     */
    private int backdateAccounts(String prefix) throws Exception {
        try (PreparedStatement s =
                jdbc.prepareStatement(
                        "update users set created_at = now() - interval '60 days',"
                                + " last_seen_at = now() - random() * interval '4 minutes'"
                                + " where subject like ?")) {
            s.setString(1, prefix + "%");
            return s.executeUpdate();
        }
    }

    /** Voters for the direct run, written in one statement (verified, 60 days old). */
    private List<UUID> insertVoters(String prefix, int n) throws Exception {
        String issuer;
        try (PreparedStatement s =
                jdbc.prepareStatement("select issuer from users where subject = ?")) {
            s.setString(1, "vote-bench-" + run + "-1");
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                issuer = rows.getString(1);
            }
        }
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement s =
                jdbc.prepareStatement(
                        """
                        insert into users (issuer, subject, email, email_verified, name,
                                           created_at)
                        select ?, ? || g, ? || g || '@example.org', true, 'User ' || g,
                               now() - interval '60 days'
                        from generate_series(1, ?) g returning id""")) {
            s.setString(1, issuer);
            s.setString(2, prefix);
            s.setString(3, prefix);
            s.setInt(4, n);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private Instant[] window(UUID eventId) throws Exception {
        try (PreparedStatement s =
                jdbc.prepareStatement(
                        "select opens_at, closes_at from event_phases where event_id = ?"
                                + " and phase = 'VOTING'")) {
            s.setObject(1, eventId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return new Instant[] {
                    rows.getObject(1, OffsetDateTime.class).toInstant(),
                    rows.getObject(2, OffsetDateTime.class).toInstant()
                };
            }
        }
    }

    /**
     * Until a probe voter's cast answers 201: the app hears of the phase change by a NOTIFY, so its
     * first casts might still see VOTING closed.
     */
    private void probe() throws Exception {
        String token = signIn("vote-bench-" + run + "-probe");
        String url = api + "/api/v1/events/" + event + "/voting/ballots";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Outcome outcome;
        do {
            outcome = cast(url, token, "10.255.255.254", submissions.get(0)).block();
            if (outcome.status() == 201) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("the probe's cast answered " + outcome);
    }

    // ---- load ------------------------------------------------------------------------------

    /**
     * Casts through the API: closed loop at {@value #CONNECTIONS} connections, or open loop at
     * {@code rate} per second.
     */
    private Load api(Duration length, double rate) {
        String url = api + "/api/v1/events/" + event + "/voting/ballots";
        Flux<?> ticks =
                rate > 0
                        ? Flux.interval(Duration.ofNanos((long) (1e9 / rate))).onBackpressureDrop()
                        : Flux.range(0, Integer.MAX_VALUE);
        return run(
                ticks,
                () -> apiCast(url, next.getAndIncrement()),
                rate > 0 ? 4 * CONNECTIONS : CONNECTIONS,
                "api",
                length);
    }

    /**
     * Cast number {@code n} is voter {@code n % VOTERS}'s {@code (n / VOTERS)}-th ballot, on the
     * submissions in turn; voter {@code i} comes from the address {@code 10.<i/65536>.<i/256 %
     * 256>.<i % 256>} (X-Forwarded-For of a trusted proxy).
     */
    private Mono<Outcome> apiCast(String url, int n) {
        int voter = n % tokens.size();
        UUID submission = submissions.get((voter + n / tokens.size()) % submissions.size());
        String address =
                "10." + (voter / 65536) + "." + ((voter / 256) % 256) + "." + (voter % 256);
        return cast(url, tokens.get(voter), address, submission);
    }

    private Mono<Outcome> cast(String url, String token, String address, UUID submission) {
        String body = "{\"submissionId\":\"" + submission + "\"}";
        long start = System.nanoTime();
        return http.headers(
                        h ->
                                h.add("Authorization", "Bearer " + token)
                                        .add("Content-Type", "application/json")
                                        .add("User-Agent", "vote-bench/1.0")
                                        .add("X-Forwarded-For", address))
                .post()
                .uri(url)
                .send(
                        ByteBufFlux.fromString(
                                Mono.just(body), StandardCharsets.UTF_8, ByteBufAllocator.DEFAULT))
                .responseSingle(
                        (response, content) ->
                                content.asString()
                                        .defaultIfEmpty("")
                                        .map(
                                                text ->
                                                        outcome(
                                                                response.status().code(),
                                                                start,
                                                                text)))
                .onErrorResume(
                        e -> Mono.just(new Outcome(0, System.nanoTime() - start, e.toString())));
    }

    private static Outcome outcome(int status, long start, String body) {
        return new Outcome(status, System.nanoTime() - start, status == 201 ? null : body);
    }

    /** The ballot statement straight over R2DBC, {@value #CONNECTIONS} at a time. */
    private Load direct(List<UUID> voters, Duration length) {
        byte[][] ip = new byte[voters.size()][];
        for (int i = 0; i < ip.length; i++) {
            // one client address per voter, as on the API side
            ip[i] = sha256("vote-bench-address-" + i);
        }
        byte[] ua = new byte[32];
        Arrays.fill(ua, (byte) 7);
        AtomicInteger n = new AtomicInteger();
        return run(
                Flux.range(0, Integer.MAX_VALUE),
                () -> directCast(voters, n.getAndIncrement(), ip, ua),
                CONNECTIONS,
                "direct",
                length);
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same statement, bound as {@link BallotRepository#cast} binds it. */
    private Mono<Outcome> directCast(List<UUID> voters, int n, byte[][] ip, byte[] ua) {
        int v = n % voters.size();
        UUID submission = submissions.get((v + n / voters.size()) % submissions.size());
        long start = System.nanoTime();
        return direct.sql(BallotRepository.CAST)
                .bind("perVoter", Parameter.fromOrEmpty(LIMITS.perVoter(), Integer.class))
                .bind("perIp", Parameter.fromOrEmpty(LIMITS.perIp(), Integer.class))
                .bind("windowSecs", LIMITS.windowSeconds())
                .bindValues(
                        BallotRepository.castValues(
                                new BallotRepository.NewBallot(
                                        event,
                                        challenge,
                                        submission,
                                        1,
                                        voters.get(v),
                                        event,
                                        CAP,
                                        window[0],
                                        window[1],
                                        1,
                                        ip[v],
                                        ua)))
                .map((row, meta) -> row.get("id", UUID.class) != null)
                .one()
                .map(cast -> cast ? outcome(201, start, null) : new Outcome(409, 0, "refused"))
                .defaultIfEmpty(new Outcome(409, 0, "no ballot row"))
                .onErrorResume(e -> Mono.just(new Outcome(500, 0, e.toString())));
    }

    /**
     * One cast per tick, at most {@code concurrency} at once, until {@code length} is over; the
     * casts in flight then finish (none is cancelled) and count. Counts 201s and shows the first
     * distinct errors.
     */
    private Load run(
            Flux<?> ticks,
            Supplier<Mono<Outcome>> cast,
            int concurrency,
            String side,
            Duration length) {
        Histogram latency = new Histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        ticks.takeWhile(tick -> System.nanoTime() < end)
                .flatMap(tick -> cast.get(), concurrency)
                .doOnNext(
                        o -> {
                            latency.add(o.nanos());
                            if (o.status() == 201) {
                                ok.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                                showError(side, o);
                            }
                        })
                .blockLast(length.plusSeconds(60));
        return new Load(ok.get(), errors.get(), seconds(start), latency);
    }

    private void showError(String side, Outcome o) {
        String detail = o.detail() == null ? "" : o.detail();
        String key =
                side + " " + o.status() + " " + detail.substring(0, Math.min(200, detail.length()));
        if (errorsShown.size() < ERRORS_SHOWN && errorsShown.putIfAbsent(key, true) == null) {
            System.err.println("vote-bench: error (" + side + "): " + o.status() + " " + detail);
        }
    }

    private ConnectionPool directPool() {
        String url =
                servers.getProperty("spring.r2dbc.url")
                        .replace("r2dbc:pool:", "r2dbc:")
                        .replace("r2dbc:", "r2dbc:pool:");
        ConnectionFactoryOptions.Builder options =
                ConnectionFactoryOptions.parse(url)
                        .mutate()
                        .option(Option.valueOf("maxSize"), CONNECTIONS)
                        .option(Option.valueOf("initialSize"), CONNECTIONS);
        String user = servers.getProperty("spring.r2dbc.username");
        String password = servers.getProperty("spring.r2dbc.password");
        if (user != null && !user.isBlank()) {
            options.option(ConnectionFactoryOptions.USER, user);
        }
        if (password != null && !password.isEmpty()) {
            options.option(ConnectionFactoryOptions.PASSWORD, password);
        }
        ConnectionFactory factory = ConnectionFactories.get(options.build());
        ConnectionPool p = (ConnectionPool) factory;
        DatabaseClient client = DatabaseClient.create(p);
        Flux.range(0, CONNECTIONS)
                .flatMap(i -> client.sql("select 1").then(), CONNECTIONS)
                .blockLast(Duration.ofSeconds(30));
        return p;
    }

    // ---- where the time goes ----------------------------------------------------------------

    /**
     * CPU time so far: the app's ({@code /proc/<pid>/stat}), this driver's, and the whole machine's
     * busy time ({@code /proc/stat}). Read at once, when a side starts and ends.
     */
    private record Cpu(long appTicks, long driverNanos, long busyTicks) {}

    /**
     * The database's counters: committed transactions (each statement outside a transaction is
     * one), rows written per table, and scans (index and sequential) per table.
     */
    private record Stats(
            long transactions,
            long walBytes,
            Map<String, Long> rowWrites,
            Map<String, Long> scans,
            Map<String, Long> autovacuums) {}

    private Cpu cpu() throws Exception {
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        return new Cpu(appTicks(), os.getProcessCpuTime(), busyTicks());
    }

    /**
     * The database's counters once the last side's are in: PostgreSQL 15 flushes a backend's
     * statistics when it goes idle, but at most once a second, and a backend that flushed less than
     * a second ago flushes the rest only after 10 s idle (PGSTAT_IDLE_INTERVAL). So a short wait
     * lets a side's transactions leak into the next side's figures.
     */
    private Stats settledStats() throws Exception {
        Thread.sleep(SETTLE.toMillis());
        long tx;
        try (PreparedStatement s =
                        jdbc.prepareStatement(
                                "select xact_commit from pg_stat_database"
                                        + " where datname = current_database()");
                ResultSet rows = s.executeQuery()) {
            rows.next();
            tx = rows.getLong(1);
        }
        long wal;
        try (PreparedStatement s =
                        jdbc.prepareStatement("select pg_current_wal_lsn() - '0/0'::pg_lsn");
                ResultSet rows = s.executeQuery()) {
            rows.next();
            wal = rows.getLong(1);
        }
        return new Stats(
                tx,
                wal,
                perTable("n_tup_ins + n_tup_upd + n_tup_del"),
                perTable("coalesce(idx_scan, 0) + seq_scan"),
                perTable("autovacuum_count + autoanalyze_count"));
    }

    /**
     * Vacuums and analyzes the database once the warm-ups are over. Their few hundred thousand
     * ballots left autovacuum work on every voting table, which ran during the first measured side,
     * always round 1's API side (session 11); the rounds' own writes still leave work, which falls
     * on either side.
     */
    private void vacuum() throws Exception {
        long t = System.nanoTime();
        try (java.sql.Statement s = jdbc.createStatement()) {
            s.execute("vacuum (analyze)");
        }
        System.out.printf("vacuum (analyze) after the warm-ups: %.1f s%n", seconds(t));
    }

    /** A counter of {@code pg_stat_user_tables} so far, per table. */
    private Map<String, Long> perTable(String counter) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement s =
                        jdbc.prepareStatement(
                                "select relname, " + counter + " from pg_stat_user_tables");
                ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                counts.merge(rows.getString(1), rows.getLong(2), Long::sum);
            }
        }
        return counts;
    }

    /** The tables with the most rows written per cast between two moments, most first. */
    private static String rowLine(int round, String side, Load load, Stats from, Stats to) {
        return perCast(
                "vote-round " + round + " " + side + " rows written per cast:",
                load,
                from.rowWrites(),
                to.rowWrites());
    }

    /** The tables scanned most per cast (each index or sequential scan of a statement counts). */
    private static String scanLine(int round, String side, Load load, Stats from, Stats to) {
        return perCast(
                "vote-round " + round + " " + side + " table scans per cast:",
                load,
                from.scans(),
                to.scans());
    }

    /**
     * The WAL written per cast, and the autovacuum and autoanalyze runs that finished during a side
     * or the settle after it, per table: background work of this side's writes or of an earlier
     * side's, which this side pays.
     */
    private static String vacuumLine(int round, String side, Load load, Stats from, Stats to) {
        double casts = Math.max(1, load.ok() + load.errors());
        StringBuilder line =
                new StringBuilder(
                        String.format(
                                "vote-round %d %s WAL bytes per cast: %.0f; autovacuum runs:",
                                round, side, (to.walBytes() - from.walBytes()) / casts));
        to.autovacuums()
                .forEach(
                        (table, count) -> {
                            long runs = count - from.autovacuums().getOrDefault(table, 0L);
                            if (runs > 0) {
                                line.append(' ').append(table).append('=').append(runs);
                            }
                        });
        return line.toString();
    }

    private static String perCast(
            String title, Load load, Map<String, Long> from, Map<String, Long> to) {
        double casts = Math.max(1, load.ok() + load.errors());
        StringBuilder line = new StringBuilder(title);
        to.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - from.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .forEach(
                        e ->
                                line.append(
                                        String.format(
                                                " %s=%.2f", e.getKey(), e.getValue() / casts)));
        return line.toString();
    }

    /** utime + stime of the app (fields 14 and 15 of {@code /proc/<pid>/stat}). */
    private long appTicks() throws Exception {
        String stat = Files.readString(Path.of("/proc/" + appPid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state)
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** user nice system irq softirq steal of all CPUs ({@code /proc/stat}'s first line). */
    private static long busyTicks() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[1])
                + Long.parseLong(f[2])
                + Long.parseLong(f[3])
                + Long.parseLong(f[6])
                + Long.parseLong(f[7])
                + Long.parseLong(f[8]);
    }

    /** One side of a round: rate, and per cast: transactions, app, driver and other CPU time. */
    private static String roundLine(
            int round, String side, Load load, Cpu from, Cpu to, Stats before, Stats after) {
        double casts = Math.max(1, load.ok() + load.errors());
        double appMs = (to.appTicks() - from.appTicks()) * 1000 / HZ;
        double driverMs = (to.driverNanos() - from.driverNanos()) / 1e6;
        double machineMs = (to.busyTicks() - from.busyTicks()) * 1000 / HZ;
        return String.format(
                "vote-round %d %s: rate=%.0f errors=%d tx_per_cast=%.2f app_cpu_ms_per_cast=%.2f"
                        + " driver_cpu_ms_per_cast=%.2f other_cpu_ms_per_cast=%.2f",
                round,
                side,
                load.rate(),
                load.errors(),
                (after.transactions() - before.transactions()) / casts,
                appMs / casts,
                driverMs / casts,
                Math.max(0, machineMs - appMs - driverMs) / casts);
    }

    // ---- fan-out ---------------------------------------------------------------------------

    private record FanOut(long p99, long missing) {}

    /** One vote, {@code SUBSCRIBERS} subscribers of event B's stream: when each got it. */
    private FanOut fanOut() throws Exception {
        String token = signIn("vote-bench-" + run + "-fanout");
        String url = api + "/api/v1/events/" + fanoutEvent + "/voting/tallies/stream";
        try (TallyStreams streams = new TallyStreams(SUBSCRIBERS)) {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                streams.open(url, null);
            }
            if (!streams.await(t -> t.contains("\"votes\":0"), Duration.ofSeconds(120))) {
                throw new IllegalStateException(
                        "not all " + SUBSCRIBERS + " subscribers got the first tally");
            }
            long start = System.nanoTime();
            Outcome cast =
                    cast(
                                    api + "/api/v1/events/" + fanoutEvent + "/voting/ballots",
                                    token,
                                    "10.255.255.253",
                                    fanoutSubmission)
                            .block();
            if (cast.status() != 201) {
                throw new IllegalStateException("the fan-out's vote answered " + cast);
            }
            long[] at = streams.arrivals(t -> t.contains("\"votes\":1"), Duration.ofSeconds(60));
            List<Long> ms = new ArrayList<>();
            for (long a : at) {
                if (a != 0) {
                    ms.add((a - start) / 1_000_000);
                }
            }
            ms.sort(Long::compare);
            long p99 = ms.isEmpty() ? -1 : ms.get((int) Math.ceil(ms.size() * 0.99) - 1);
            return new FanOut(p99, at.length - ms.size());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
