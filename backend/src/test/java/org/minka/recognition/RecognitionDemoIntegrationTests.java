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

    @Autowired org.minka.storage.ObjectStore bucket;

    /** Certificates are stored: the bucket is there even if startup could not create it. */
    @org.junit.jupiter.api.BeforeEach
    void bucketReady() {
        bucket.ensureBucket().block();
    }

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
        User official = fixtures.user(DemoRecognition.OFFICIAL);
        DemoRecognition demo =
                new DemoRecognition("http://localhost:" + port, fixtures.admin().token());
        String id =
                demo.load(
                        DemoRecognition.sources(
                                portals.base(tag, "ckan"),
                                portals.base(tag, "dkan"),
                                portals.base(tag, "legacy")),
                        official.token());
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

        // the closed edition: final ranking, and the demo official's certificate
        String closed = demo.closedCampaignId();
        Reply edition = api.get(newcomer, "/api/v1/recognition/campaigns/{id}", closed).expect(200);
        assertThat(edition.<String>json("$.campaign.name"))
                .isEqualTo(DemoRecognition.CLOSED_CAMPAIGN);
        assertThat(edition.<String>json("$.campaign.status")).isEqualTo("CLOSED");
        Reply finalBoard =
                api.get(newcomer, "/api/v1/recognition/campaigns/{id}/leaderboard", closed)
                        .expect(200);
        assertThat(finalBoard.<Boolean>json("$.ranking.closing")).isTrue();
        assertThat(finalBoard.<List<String>>json("$.items[*].name")).hasSize(3);
        String path = "/api/v1/recognition/campaigns/{id}/certificate?language=es";
        api.post(newcomer, path, null, closed).problem(403, "forbidden");
        Reply certificate = api.post(official, path, null, closed).expect(201);
        assertThat(certificate.<String>json("$.publisherName"))
                .startsWith("Ministerio del Ambiente");
        assertThat(certificate.<Integer>json("$.rank")).isBetween(1, 3);
        byte[] pdf =
                web.get()
                        .uri(certificate.<String>json("$.pdfUrl"))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(byte[].class)
                        .returnResult()
                        .getResponseBody();
        assertThat(org.minka.support.CertificatePdfs.text(pdf).replaceAll("\\s+", " "))
                .contains("CERTIFICADO")
                .contains(DemoRecognition.CLOSED_CAMPAIGN)
                .contains(certificate.<String>json("$.code"));
        assertThat(org.minka.support.CertificatePdfs.qr(pdf))
                .isEqualTo(certificate.<String>json("$.verifyUrl"));
    }
}
