package org.minka.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minka.catalog.FakePortals;
import org.minka.support.Api;
import org.minka.support.Api.Reply;
import org.minka.support.DemoRecognition;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The {@code make run} recognition demo, loaded into the suite's database, as a new user sees it.
 */
class RecognitionDemoIntegrationTests extends IntegrationTest {

    static FakePortals portals;

    @Autowired RankingJob job;

    @LocalServerPort int port;

    @BeforeAll
    static void startPortals() {
        portals = new FakePortals(2_000);
    }

    @AfterAll
    static void stopPortals() {
        portals.close();
    }

    @Test
    void demoWhenLoadedAndRankedThenNewUserSeesPublishedCampaignWithLeaderboard() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String id =
                new DemoRecognition("http://localhost:" + port, fixtures.admin().token())
                        .load(
                                DemoRecognition.sources(
                                        portals.base(tag, "ckan"),
                                        portals.base(tag, "dkan"),
                                        portals.base(tag, "legacy")));
        job.runOnce().block();

        User newcomer = fixtures.user("citizen");
        Api api = new Api(web, fixtures);
        Reply campaign = api.get(newcomer, "/api/v1/recognition/campaigns/{id}", id).expect(200);
        assertThat(campaign.<String>json("$.campaign.name")).isEqualTo(DemoRecognition.CAMPAIGN);
        assertThat(campaign.<String>json("$.campaign.status")).isEqualTo("OPEN");
        Reply board =
                api.get(newcomer, "/api/v1/recognition/campaigns/{id}/leaderboard", id).expect(200);
        assertThat(board.<List<String>>json("$.items[*].name")).hasSize(3);
        assertThat(board.<List<Integer>>json("$.items[*].rank")).startsWith(1);
        assertThat(board.<List<Double>>json("$.items[*].score")).allMatch(s -> s > 0);
        String first = board.json("$.items[0].publisherId");
        Reply entity =
                api.get(newcomer, "/api/v1/recognition/campaigns/{id}/entities/{p}", id, first)
                        .expect(200);
        assertThat(entity.<List<String>>json("$.parts[*].part"))
                .startsWith("NEW_DATASETS", "QUALITY", "FRESHNESS", "USE");
        assertThat(entity.<List<Object>>json("$.parts[1].datasets")).hasSize(1);
        Reply cusco =
                api.get(
                                null,
                                "/api/v1/recognition/campaigns/{id}/leaderboard?scope=REGION"
                                        + "&region=Cusco",
                                id)
                        .expect(200);
        assertThat(cusco.<List<String>>json("$.items[*].region")).containsOnly("Cusco");
        assertThat(cusco.<List<String>>json("$.items[*].name")).hasSize(2);
    }
}
