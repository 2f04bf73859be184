package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Voting's rate-limit counters (V63), counted by the statement that casts or retracts: a request
 * over a limit waits until its window ends, a refused cast still counts (its count commits), and
 * ended windows are purged. The shared context runs with voting's limits off; these tests call the
 * statements with limits, as an instance with them on does (the two-instance test covers that end
 * to end).
 */
class VotingRateCountersIntegrationTests extends IntegrationTest {

    private static final BallotRepository.Limits TWO_PER_MINUTE =
            new BallotRepository.Limits(2, 100, Duration.ofMinutes(1));

    @Autowired BallotRepository ballots;

    private static byte[] hash(int n) {
        byte[] h = new byte[32];
        h[0] = (byte) n;
        h[31] = 42;
        return h;
    }

    private long counted(String key) {
        return db.sql("select count from voting_rate_counters where key = $1")
                .bind(0, key)
                .map((row, meta) -> row.get(0, Integer.class).longValue())
                .one()
                .defaultIfEmpty(0L)
                .block();
    }

    @Test
    void countWhenOverTheVoterLimitThenItWaitsUntilTheWindowEnds() {
        UUID voter = fixtures.user("counted-voter").id();
        byte[] ip = hash(1);

        assertThat(ballots.count(voter, ip, TWO_PER_MINUTE).block()).isZero();
        assertThat(ballots.count(voter, ip, TWO_PER_MINUTE).block()).isZero();
        Long wait = ballots.count(voter, ip, TWO_PER_MINUTE).block();

        assertThat(wait).isBetween(1L, 60L);
        assertThat(counted("vote:user:" + voter)).isEqualTo(3);
        // another voter from the same address is within its own limit (the address's is 100)
        assertThat(ballots.count(fixtures.user("other").id(), ip, TWO_PER_MINUTE).block()).isZero();
        assertThat(counted("vote:ip:" + java.util.HexFormat.of().formatHex(ip))).isEqualTo(4);
    }

    @Test
    void countWhenLimitsAreOffThenNothingIsCounted() {
        UUID voter = fixtures.user("uncounted").id();

        assertThat(ballots.count(voter, hash(2), BallotRepository.Limits.OFF).block()).isZero();

        assertThat(counted("vote:user:" + voter)).isZero();
    }

    @Test
    void castWhenRefusedByTheBallotStatementThenItsCountCommits() {
        VotingScenario s = new VotingScenario(web, db, fixtures, Map.of());
        UUID submission = s.submissions(s.health, 1).get(0);
        User voter = fixtures.user("refused-voter");
        s.cast(voter, submission).expectStatus().isCreated();
        BallotRepository.NewBallot again =
                new BallotRepository.NewBallot(
                        s.event,
                        s.health,
                        submission,
                        1,
                        voter.id(),
                        s.health,
                        10,
                        java.time.Instant.now().minusSeconds(3600),
                        java.time.Instant.now().plusSeconds(3600),
                        1,
                        hash(3),
                        hash(4));

        BallotRepository.Outcome outcome = ballots.cast(again, TWO_PER_MINUTE).block();

        assertThat(outcome.refusal()).isEqualTo(VotingProblems.ALREADY_VOTED);
        assertThat(outcome.ballot()).isNull();
        assertThat(counted("vote:user:" + voter.id())).isEqualTo(1);
        assertThat(s.count("select count(*) from voting_ballots where voter_id = $1", voter.id()))
                .isEqualTo(1);
    }

    @Test
    void purgeWhenWindowsEndedThenOnlyThoseGo() {
        String ended = "vote:user:" + UUID.randomUUID();
        String running = "vote:user:" + UUID.randomUUID();
        db.sql(
                        "insert into voting_rate_counters (key, window_end, count) values"
                                + " ($1, now() - interval '1 second', 5),"
                                + " ($2, now() + interval '1 minute', 5)")
                .bind(0, ended)
                .bind(1, running)
                .then()
                .block();

        assertThat(ballots.purgeCounters().block()).isGreaterThanOrEqualTo(1);

        assertThat(counted(ended)).isZero();
        assertThat(counted(running)).isEqualTo(5);
    }
}
