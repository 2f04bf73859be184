package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.catalog.portal.AddressGuard;
import org.minka.catalog.portal.OutboundProperties;
import org.minka.catalog.portal.PortalClient;
import org.minka.catalog.portal.PortalKind;
import org.minka.catalog.portal.PortalProperties;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.support.BlockHoundSupport;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal client's outbound limits: one total deadline per operation across its retries (a
 * shorter one when a user waits, a longer one in the background), and the address guard on every
 * connection, redirects included.
 */
class PortalOutboundTests {

    static {
        BlockHoundSupport.install();
    }

    private static final Duration USER = Duration.ofMillis(1500);
    private static final Duration BACKGROUND = Duration.ofMillis(3500);

    private static HttpServer server;
    private static final ExecutorService executor = Executors.newCachedThreadPool();
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
        server.setExecutor(executor);
        server.createContext("/trickle", PortalOutboundTests::trickle);
        server.createContext("/redirect", PortalOutboundTests::redirect);
        server.createContext("/", PortalOutboundTests::ok);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @BeforeEach
    void resetCount() {
        requests.set(0);
    }

    private static String base(String path) {
        return "http://localhost:" + server.getAddress().getPort() + path;
    }

    /** Reads per 5 s (never fires on a trickle), 60 s per attempt, two retries: the old limits. */
    private static PortalClient client(List<String> allow) {
        PortalProperties props =
                new PortalProperties(
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(60),
                        2,
                        Duration.ofMillis(20),
                        1024 * 1024,
                        null);
        return new PortalClient(
                props,
                new OutboundProperties(USER, BACKGROUND, allow),
                JsonMapper.builder().build());
    }

    private static PortalClient loopbackAllowed() {
        return client(OutboundProperties.loopback());
    }

    /** Headers at once, then one byte a second for a minute. */
    private static void trickle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write('{');
            out.flush();
            for (int i = 0; i < 60; i++) {
                pause();
                out.write(' ');
                out.flush();
            }
        } catch (IOException gone) {
            // the client gave up: that is the point
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Redirects to the address in the query (after "to="). */
    private static void redirect(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String to = ex.getRequestURI().getRawQuery().substring("to=".length());
        ex.getResponseHeaders().set("Location", to);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static void ok(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        byte[] body = "{\"success\": true, \"result\": []}".getBytes();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private static void expectProblem(Mono<?> call, ProblemType type, Duration within) {
        StepVerifier.create(call)
                .expectErrorSatisfies(
                        e ->
                                assertThat(e)
                                        .isInstanceOfSatisfying(
                                                MinkaException.class,
                                                m -> assertThat(m.type()).isEqualTo(type)))
                .verify(within);
    }

    @Test
    void fetchWhenPortalTricklesThenUserDeadlineEndsTheWholeOperation() {
        long started = System.nanoTime();

        expectProblem(
                loopbackAllowed().fetchDataset(PortalKind.CKAN, base("/trickle"), "x"),
                ProblemType.PORTAL_TIMEOUT,
                Duration.ofSeconds(10));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(USER.minusMillis(100), USER.plusSeconds(2));
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void detectWhenPortalTricklesThenOneDeadlineForAllProbes() {
        long started = System.nanoTime();

        expectProblem(
                loopbackAllowed().detect(base("/trickle")),
                ProblemType.PORTAL_TIMEOUT,
                Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(USER.plusSeconds(2));
    }

    @Test
    void refetchInBackgroundWhenPortalTricklesThenLongerBackgroundDeadline() {
        long started = System.nanoTime();

        expectProblem(
                loopbackAllowed()
                        .fetchDataset(
                                PortalKind.CKAN,
                                base("/trickle"),
                                "x",
                                PortalClient.Deadline.BACKGROUND),
                ProblemType.PORTAL_TIMEOUT,
                Duration.ofSeconds(15));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isBetween(BACKGROUND.minusMillis(100), BACKGROUND.plusSeconds(2));
    }

    @Test
    void fetchWhenLoopbackNotAllowedByConfigThenRefusedAndNeverContacted() {
        expectProblem(
                client(List.of()).fetchDataset(PortalKind.CKAN, base("/ckan"), "x"),
                ProblemType.PORTAL_ADDRESS_REFUSED,
                Duration.ofSeconds(10));

        assertThat(requests.get()).isZero();
    }

    @Test
    void fetchWhenLoopbackAllowedByConfigThenServed() {
        StepVerifier.create(loopbackAllowed().getJson(java.net.URI.create(base("/any")), "x"))
                .assertNext(json -> assertThat(json.path("success").asBoolean()).isTrue())
                .verifyComplete();

        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void fetchWhenPrivateLinkLocalOrMetadataLiteralThenRefused() {
        PortalClient client = loopbackAllowed();
        for (String base :
                List.of(
                        "http://169.254.169.254/latest/meta-data",
                        "http://10.1.2.3",
                        "http://192.168.1.1:8080",
                        "http://172.16.0.9",
                        "http://100.64.0.1",
                        "http://[fd00::1]",
                        "http://[fe80::1]",
                        "http://224.0.0.1")) {
            expectProblem(
                    client.fetchDataset(PortalKind.CKAN, base, "x"),
                    ProblemType.PORTAL_ADDRESS_REFUSED,
                    Duration.ofSeconds(5));
        }
    }

    @Test
    void fetchWhenRedirectedToRefusedAddressThenRefused() {
        String target = "http://169.254.169.254/latest/meta-data/";

        expectProblem(
                loopbackAllowed().getJson(java.net.URI.create(base("/redirect?to=" + target)), "x"),
                ProblemType.PORTAL_ADDRESS_REFUSED,
                Duration.ofSeconds(10));

        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void fetchWhenRedirectedToAllowedAddressThenFollowed() {
        StepVerifier.create(
                        loopbackAllowed()
                                .getJson(
                                        java.net.URI.create(base("/redirect?to=" + base("/other"))),
                                        "x"))
                .assertNext(json -> assertThat(json.path("success").asBoolean()).isTrue())
                .verifyComplete();

        assertThat(requests.get()).isEqualTo(2);
    }

    @Test
    void reachableWhenAddressRefusedThenFalseWithoutContact() {
        StepVerifier.create(client(List.of()).reachable(base("/any.csv")))
                .expectNext(false)
                .verifyComplete();
        StepVerifier.create(loopbackAllowed().reachable("http://10.0.0.1/data.csv"))
                .expectNext(false)
                .verifyComplete();

        assertThat(requests.get()).isZero();
    }

    @Test
    void checkAddressWhenHostResolvesToRefusedAddressThenRefused() {
        expectProblem(
                client(List.of()).checkAddress(base("/portal")),
                ProblemType.PORTAL_ADDRESS_REFUSED,
                Duration.ofSeconds(5));
        StepVerifier.create(loopbackAllowed().checkAddress(base("/portal"))).verifyComplete();
    }

    @Test
    void guardWhenAddressesThenOnlyPublicUnicastUnlessAllowed() throws Exception {
        AddressGuard strict = new AddressGuard(List.of());
        AddressGuard local = new AddressGuard(List.of("127.0.0.0/8", "10.20.0.0/16"));

        for (String refused :
                List.of(
                        "127.0.0.1",
                        "::1",
                        "10.0.0.1",
                        "172.31.255.255",
                        "192.168.0.1",
                        "169.254.169.254",
                        "100.64.0.1",
                        "100.127.255.254",
                        "fc00::1",
                        "fd12:3456::1",
                        "fe80::1",
                        "224.0.0.1",
                        "ff02::1",
                        "0.0.0.0",
                        "::",
                        "::ffff:10.0.0.1")) {
            assertThat(strict.permits(InetAddress.getByName(refused))).as(refused).isFalse();
        }
        for (String open : List.of("8.8.8.8", "200.48.225.130", "2001:4860:4860::8888")) {
            assertThat(strict.permits(InetAddress.getByName(open))).as(open).isTrue();
        }
        assertThat(local.permits(InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(local.permits(InetAddress.getByName("10.20.3.4"))).isTrue();
        assertThat(local.permits(InetAddress.getByName("10.21.3.4"))).isFalse();
        assertThat(local.permits(InetAddress.getByName("169.254.169.254"))).isFalse();
    }
}
