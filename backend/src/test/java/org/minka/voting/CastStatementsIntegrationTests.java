package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.StatementCounter;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;

/**
 * What a cast costs in statements once the voter's user and the event's facts are in this
 * instance's memory (issue 12, item 13: "the floor under every vote"). Own work: the submission the
 * ballot names (read by id) and the ballot statement ({@code voting_cast}, which holds the cap, the
 * one-ballot rule and the window at the database's now()). Checks: everything else; today only
 * whether the voter is on the submission's team (the self-vote rule). Before the event's facts and
 * the VOTING window were kept, a cast also read the event's visibility and its window (5 statements
 * in all).
 */
@Import(StatementCounter.class)
class CastStatementsIntegrationTests extends IntegrationTest {

    @Test
    void castWhenVoterAndEventAreKnownThenOneCheckBeforeItsOwnWork() {
        VotingScenario s =
                new VotingScenario(
                        web,
                        db,
                        fixtures,
                        VotingScenario.voting("scope", "PER_EVENT", "votesPerVoter", 10));
        Iterator<UUID> submissions = s.submissions(s.health, 5).iterator();
        User voter = fixtures.user("cast-statements");

        List<String> seen = StatementCounter.fewest(() -> cast(s, voter, submissions.next()));

        List<String> checks =
                seen.stream()
                        .map(sql -> sql.replaceAll("\\s+", " "))
                        .filter(sql -> !sql.contains("voting_cast("))
                        .filter(sql -> !sql.contains("from submissions where id"))
                        .toList();
        assertThat(seen).as("statements").anyMatch(sql -> sql.contains("voting_cast("));
        assertThat(checks).as("checks among %s", seen).hasSizeLessThanOrEqualTo(1);
        assertThat(seen).as("all statements").hasSizeLessThanOrEqualTo(3);
    }

    private void cast(VotingScenario s, User voter, UUID submission) {
        web.post()
                .uri(s.eventPath() + "/voting/ballots")
                .headers(h -> h.setBearerAuth(voter.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("submissionId", submission.toString()))
                .exchange()
                .expectStatus()
                .isCreated();
    }
}
