package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Api.Reply;
import org.minka.support.DemoVoting;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** The {@code make run} edition in VOTING, loaded into the suite's database: a newcomer votes. */
class DemoVotingIntegrationTests extends IntegrationTest {

    @Autowired Environment environment;

    @Test
    void loadThenANewUserSeesLiveTalliesAndCanVoteAtOnce() throws Exception {
        String api = "http://localhost:" + environment.getRequiredProperty("local.server.port");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id =
                new DemoVoting(api, name -> tokens.user(name + "-" + run, name.equals("admin")))
                        .load();
        Api client = new Api(web, fixtures);

        Reply tallies = client.get(null, "/api/v1/events/{e}/voting/tallies", id).expect(200);
        assertThat(tallies.<Integer>json("$.votes")).isEqualTo(5);
        assertThat(tallies.<Boolean>json("$.closed")).isFalse();
        List<String> submissions = tallies.json("$.challenges[*].submissions[*].submissionId");
        assertThat(submissions).hasSize(3);

        User newcomer = fixtures.user("newcomer");
        client.post(
                        newcomer,
                        "/api/v1/events/{e}/voting/ballots",
                        Map.of("submissionId", submissions.get(0)),
                        id)
                .expect(201);
        Reply after = client.get(newcomer, "/api/v1/events/{e}/voting/tallies", id).expect(200);
        assertThat(after.<Integer>json("$.votes")).isEqualTo(6);
        assertThat(
                        client.get(newcomer, "/api/v1/events/{e}/voting/ballots/mine", id)
                                .expect(200)
                                .<List<String>>json("$[*].submissionId"))
                .containsExactly(submissions.get(0));
    }
}
