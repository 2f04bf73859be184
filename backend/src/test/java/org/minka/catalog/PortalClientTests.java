package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/** The portal client against a local server that serves the saved responses at real paths. */
class PortalClientTests {

    /** The fake portals are on this machine: loopback allowed, deadlines generous. */
    private static final OutboundProperties OUTBOUND =
            new OutboundProperties(
                    Duration.ofSeconds(20), Duration.ofSeconds(60), OutboundProperties.loopback());

    static {
        // Reactor's timer threads start here; BlockHound must watch them from their first task,
        // as it does for the integration tests that run later in the same JVM.
        BlockHoundSupport.install();
    }

    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static FakePortals portals;
    private static PortalClient client;

    @BeforeAll
    static void start() {
        portals = new FakePortals(TIMEOUT.toMillis() * 5);
        client = new PortalClient(properties(null), OUTBOUND, JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        portals.close();
    }

    @BeforeEach
    void resetCounters() {
        portals.reset();
    }

    private static PortalProperties properties(String userAgent) {
        return new PortalProperties(
                TIMEOUT,
                Duration.ofSeconds(20),
                2,
                Duration.ofMillis(20),
                4 * 1024 * 1024,
                userAgent);
    }

    private static void expectProblem(Mono<?> call, ProblemType type) {
        StepVerifier.create(call)
                .expectErrorSatisfies(
                        e ->
                                assertThat(e)
                                        .isInstanceOfSatisfying(
                                                MinkaException.class,
                                                m -> assertThat(m.type()).isEqualTo(type)))
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void fetchWhenCkanPackageShowBySlugOrIdThenSnapshotAndRaw() {
        for (String id : new String[] {FakePortals.DEMO_SLUG, FakePortals.DEMO_ID}) {
            StepVerifier.create(
                            client.fetchDataset(PortalKind.CKAN, portals.base("ckan") + "/", id))
                    .assertNext(
                            f -> {
                                assertThat(f.snapshot().portalDatasetId())
                                        .isEqualTo(FakePortals.DEMO_ID);
                                assertThat(f.snapshot().publisherName()).isEqualTo("SDB");
                                assertThat(f.raw().get("num_tags").asInt()).isEqualTo(3);
                            })
                    .verifyComplete();
        }
        assertThat(portals.lastUserAgent("ckan")).startsWith("Mozilla/5.0");
    }

    @Test
    void fetchWhenDkanOneElementArrayThenUnwrapped() {
        StepVerifier.create(
                        client.fetchDataset(
                                PortalKind.DKAN, portals.base("dkan"), FakePortals.BONN_SLUG))
                .assertNext(
                        f -> {
                            assertThat(f.snapshot().portalDatasetId())
                                    .isEqualTo(FakePortals.BONN_ID);
                            assertThat(f.snapshot().publisherName()).isEqualTo("Stadtwerke Bonn");
                        })
                .verifyComplete();
        StepVerifier.create(client.fetchDataset(PortalKind.DKAN, portals.base("dkan"), "name"))
                .assertNext(f -> assertThat(f.snapshot().licenseId()).isEqualTo("cc-zero"))
                .verifyComplete();
    }

    @Test
    void fetchWhenBareCkanDictThenSnapshot() {
        StepVerifier.create(
                        client.fetchDataset(
                                PortalKind.CKAN, portals.base("legacy"), FakePortals.LEGACY_SLUG))
                .assertNext(
                        f ->
                                assertThat(f.snapshot().title())
                                        .isEqualTo("Zimbabwe Regional Geochemical Survey."))
                .verifyComplete();
    }

    @Test
    void fetchWhenDcatUsDataJsonThenEntryByIdentifier() {
        StepVerifier.create(
                        client.fetchDataset(
                                PortalKind.DCAT_US, portals.base("dcat"), FakePortals.DCAT_ID))
                .assertNext(
                        f -> {
                            assertThat(f.snapshot().title())
                                    .isEqualTo("U.S. Widget Manufacturing Statistics");
                            assertThat(f.raw().get("identifier").stringValue())
                                    .isEqualTo(FakePortals.DCAT_ID);
                        })
                .verifyComplete();
        StepVerifier.create(
                        client.fetchDataset(
                                PortalKind.DCAT_US,
                                portals.base("pod"),
                                "http://www.agency.gov/datasets/widgets-data"))
                .assertNext(f -> assertThat(f.snapshot().accrualPeriodicity()).isEqualTo("R/P1Y"))
                .verifyComplete();
    }

    @Test
    void getJsonWhenPackageSearchThenEveryResultRead() {
        StepVerifier.create(
                        client.getJson(
                                URI.create(portals.base("ckan") + "/api/3/action/package_search"),
                                "search"))
                .assertNext(n -> assertThat(n.path("result").path("results").size()).isEqualTo(3))
                .verifyComplete();
    }

    @Test
    void fetchWhenUnknownIdThenDatasetNotFoundWithoutRetry() {
        expectProblem(
                client.fetchDataset(PortalKind.CKAN, portals.base("ckan"), "nope"),
                ProblemType.PORTAL_DATASET_NOT_FOUND);
        expectProblem(
                client.fetchDataset(PortalKind.DKAN, portals.base("dkan"), "nope"),
                ProblemType.PORTAL_INVALID_RESPONSE);
        expectProblem(
                client.fetchDataset(PortalKind.DCAT_US, portals.base("dcat"), "nope"),
                ProblemType.PORTAL_DATASET_NOT_FOUND);
        assertThat(portals.hits("ckan")).isEqualTo(1);
    }

    @Test
    void fetchWhenPortalAnswers500ThenRetriedTwiceThenUnavailable() {
        expectProblem(
                client.fetchDataset(PortalKind.CKAN, portals.base("down"), "x"),
                ProblemType.PORTAL_UNAVAILABLE);
        assertThat(portals.hits("down")).isEqualTo(3);
    }

    @Test
    void fetchWhenPortalHangsPastTimeoutThenRetriedThenTimeout() {
        expectProblem(
                client.fetchDataset(PortalKind.CKAN, portals.base("hang"), "x"),
                ProblemType.PORTAL_TIMEOUT);
        assertThat(portals.hits("hang")).isEqualTo(3);
    }

    @Test
    void fetchWhenBodyIs50MbThenTooLargeWithoutRetry() {
        expectProblem(
                client.fetchDataset(PortalKind.CKAN, portals.base("huge"), "x"),
                ProblemType.PORTAL_RESPONSE_TOO_LARGE);
        assertThat(portals.hits("huge")).isEqualTo(1);
    }

    @Test
    void fetchWhenInvalidJsonThenInvalidResponseWithoutRetry() {
        expectProblem(
                client.fetchDataset(PortalKind.DKAN, portals.base("broken"), "x"),
                ProblemType.PORTAL_INVALID_RESPONSE);
        assertThat(portals.hits("broken")).isEqualTo(1);
    }

    @Test
    void fetchWhenFirewallAndDefaultUserAgentThen418RejectedWithoutRetry() {
        PortalClient plain =
                new PortalClient(
                        properties("ReactorNetty/1.3"), OUTBOUND, JsonMapper.builder().build());

        expectProblem(
                plain.fetchDataset(PortalKind.DKAN, portals.base("waf"), FakePortals.DEMO_ID),
                ProblemType.PORTAL_REJECTED);
        assertThat(portals.hits("waf")).isEqualTo(1);
        StepVerifier.create(
                        client.fetchDataset(
                                PortalKind.DKAN, portals.base("waf"), FakePortals.DEMO_ID))
                .assertNext(f -> assertThat(f.snapshot().title()).startsWith("2016 Regione"))
                .verifyComplete();
    }

    @Test
    void fetchWhenNothingListensThenUnavailable() {
        expectProblem(
                client.fetchDataset(PortalKind.CKAN, "http://localhost:1", "x"),
                ProblemType.PORTAL_UNAVAILABLE);
    }

    @Test
    void detectWhenPortalsOfEachKindThenKind() {
        StepVerifier.create(client.detect(portals.base("ckan")))
                .expectNext(PortalKind.CKAN)
                .verifyComplete();
        StepVerifier.create(client.detect(portals.base("dkan")))
                .expectNext(PortalKind.DKAN)
                .verifyComplete();
        StepVerifier.create(client.detect(portals.base("dcat")))
                .expectNext(PortalKind.DCAT_US)
                .verifyComplete();
        expectProblem(client.detect(portals.base("broken")), ProblemType.PORTAL_UNDETECTABLE);
    }
}
