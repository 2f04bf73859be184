package org.minka.instances;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.minka.MinkaApplication;
import org.minka.support.ContractCheck;
import org.minka.support.LocalServers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.netty.http.client.HttpClient;

/**
 * Two more application contexts on the test JVM's one PostgreSQL and one S3, as two instances
 * behind a load balancer: write rate limits on (the per-user and per-address limits below, over an
 * hour; voting's per-voter limit too), this JVM trusted as the proxy (so each test client names its
 * own address in {@code X-Forwarded-For}), SMTP to a GreenMail server, and every job off its
 * schedule so that tests run them.
 */
final class TwoInstances implements AutoCloseable {

    static final int PER_USER = 12;
    static final int PER_IP = 30;
    static final Duration WINDOW = Duration.ofHours(1);

    /** Casts and retracts per voter and window (below PER_USER, so voting's limit answers). */
    static final int VOTES_PER_VOTER = 4;

    final GreenMail smtp;
    final ConfigurableApplicationContext one;
    final ConfigurableApplicationContext two;

    TwoInstances() {
        ServerSetup setup = new ServerSetup(freePort(), "127.0.0.1", "smtp");
        smtp = new GreenMail(setup);
        smtp.start();
        one = start(setup.getPort());
        two = start(setup.getPort());
        for (ConfigurableApplicationContext context : List.of(one, two)) {
            // the first requests of a fresh context are slow on a busy machine; take them here
            client(context, freshAddress())
                    .get()
                    .uri("/api/v1/events")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }

    private static ConfigurableApplicationContext start(int smtpPort) {
        List<String> args = new ArrayList<>();
        LocalServers.forTests().properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        Map.ofEntries(
                        Map.entry("server.port", "0"),
                        Map.entry("springdoc.api-docs.enabled", "false"),
                        Map.entry("springdoc.pre-loading-enabled", "false"),
                        Map.entry("minka.notifications.heartbeat", "2s"),
                        Map.entry("minka.reminders.enabled", "false"),
                        Map.entry("minka.catalog.refresh.enabled", "false"),
                        Map.entry("minka.submission.reaper-interval", "0s"),
                        Map.entry("spring.mail.host", "127.0.0.1"),
                        Map.entry("spring.mail.port", String.valueOf(smtpPort)),
                        Map.entry("minka.notifications.email.from", "Minka <minka@example.org>"),
                        Map.entry("minka.notifications.email.drain.enabled", "false"),
                        Map.entry("minka.notifications.email.digest.enabled", "false"),
                        Map.entry("minka.rate-limit.enabled", "true"),
                        Map.entry("minka.rate-limit.per-user", String.valueOf(PER_USER)),
                        Map.entry("minka.rate-limit.per-ip", String.valueOf(PER_IP)),
                        Map.entry("minka.rate-limit.window", WINDOW.toString()),
                        Map.entry("minka.rate-limit.trusted-proxies", "127.0.0.1/32,::1/128"),
                        Map.entry("minka.voting.casts-per-voter", String.valueOf(VOTES_PER_VOTER)),
                        Map.entry("minka.voting.window", WINDOW.toString()))
                .forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(MinkaApplication.class)
                .run(args.toArray(String[]::new));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** A client address of its own (documentation range 2001:db8::/32), for separate counts. */
    static String freshAddress() {
        String hex = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        StringBuilder out = new StringBuilder("2001:db8");
        for (int i = 0; i < hex.length(); i += 4) {
            out.append(':').append(hex, i, i + 4);
        }
        return out.toString();
    }

    /** Counts the requests each instance served, by port. */
    static final class Served {
        final Map<Integer, AtomicInteger> byPort = new ConcurrentHashMap<>();

        int at(ConfigurableApplicationContext context) {
            AtomicInteger n = byPort.get(port(context));
            return n == null ? 0 : n.get();
        }
    }

    /**
     * A client whose requests go to the two instances in turn, one request each, all from {@code
     * address}.
     */
    WebTestClient alternating(String address, Served served) {
        List<Integer> ports = List.of(port(one), port(two));
        AtomicInteger next = new AtomicInteger();
        ExchangeFilterFunction alternate =
                (request, exchange) -> {
                    int port = ports.get(Math.floorMod(next.getAndIncrement(), 2));
                    served.byPort.computeIfAbsent(port, p -> new AtomicInteger()).incrementAndGet();
                    URI url =
                            UriComponentsBuilder.fromUri(request.url())
                                    .port(port)
                                    .build(true)
                                    .toUri();
                    return exchange.exchange(ClientRequest.from(request).url(url).build());
                };
        return client(port(one), address).mutate().filters(f -> f.add(0, alternate)).build();
    }

    /** A client of one instance, from {@code address}. */
    WebTestClient client(ConfigurableApplicationContext context, String address) {
        return client(port(context), address);
    }

    private static WebTestClient client(int port, String address) {
        return WebTestClient.bindToServer(
                        new ReactorClientHttpConnector(HttpClient.newConnection()))
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofMinutes(2))
                .defaultHeader("X-Forwarded-For", address)
                .filter(ContractCheck.filter())
                .build();
    }

    @Override
    public void close() {
        try {
            one.close();
            two.close();
        } finally {
            smtp.stop();
        }
    }
}
