package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.StatementCounter;
import org.springframework.context.annotation.Import;

/**
 * What a cast costs in statements (issue 12, item 13: "the floor under every vote"; issue 14: the
 * bench's ratio). Once the voter's sign-in, the event's facts and the submission's facts (its
 * counted version and its team's members, {@link CastFacts}) are in this instance's memory, a cast
 * is one statement: {@code voting_cast_counted}, which counts the rate limits, holds the cap, the
 * one-ballot rule and the window at the database's now(), and writes. A submission new to the
 * instance costs two reads first (the submission, its team's members), once.
 */
@Import(StatementCounter.class)
class CastStatementsIntegrationTests extends IntegrationTest {

    private VotingScenario scenario() {
        return new VotingScenario(
                web,
                db,
                fixtures,
                VotingScenario.voting("scope", "PER_EVENT", "votesPerVoter", 10));
    }

    /** Voters whose sign-in this instance already knows (one GET /me each). */
    private Iterator<User> signedIn(String name, int n) {
        List<User> voters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            User voter = fixtures.user(name + "-" + i);
            web.get()
                    .uri("/api/v1/me")
                    .headers(h -> h.setBearerAuth(voter.token()))
                    .exchange()
                    .expectStatus()
                    .isOk();
            voters.add(voter);
        }
        return voters.iterator();
    }

    @Test
    void castWhenVoterEventAndSubmissionAreKnownThenOnlyTheBallotStatement() {
        VotingScenario s = scenario();
        UUID submission = s.submissions(s.health, 1).get(0);
        Iterator<User> voters = signedIn("cast-statements", 4);

        List<String> seen = StatementCounter.fewest(() -> cast(s, voters.next(), submission));

        assertThat(seen).as("statements").hasSize(1);
        assertThat(seen.get(0)).contains("voting_cast_counted(");
    }

    @Test
    void castWhenTheSubmissionIsNewToTheInstanceThenItsFactsAreReadOnce() {
        VotingScenario s = scenario();
        List<UUID> submissions = s.submissions(s.health, 2);
        Iterator<User> voters = signedIn("cast-facts", 3);
        cast(s, voters.next(), submissions.get(0));

        StatementCounter.STATEMENTS.clear();
        cast(s, voters.next(), submissions.get(1));
        List<String> cold = List.copyOf(StatementCounter.STATEMENTS);
        StatementCounter.STATEMENTS.clear();
        cast(s, voters.next(), submissions.get(1));
        List<String> warm = List.copyOf(StatementCounter.STATEMENTS);

        assertThat(cold)
                .as("cold: %s", cold)
                .anyMatch(sql -> sql.contains("from submissions where id"))
                .anyMatch(sql -> sql.contains("team_members"))
                .anyMatch(sql -> sql.contains("voting_cast_counted("));
        assertThat(warm)
                .as("warm: %s", warm)
                .noneMatch(sql -> sql.contains("from submissions where id"))
                .noneMatch(sql -> sql.contains("team_members"))
                .anyMatch(sql -> sql.contains("voting_cast_counted("));
    }

    private void cast(VotingScenario s, User voter, UUID submission) {
        s.cast(voter, submission).expectStatus().isCreated();
    }
}
