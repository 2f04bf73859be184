package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * On demand only ({@code make bench-vote}: {@code -Dminka.bench.vote=true}). The cast endpoint
 * under load: {@code CONNECTIONS} keep-alive connections with real signed JWTs of thousands of
 * distinct voters for {@code minka.bench.seconds}; then the same ballot statement ({@link
 * BallotRepository#CAST}) straight against the same database over R2DBC at the same concurrency;
 * then the endpoint again at half the API's peak rate (open loop), whose latencies are reported.
 * Last, 1,000 SSE tally subscribers and one vote: when each got it. Prints {@code tally-fanout:}
 * and then, last, {@code vote-bench:}. Not part of make test.
 */
@EnabledIfSystemProperty(named = "minka.bench.vote", matches = "true")
class VotingBenchIntegrationTests extends IntegrationTest {

    private static final int CONNECTIONS = 64;
    private static final int VOTERS = Integer.getInteger("minka.bench.voters", 3_000);
    private static final int SUBMISSIONS = 200;
    private static final int SUBSCRIBERS = Integer.getInteger("minka.bench.subscribers", 1_000);
    private static final int ROUNDS = Integer.getInteger("minka.bench.rounds", 3);
    private static final Duration WARMUP =
            Duration.ofSeconds(Integer.getInteger("minka.bench.warmup", 15));
    private static final Duration RUN =
            Duration.ofSeconds(Integer.getInteger("minka.bench.seconds", 15));

    @Autowired Environment environment;

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

    private record Load(long ok, long errors, double seconds, Histogram latency) {
        double rate() {
            return ok / seconds;
        }
    }

    @Test
    void castUnderLoadAndTallyFanOut() throws Exception {
        VotingScenario s =
                new VotingScenario(
                        web,
                        db,
                        fixtures,
                        VotingScenario.voting("scope", "PER_EVENT", "votesPerVoter", 100));
        List<UUID> submissions = s.submissions(s.health, SUBMISSIONS);
        List<String> tokens = voterTokens(VOTERS);
        String fanout = fanOut();
        String url =
                "http://localhost:"
                        + environment.getRequiredProperty("local.server.port")
                        + s.eventPath()
                        + "/voting/ballots";
        AtomicInteger next = new AtomicInteger();
        ConnectionProvider pool =
                ConnectionProvider.builder("vote-bench").maxConnections(CONNECTIONS).build();
        HttpClient http = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(30));
        try {
            api(http, url, tokens, submissions, next, WARMUP, 0); // warm-up: JIT, pools, caches
            direct(s, submissions);
            List<Double> apiRates = new ArrayList<>();
            List<Double> directRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            long apiErrors = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                Usage before = Usage.now(db);
                Load api = api(http, url, tokens, submissions, next, RUN, 0);
                Usage mid = Usage.now(db);
                Load direct = direct(s, submissions);
                Usage after = Usage.now(db);
                apiRates.add(api.rate());
                directRates.add(direct.rate());
                ratios.add(api.rate() / direct.rate());
                apiErrors += api.errors();
                System.out.println(
                        round(round, "api", api, before, mid)
                                + "; "
                                + round(round, "direct", direct, mid, after));
                assertThat(api.ok()).isPositive();
                assertThat(direct.ok()).isPositive();
            }
            double apiRate = median(apiRates);
            Load half = api(http, url, tokens, submissions, next, RUN, apiRate / 2);
            System.out.println(fanout);
            System.out.printf(
                    "vote-bench: api_rps=%.0f db_tps=%.0f ratio=%.2f p50_ms=%.1f p99_ms=%.1f"
                            + " errors=%d%n",
                    apiRate,
                    median(directRates),
                    median(ratios),
                    half.latency().percentile(0.50),
                    half.latency().percentile(0.99),
                    apiErrors + half.errors());
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Where a phase's time went: the database's committed transactions (each statement outside a
     * transaction is one), this JVM's CPU time (server, load generator and R2DBC client) and the
     * rest of the machine's (PostgreSQL, mostly), per cast.
     */
    private record Usage(long transactions, long jvmCpuNanos, long machineBusyJiffies) {

        static Usage now(DatabaseClient db) {
            // the statistics are flushed at most once a second after a transaction ends
            sleep(1_100);
            long tx =
                    db.sql(
                                    "select xact_commit from pg_stat_database"
                                            + " where datname = current_database()")
                            .map((row, meta) -> row.get(0, Long.class))
                            .one()
                            .block();
            var os =
                    (com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            return new Usage(tx, os.getProcessCpuTime(), busyJiffies());
        }

        private static long busyJiffies() {
            try {
                String[] f =
                        java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat"))
                                .get(0)
                                .trim()
                                .split("\\s+");
                // user nice system idle iowait irq softirq steal
                return Long.parseLong(f[1])
                        + Long.parseLong(f[2])
                        + Long.parseLong(f[3])
                        + Long.parseLong(f[6])
                        + Long.parseLong(f[7])
                        + Long.parseLong(f[8]);
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One side of a round: rate, and per cast: transactions, JVM and other CPU time. */
    private static String round(int round, String side, Load load, Usage from, Usage to) {
        double casts = Math.max(1, load.ok() + load.errors());
        double jvmMs = (to.jvmCpuNanos() - from.jvmCpuNanos()) / 1e6;
        double machineMs = (to.machineBusyJiffies() - from.machineBusyJiffies()) * 10.0;
        return String.format(
                "vote-round %d %s: rate=%.0f tx_per_cast=%.2f jvm_cpu_ms_per_cast=%.2f"
                        + " other_cpu_ms_per_cast=%.2f",
                round,
                side,
                load.rate(),
                (to.transactions() - from.transactions()) / casts,
                jvmMs / casts,
                Math.max(0, machineMs - jvmMs) / casts);
    }

    /**
     * Casts through the API: closed loop at CONNECTIONS, or open loop at {@code rate} per second.
     */
    private Load api(
            HttpClient http,
            String url,
            List<String> tokens,
            List<UUID> submissions,
            AtomicInteger next,
            Duration run,
            double rate) {
        Histogram latency = new Histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Flux<Integer> ticks =
                rate > 0
                        ? Flux.interval(Duration.ofNanos((long) (1e9 / rate)))
                                .onBackpressureDrop()
                                .map(i -> 0)
                        : Flux.range(0, Integer.MAX_VALUE);
        long start = System.nanoTime();
        ticks.flatMap(
                        i -> cast(http, url, tokens, submissions, next.getAndIncrement()),
                        rate > 0 ? 4 * CONNECTIONS : CONNECTIONS)
                .doOnNext(
                        result -> {
                            latency.add(result[1]);
                            (result[0] == 201 ? ok : errors).incrementAndGet();
                        })
                .take(run)
                .blockLast(run.plusSeconds(60));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Load(ok.get(), errors.get(), seconds, latency);
    }

    /** One cast: {status, nanos}. Request i is voter i % VOTERS' (i / VOTERS)-th ballot. */
    private static Mono<long[]> cast(
            HttpClient http, String url, List<String> tokens, List<UUID> submissions, int i) {
        int voter = i % tokens.size();
        UUID submission = submissions.get((voter + i / tokens.size()) % submissions.size());
        String body = "{\"submissionId\":\"" + submission + "\"}";
        long start = System.nanoTime();
        return http.headers(
                        h ->
                                h.add("Authorization", "Bearer " + tokens.get(voter))
                                        .add("Content-Type", "application/json")
                                        .add("User-Agent", "vote-bench/1.0"))
                .post()
                .uri(url)
                .send(
                        ByteBufFlux.fromString(
                                Mono.just(body),
                                StandardCharsets.UTF_8,
                                io.netty.buffer.ByteBufAllocator.DEFAULT))
                .responseSingle(
                        (response, content) ->
                                content.asString()
                                        .defaultIfEmpty("")
                                        .thenReturn(
                                                new long[] {
                                                    response.status().code(),
                                                    System.nanoTime() - start
                                                }));
    }

    /** The ballot statement straight over R2DBC, CONNECTIONS at a time, other voters. */
    private Load direct(VotingScenario s, List<UUID> submissions) {
        List<UUID> voters =
                insertVoters(
                        "bench-db-" + UUID.randomUUID().toString().substring(0, 6) + "-", VOTERS);
        Instant[] window = window(s);
        ConnectionFactory factory = pooled();
        DatabaseClient direct = DatabaseClient.create(factory);
        byte[] ip = new byte[32];
        byte[] ua = new byte[32];
        Arrays.fill(ua, (byte) 7);
        Histogram latency = new Histogram();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        // warm the pool's connections first
        Flux.range(0, CONNECTIONS)
                .flatMap(i -> direct.sql("select 1").then(), CONNECTIONS)
                .blockLast(Duration.ofSeconds(30));
        long start = System.nanoTime();
        Flux.range(0, Integer.MAX_VALUE)
                .flatMap(
                        i -> {
                            int n = next.getAndIncrement();
                            int v = n % voters.size();
                            UUID sub =
                                    submissions.get((v + n / voters.size()) % submissions.size());
                            long t = System.nanoTime();
                            return direct.sql(BallotRepository.CAST)
                                    .bind("event", s.event)
                                    .bind("challenge", s.health)
                                    .bind("submission", sub)
                                    .bind("version", 1)
                                    .bind("voter", voters.get(v))
                                    .bind("scope", s.event)
                                    .bind("cap", 100)
                                    .bind("opens", window[0])
                                    .bind("closes", window[1])
                                    .bind("generation", 1)
                                    .bind("ip", ip)
                                    .bind("ua", ua)
                                    .map((row, meta) -> 1)
                                    .one()
                                    .map(x -> new long[] {201, System.nanoTime() - t})
                                    .onErrorResume(e -> Mono.just(new long[] {500, 0}));
                        },
                        CONNECTIONS)
                .doOnNext(
                        r -> {
                            latency.add(r[1]);
                            (r[0] == 201 ? ok : errors).incrementAndGet();
                        })
                .take(RUN)
                .blockLast(RUN.plusSeconds(60));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (factory instanceof io.r2dbc.pool.ConnectionPool p) {
            p.disposeLater().block(Duration.ofSeconds(10));
        }
        return new Load(ok.get(), errors.get(), seconds, latency);
    }

    private ConnectionFactory pooled() {
        String url =
                environment
                        .getRequiredProperty("spring.r2dbc.url")
                        .replace("r2dbc:pool:", "r2dbc:")
                        .replace("r2dbc:", "r2dbc:pool:");
        ConnectionFactoryOptions.Builder options =
                ConnectionFactoryOptions.parse(url)
                        .mutate()
                        .option(Option.valueOf("maxSize"), CONNECTIONS)
                        .option(Option.valueOf("initialSize"), CONNECTIONS);
        String user = environment.getProperty("spring.r2dbc.username");
        String password = environment.getProperty("spring.r2dbc.password");
        if (user != null && !user.isBlank()) {
            options.option(ConnectionFactoryOptions.USER, user);
        }
        if (password != null && !password.isEmpty()) {
            options.option(ConnectionFactoryOptions.PASSWORD, password);
        }
        return ConnectionFactories.get(options.build());
    }

    private Instant[] window(VotingScenario s) {
        return db.sql(
                        "select opens_at, closes_at from event_phases where event_id = $1"
                                + " and phase = 'VOTING'")
                .bind(0, s.event)
                .map(
                        (row, meta) ->
                                new Instant[] {
                                    row.get(0, Instant.class), row.get(1, Instant.class)
                                })
                .one()
                .block();
    }

    /** One vote, 1,000 subscribers of another event's stream: when each got it (p99). */
    private String fanOut() throws Exception {
        VotingScenario s =
                new VotingScenario(web, db, fixtures, VotingScenario.voting("liveTallies", true));
        String url =
                "http://localhost:"
                        + environment.getRequiredProperty("local.server.port")
                        + s.eventPath()
                        + "/voting/tallies/stream";
        User voter = fixtures.user("voter");
        try (TallyStreams streams = new TallyStreams(SUBSCRIBERS)) {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                streams.open(url, null);
            }
            assertThat(streams.await(t -> t.contains("\"votes\":0"), Duration.ofSeconds(120)))
                    .as("all %d subscribers connected", SUBSCRIBERS)
                    .isTrue();
            long start = System.nanoTime();
            s.api.post(
                            voter,
                            s.eventPath() + "/voting/ballots",
                            java.util.Map.of(
                                    "submissionId", s.entries.get(0).submission().toString()))
                    .expect(201);
            long[] at = streams.arrivals(t -> t.contains("\"votes\":1"), Duration.ofSeconds(60));
            List<Long> ms = new ArrayList<>();
            long missing = 0;
            for (long a : at) {
                if (a == 0) {
                    missing++;
                } else {
                    ms.add((a - start) / 1_000_000);
                }
            }
            ms.sort(Long::compare);
            long p99 = ms.isEmpty() ? -1 : ms.get((int) Math.ceil(ms.size() * 0.99) - 1);
            assertThat(missing).as("subscribers without the vote").isZero();
            return String.format("tally-fanout: subscribers=%d p99_ms=%d", SUBSCRIBERS, p99);
        }
    }

    /** Tokens of n voters whose users rows exist (written in one statement). */
    private List<String> voterTokens(int n) {
        String prefix = "bench-api-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        insertVoters(prefix, n);
        List<String> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(IntegrationTest.tokens.user(prefix + i, false));
        }
        return list;
    }

    private List<UUID> insertVoters(String prefix, int n) {
        String issuer =
                db.sql("select issuer from users where id = $1")
                        .bind(0, fixtures.user("first").id())
                        .map((row, meta) -> row.get(0, String.class))
                        .one()
                        .block();
        return db.sql(
                        """
                        insert into users (issuer, subject, email, email_verified, name,
                                           created_at)
                        select $1, $2 || g, $2 || g || '@example.org', true, 'User ' || $2 || g,
                               now() - interval '60 days'
                        from generate_series(1, $3) g returning id""")
                .bind(0, issuer)
                .bind(1, prefix)
                .bind(2, n)
                .map((row, meta) -> row.get(0, UUID.class))
                .all()
                .collectList()
                .block();
    }
}
