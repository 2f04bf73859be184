package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.Together;
import org.springframework.http.MediaType;

/**
 * The caps hold under concurrency because the database holds them: many casts at once by one voter,
 * many voters at once on one submission, and casts racing retracts. After each, the live ballots,
 * the cap counters and the tallies agree.
 */
class VotingConcurrencyIntegrationTests extends IntegrationTest {

    private int cast(VotingScenario s, User voter, UUID submission) {
        return web.post()
                .uri(s.eventPath() + "/voting/ballots")
                .headers(h -> h.setBearerAuth(voter.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("submissionId", submission.toString()))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    private int retract(VotingScenario s, User voter, UUID ballot) {
        return web.delete()
                .uri(s.eventPath() + "/voting/ballots/" + ballot)
                .headers(h -> h.setBearerAuth(voter.token()))
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    /** Live ballots, cap counters and tallies of the event agree. */
    private static void consistent(VotingScenario s) {
        long live =
                s.count(
                        "select count(*) from voting_ballots where event_id = $1"
                                + " and retracted_at is null",
                        s.event);
        long valid =
                s.count(
                        "select count(*) from voting_ballots where event_id = $1"
                                + " and retracted_at is null and status = 'VALID'",
                        s.event);
        long used =
                s.count(
                        "select coalesce(sum(used), 0) from voting_caps where event_id = $1",
                        s.event);
        long tallied =
                s.count(
                        "select coalesce(sum(votes), 0) from voting_tallies where event_id = $1",
                        s.event);
        assertThat(used).as("cap counters = live ballots").isEqualTo(live);
        assertThat(tallied).as("tallies = valid live ballots").isEqualTo(valid);
    }

    @Test
    void castWhenOneVoterCasts200AtOnceThenExactlyTheCapSucceeds() throws Exception {
        int cap = 7;
        VotingScenario s =
                new VotingScenario(web, db, fixtures, VotingScenario.voting("votesPerVoter", cap));
        List<UUID> submissions = s.submissions(s.health, 200);
        User voter = fixtures.user("voter");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (UUID submission : submissions) {
            calls.add(() -> cast(s, voter, submission));
        }

        List<Integer> statuses = Together.run(32, calls);

        assertThat(statuses.stream().filter(x -> x == 201).count()).isEqualTo(cap);
        // the rest are over the cap: the voter's casts take turns in memory (KeyedGate), so they
        // never wait on their own cap row with every pooled connection, which ran out the pool's
        // acquire time-out (503) before
        assertThat(statuses.stream().filter(x -> x != 201)).allMatch(x -> x == 409);
        assertThat(s.count("select count(*) from voting_ballots where voter_id = $1", voter.id()))
                .isEqualTo(cap);
        consistent(s);
    }

    @Test
    void castWhen1000VotersVoteAtOnceForOneSubmissionThenEachIsCountedOnce() throws Exception {
        VotingScenario s = new VotingScenario(web, db, fixtures, null);
        UUID submission = s.entries.get(0).submission();
        List<User> voters = voters(1000);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (User voter : voters) {
            calls.add(() -> cast(s, voter, submission));
        }
        // each voter twice: the second is refused, and counts nothing
        for (User voter : voters.subList(0, 100)) {
            calls.add(() -> cast(s, voter, submission));
        }

        List<Integer> statuses = Together.run(32, calls);

        assertThat(statuses.stream().filter(x -> x == 201).count()).isEqualTo(1000);
        assertThat(statuses.stream().filter(x -> x == 409).count()).isEqualTo(100);
        assertThat(
                        s.count(
                                "select coalesce(sum(votes), 0) from voting_tallies"
                                        + " where submission_id = $1",
                                submission))
                .isEqualTo(1000);
        consistent(s);
    }

    @Test
    void castAndRetractWhenRacingThenCapAndTalliesStayConsistent() throws Exception {
        VotingScenario s = new VotingScenario(web, db, fixtures, null);
        UUID a = s.entries.get(0).submission();
        UUID b = s.entries.get(1).submission();
        User voter = fixtures.user("voter");
        assertThat(cast(s, voter, a)).isEqualTo(201);
        int rounds = Integer.getInteger("minka.race.rounds", 10);
        for (int round = 0; round < rounds; round++) {
            UUID ballot = liveBallot(s, voter);
            UUID voted = liveSubmission(s, voter);
            UUID other = voted.equals(a) ? b : a;

            List<Integer> statuses =
                    Together.run(
                            2,
                            List.of(() -> retract(s, voter, ballot), () -> cast(s, voter, other)));

            assertThat(statuses.get(0)).isEqualTo(204);
            assertThat(statuses.get(1)).isIn(201, 409);
            long live =
                    s.count(
                            "select count(*) from voting_ballots where voter_id = $1"
                                    + " and retracted_at is null",
                            voter.id());
            assertThat(live).isEqualTo(statuses.get(1) == 201 ? 1 : 0);
            consistent(s);
            if (live == 0) {
                assertThat(cast(s, voter, other)).isEqualTo(201);
            }
        }
    }

    private UUID liveBallot(VotingScenario s, User voter) {
        return db.sql("select id from voting_ballots where voter_id = $1 and retracted_at is null")
                .bind(0, voter.id())
                .map((row, meta) -> row.get(0, UUID.class))
                .one()
                .block();
    }

    private UUID liveSubmission(VotingScenario s, User voter) {
        return db.sql(
                        "select submission_id from voting_ballots where voter_id = $1"
                                + " and retracted_at is null")
                .bind(0, voter.id())
                .map((row, meta) -> row.get(0, UUID.class))
                .one()
                .block();
    }

    /** Signed-in voters, written in one statement (the token's claims match the rows). */
    private List<User> voters(int n) {
        User first = fixtures.user("voter");
        String issuer =
                db.sql("select issuer from users where id = $1")
                        .bind(0, first.id())
                        .map((row, meta) -> row.get(0, String.class))
                        .one()
                        .block();
        String prefix = "crowd-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<UUID> ids =
                db.sql(
                                """
                                insert into users (issuer, subject, email, email_verified, name)
                                select $1, $2 || g, $2 || g || '@example.org', true,
                                       'User ' || $2 || g
                                from generate_series(1, $3) g order by g returning id""")
                        .bind(0, issuer)
                        .bind(1, prefix)
                        .bind(2, n)
                        .map((row, meta) -> row.get(0, UUID.class))
                        .all()
                        .collectList()
                        .block();
        List<User> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String subject = prefix + (i + 1);
            users.add(new User(tokens.user(subject, false), ids.get(i), subject + "@example.org"));
        }
        return users;
    }
}
