package org.minka.voting.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SharedIpDetectorTests {

    private static final UUID A = Ballots.id(2001);
    private static final UUID B = Ballots.id(2002);

    private final SharedIpDetector detector =
            new SharedIpDetector(FraudProperties.SharedIp.DEFAULTS);

    @Test
    void detectWhenTenVotersBehindOneIpHashThenFlaggedWithAllTheirBallots() {
        Ballots ballots = new Ballots();
        Instant at = Ballots.OPENS.plus(Duration.ofHours(1));
        List<UUID> shared = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID voter = UUID.randomUUID();
            String ua = i % 2 == 0 ? "ua-even" : "ua-odd";
            shared.add(ballots.cast(voter, A, "ip-shared", ua, at.plusSeconds(i), at).ballotId());
            shared.add(
                    ballots.cast(voter, B, "ip-shared", ua, at.plusSeconds(60 + i), at).ballotId());
        }
        for (int i = 0; i < 9; i++) {
            ballots.cast(UUID.randomUUID(), A, "ip-nine", at.plusSeconds(i));
        }
        UUID oneVoter = UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            ballots.cast(oneVoter, Ballots.id(3000 + i), "ip-one-voter", at.plusSeconds(i));
        }

        List<Finding> found = detector.detect(ballots.all());

        assertThat(found).hasSize(1);
        Finding finding = found.get(0);
        assertThat(finding.kind()).isEqualTo(FlagKind.SHARED_IP);
        assertThat(finding.subject()).isEqualTo("ip-shared");
        assertThat(finding.ballotIds()).containsExactlyInAnyOrderElementsOf(shared);
        assertThat(finding.score()).isEqualTo(10.0);
        assertThat(finding.evidence())
                .containsEntry("ipHash", "ip-shared")
                .containsEntry("voters", 10L)
                .containsEntry("ballots", 20)
                .containsEntry("userAgents", 2L)
                .containsEntry("firstCastAt", at.toString())
                .containsEntry("lastCastAt", at.plusSeconds(69).toString());
    }

    @Test
    void detectWhenBallotsWithoutIpHashThenNotGroupedTogether() {
        Ballots ballots = new Ballots();
        for (int i = 0; i < 20; i++) {
            ballots.cast(UUID.randomUUID(), A, null, Ballots.OPENS.plusSeconds(i));
        }

        assertThat(detector.detect(ballots.all())).isEmpty();
    }

    @Test
    void detectWhenThresholdLoweredThenSmallerGroupFlagged() {
        Ballots ballots = new Ballots();
        for (int i = 0; i < 3; i++) {
            ballots.cast(UUID.randomUUID(), A, "ip-three", Ballots.OPENS.plusSeconds(i));
        }

        assertThat(new SharedIpDetector(new FraudProperties.SharedIp(3)).detect(ballots.all()))
                .extracting(Finding::subject)
                .containsExactly("ip-three");
        assertThat(detector.detect(ballots.all())).isEmpty();
    }
}
