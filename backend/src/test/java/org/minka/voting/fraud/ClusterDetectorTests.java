package org.minka.voting.fraud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterDetectorTests {

    private static final UUID A = Ballots.id(4001);
    private static final UUID B = Ballots.id(4002);
    private static final UUID C = Ballots.id(4003);
    private static final UUID D = Ballots.id(4004);
    private static final UUID E = Ballots.id(4005);
    private static final Instant DAY_ONE = Ballots.OPENS.plus(Duration.ofHours(2));

    private final ClusterDetector detector = new ClusterDetector(FraudProperties.Cluster.DEFAULTS);

    /** One account created at {@code created} that votes for each of {@code submissions}. */
    private static List<UUID> account(
            Ballots ballots, Instant created, int n, UUID... submissions) {
        UUID voter = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (UUID submission : submissions) {
            Instant at = created.plusSeconds(60L + n);
            ids.add(ballots.cast(voter, submission, "ip-" + n, "ua", at, created).ballotId());
        }
        return ids;
    }

    @Test
    void jaccardWhenSetsOverlapThenSharedOverUnion() {
        assertThat(ClusterDetector.jaccard(Set.of(A, B, C), Set.of(A, B, C))).isEqualTo(1.0);
        assertThat(ClusterDetector.jaccard(Set.of(A, B, C), Set.of(A, B, C, D))).isEqualTo(0.75);
        assertThat(ClusterDetector.jaccard(Set.of(A, B), Set.of(C, D))).isEqualTo(0.0);
    }

    @Test
    void detectWhenSixNewAccountsVoteAlikeThenOneClusterWithTheirBallots() {
        Ballots ballots = new Ballots();
        List<UUID> cluster = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cluster.addAll(account(ballots, DAY_ONE.plusSeconds(30L * i), i, A, B, C));
        }
        // Jaccard 0.75 with the six: below the default 0.8, so not linked
        account(ballots, DAY_ONE, 6, A, B, C, D);
        // old accounts voting alike are not new accounts
        for (int i = 0; i < 10; i++) {
            account(ballots, Ballots.OPENS.minusSeconds(1), 10 + i, A, B, C);
        }
        // four new accounts voting alike are too few
        for (int i = 0; i < 4; i++) {
            account(ballots, DAY_ONE, 20 + i, D, E);
        }

        List<Finding> found = detector.detect(ballots.all(), Ballots.OPENS);

        assertThat(found).hasSize(1);
        Finding finding = found.get(0);
        assertThat(finding.kind()).isEqualTo(FlagKind.NEW_ACCOUNT_CLUSTER);
        assertThat(finding.ballotIds()).containsExactlyInAnyOrderElementsOf(cluster);
        assertThat(finding.subject())
                .isEqualTo(ClusterDetector.subject(new TreeSet<>(Set.of(A, B, C))));
        assertThat(finding.score()).isEqualTo(6.0);
        assertThat(finding.evidence())
                .containsEntry("accounts", 6)
                .containsEntry("submissionIds", List.of(A.toString(), B.toString(), C.toString()))
                .containsEntry("meanJaccard", 1.0)
                .containsEntry("ballots", 18)
                .containsEntry("createdFrom", DAY_ONE.toString())
                .containsEntry("createdTo", DAY_ONE.plusSeconds(150).toString());
    }

    @Test
    void detectWhenAccountCreatedExactlyAtOpeningThenCountsAsNew() {
        Ballots ballots = new Ballots();
        for (int i = 0; i < 5; i++) {
            account(ballots, Ballots.OPENS, i, E);
        }

        assertThat(detector.detect(ballots.all(), Ballots.OPENS)).hasSize(1);
        assertThat(detector.detect(ballots.all(), Ballots.OPENS.plusSeconds(1))).isEmpty();
    }

    @Test
    void detectWhenLooserSimilarityThenChainedSetsJoinOneClusterWithMajorityCore() {
        Ballots ballots = new Ballots();
        account(ballots, DAY_ONE, 0, A, B);
        account(ballots, DAY_ONE, 1, A, B);
        account(ballots, DAY_ONE, 2, A, B, C);
        account(ballots, DAY_ONE, 3, B, C);
        account(ballots, DAY_ONE, 4, B, C, D);
        FraudProperties.Cluster loose = new FraudProperties.Cluster(5, 0.5, 1);

        List<Finding> found = new ClusterDetector(loose).detect(ballots.all(), Ballots.OPENS);

        assertThat(detector.detect(ballots.all(), Ballots.OPENS)).isEmpty();
        assertThat(found).hasSize(1);
        // B: 5 of 5, A and C: 3 of 5, D: 1 of 5
        assertThat(found.get(0).evidence())
                .containsEntry("accounts", 5)
                .containsEntry("submissionIds", List.of(A.toString(), B.toString(), C.toString()))
                .containsEntry("ballots", 12);
    }

    @Test
    void detectWhenNewAccountsVoteForDifferentSubmissionsThenNothing() {
        Ballots ballots = new Ballots();
        for (int i = 0; i < 20; i++) {
            account(ballots, DAY_ONE, i, Ballots.id(5000 + i), Ballots.id(6000 + i));
        }

        assertThat(detector.detect(ballots.all(), Ballots.OPENS)).isEmpty();
    }
}
