package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minka.catalog.portal.OutboundProperties;
import org.minka.catalog.portal.PortalClient;
import org.minka.catalog.portal.PortalProperties;
import org.minka.support.BlockHoundSupport;
import tools.jackson.databind.json.JsonMapper;

/** Reachability: HEAD, then a ranged GET; at most a few requests at a time per host. */
class ReachabilityChecksTests {

    /** The fake portals are on this machine: loopback allowed, deadlines generous. */
    private static final OutboundProperties OUTBOUND =
            new OutboundProperties(
                    Duration.ofSeconds(20), Duration.ofSeconds(60), OutboundProperties.loopback());

    static {
        // Reactor's timer threads start here; BlockHound must watch them from their first task,
        // as it does for the integration tests that run later in the same JVM.
        BlockHoundSupport.install();
    }

    private static FakePortals portals;
    private static PortalClient client;

    @BeforeAll
    static void start() {
        portals = new FakePortals(1_000);
        client =
                new PortalClient(
                        new PortalProperties(
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(10),
                                0,
                                Duration.ofMillis(10),
                                1024 * 1024,
                                null),
                        OUTBOUND,
                        JsonMapper.builder().build());
    }

    @AfterAll
    static void stop() {
        portals.close();
    }

    @Test
    void checkWhenHeadOkOrRangedGetOkThenReachableElseNot() {
        String files = portals.base("files");
        String ok = files + "/ok.csv";
        String noHead = files + "/nohead.csv";
        String gone = files + "/gone.csv";
        String nobody = "http://localhost:1/x.csv";

        Map<String, Boolean> results =
                new ReachabilityChecks(client, 2, 8)
                        .check(List.of(ok, noHead, gone, nobody, ok))
                        .block(Duration.ofSeconds(30));

        assertThat(results)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(ok, true, noHead, true, gone, false, nobody, false));
        assertThat(portals.lastRange()).isEqualTo("bytes=0-0");
    }

    @Test
    void checkWhenManyUrlsOnOneHostThenAtMostTheCapAtOnce() {
        List<String> urls =
                IntStream.range(0, 8)
                        .mapToObj(i -> portals.base("files") + "/slow-" + i + ".csv")
                        .toList();

        Map<String, Boolean> results =
                new ReachabilityChecks(client, 2, 8).check(urls).block(Duration.ofSeconds(30));

        assertThat(results).hasSize(8).doesNotContainValue(false);
        assertThat(portals.maxInFlight()).isBetween(1, 2);
    }
}
