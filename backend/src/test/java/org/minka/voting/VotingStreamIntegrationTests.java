package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * The live tally stream: subscribers get the tallies at once and again after each change (a cast, a
 * retract, a ballot invalidated by fraud review), the same payload for everyone, and only callers
 * who may read tallies get a stream.
 */
class VotingStreamIntegrationTests extends IntegrationTest {

    @Autowired Environment environment;

    private String url(VotingScenario s) {
        return "http://localhost:"
                + environment.getRequiredProperty("local.server.port")
                + s.eventPath()
                + "/voting/tallies/stream";
    }

    private static void cast(VotingScenario s, User voter, UUID submission) {
        s.api.post(
                        voter,
                        s.eventPath() + "/voting/ballots",
                        Map.of("submissionId", submission.toString()))
                .expect(201);
    }

    @Test
    void streamWhenVotesChangeThenEverySubscriberGetsTheNewTallies() throws Exception {
        VotingScenario s =
                new VotingScenario(web, db, fixtures, VotingScenario.voting("liveTallies", true));
        UUID submission = s.entries.get(0).submission();
        try (TallyStreams streams = new TallyStreams(20)) {
            for (int i = 0; i < 20; i++) {
                streams.open(url(s), i % 2 == 0 ? null : s.organizer.token());
            }
            assertThat(streams.await(t -> t.contains("\"votes\":0"), Duration.ofSeconds(60)))
                    .as("every subscriber got the tallies at once")
                    .isTrue();

            User voter = fixtures.user("voter");
            cast(s, voter, submission);
            assertThat(streams.await(t -> t.contains("\"votes\":1"), Duration.ofSeconds(30)))
                    .as("every subscriber got the cast")
                    .isTrue();

            s.sql(
                    "update voting_ballots set status = 'INVALID', invalidated_at = now(),"
                            + " invalid_reason = 'review' where voter_id = $1",
                    voter.id());
            assertThat(
                            streams.await(
                                    t -> t.lastIndexOf("\"votes\":0") > t.indexOf("\"votes\":1"),
                                    Duration.ofSeconds(30)))
                    .as("every subscriber saw the invalidation (trigger NOTIFY)")
                    .isTrue();
            assertThat(streams.text(0))
                    .contains("event:tally")
                    .doesNotContain(voter.id().toString());
        }
    }

    @Test
    void streamWhenManyCastsAtOnceThenUpdatesAreCoalesced() throws Exception {
        VotingScenario s =
                new VotingScenario(web, db, fixtures, VotingScenario.voting("liveTallies", true));
        UUID submission = s.entries.get(0).submission();
        try (TallyStreams streams = new TallyStreams(1)) {
            streams.open(url(s), null);
            assertThat(streams.await(t -> t.contains("\"votes\":0"), Duration.ofSeconds(60)))
                    .isTrue();
            long start = System.nanoTime();
            for (int i = 0; i < 12; i++) {
                cast(s, fixtures.user("voter"), submission);
            }
            assertThat(streams.await(t -> t.contains("\"votes\":12"), Duration.ofSeconds(30)))
                    .isTrue();
            double seconds = (System.nanoTime() - start) / 1e9;
            // at most two updates per second (a leading one, a trailing one), besides the first
            // frame
            int updates = TallyStreams.tallyEvents(streams.text(0)) - 1;
            assertThat(updates).isLessThanOrEqualTo((int) Math.ceil(seconds * 2) + 2);
        }
    }

    @Test
    void streamWhenTalliesHiddenThenOnlyOrganizersGetOne() throws Exception {
        VotingScenario s = new VotingScenario(web, db, fixtures, null);

        s.api.get(null, s.eventPath() + "/voting/tallies/stream").problem(403, "tallies-hidden");
        s.api.get(fixtures.user("citizen"), s.eventPath() + "/voting/tallies/stream")
                .problem(403, "tallies-hidden");
        s.api.get(null, "/api/v1/events/{e}/voting/tallies/stream", UUID.randomUUID())
                .problem(404, "not-found");
        try (TallyStreams streams = new TallyStreams(1)) {
            streams.open(url(s), s.organizer.token());
            assertThat(streams.await(t -> t.contains("event:tally"), Duration.ofSeconds(60)))
                    .isTrue();
        }
    }
}
