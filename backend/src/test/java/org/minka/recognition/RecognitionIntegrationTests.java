package org.minka.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minka.catalog.FakePortals;
import org.minka.support.Api;
import org.minka.support.Api.Reply;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/**
 * Campaigns, rankings and their public pages end to end: a fixture catalog (a real CKAN record
 * linked through the API, and copies with chosen dates and MQA points), the background job run by
 * the test, and the leaderboard and entity pages checked against a hand-computed table.
 */
class RecognitionIntegrationTests extends IntegrationTest {

    static final Instant T0 = Instant.parse("2026-01-01T05:00:00Z");
    static final Instant T1 = Instant.parse("2026-07-01T05:00:00Z");
    static final String CAMPAIGNS = "/api/v1/recognition/campaigns";
    static final String BASE = CAMPAIGNS + "/";

    static FakePortals portals;

    @Autowired RankingJob job;

    @BeforeAll
    static void startPortals() {
        portals = new FakePortals(2_000);
    }

    @AfterAll
    static void stopPortals() {
        portals.close();
    }

    record Catalog(RecognitionFixtures f, UUID p1, UUID p2, UUID p3, UUID before, UUID opening) {}

    /**
     * P1 (ministry, Lima): d1 issued T0+10d, updated T1-5d, monthly, MQA 300; d2 issued and updated
     * T0-1s, no period, 200; d5 issued and updated at T1, monthly, 100; d6 issued and updated at
     * T0, no period, 405. P2 and P3 (municipalities, Cusco): one dataset each, issued and updated
     * T1-1s, monthly, 250.
     */
    Catalog catalog() {
        Api api = new Api(web, fixtures);
        RecognitionFixtures f = new RecognitionFixtures(api, db, portals, fixtures.admin());
        UUID p1 = f.publisher("Ministerio", "MINISTRY", "Lima");
        UUID p2 = f.publisher("Municipalidad A", "MUNICIPALITY", "Cusco");
        UUID p3 = f.publisher("Municipalidad B", "MUNICIPALITY", "cusco");
        Instant lastSecond = T1.minusSeconds(1);
        f.dataset(
                p1, "d1", T0.plus(Duration.ofDays(10)), T1.minus(Duration.ofDays(5)), "R/P1M", 300);
        UUID before = f.dataset(p1, "d2", T0.minusSeconds(1), T0.minusSeconds(1), null, 200);
        f.dataset(p1, "d5", T1, T1, "R/P1M", 100);
        UUID opening = f.dataset(p1, "d6", T0, T0, null, 405);
        f.dataset(p2, "d3", lastSecond, lastSecond, "R/P1M", 250);
        f.dataset(p3, "d4", lastSecond, lastSecond, "R/P1M", 250);
        return new Catalog(f, p1, p2, p3, before, opening);
    }

    Api api() {
        return new Api(web, fixtures);
    }

    static double r2(double x) {
        return EntityScoring.round2(x);
    }

    @Test
    void leaderboardWhenCampaignClosedThenFinalRankingMatchesHandComputedTableWithTies() {
        Catalog c = catalog();
        UUID campaign = c.f().campaign("Reconocimiento", T0, T1, null);
        c.f().publish(campaign);

        job.runOnce().block();

        // NEW_DATASETS: P1 2 (d1, d6; d2 a second early and d5 at the close are out), P2 1, P3 1
        double new1 = 100.0 * 2 / 2;
        double new2 = 100.0 * 1 / 2;
        // QUALITY: d1 and d6 in the window weigh 1, d2 and d5 0.5
        double quality1 = 100.0 * ((300 + 0.5 * 200 + 0.5 * 100 + 405) / 3.0) / 405;
        double quality2 = 100.0 * 250 / 405;
        // FRESHNESS as of the close: d1 (5 days <= 45) and d5 (0 days) of P1's 4; P2's d3 fresh
        double fresh1 = 100.0 * 2 / 4;
        double fresh2 = 100.0;
        // USE: no challenge or submission uses them: 0 for all
        double score1 = (30 * new1 + 30 * quality1 + 20 * fresh1 + 20 * 0) / 100;
        double score2 = (30 * new2 + 30 * quality2 + 20 * fresh2 + 20 * 0) / 100;

        Reply board = api().get(null, BASE + "{id}/leaderboard", campaign).expect(200);
        assertThat(board.<Boolean>json("$.ranking.closing")).isTrue();
        assertThat(board.<String>json("$.ranking.asOf")).isEqualTo(T1.toString());
        assertThat(board.<String>json("$.ranking.status")).isEqualTo("DONE");
        assertThat(board.<List<String>>json("$.items[*].publisherId"))
                .containsExactly(c.p1().toString(), c.p2().toString(), c.p3().toString());
        assertThat(board.<List<Double>>json("$.items[*].score"))
                .containsExactly(r2(score1), r2(score2), r2(score2));
        assertThat(r2(score1)).isEqualTo(61.11);
        assertThat(r2(score2)).isEqualTo(53.52);
        assertThat(board.<List<Integer>>json("$.items[*].rank")).containsExactly(1, 2, 2);
        assertThat(board.<List<Boolean>>json("$.items[*].tied")).containsExactly(false, true, true);

        Reply region =
                api().get(null, BASE + "{id}/leaderboard?scope=REGION&region=CUSCO", campaign)
                        .expect(200);
        assertThat(region.<List<Integer>>json("$.items[*].rank")).containsExactly(1, 1);
        assertThat(region.<List<Boolean>>json("$.items[*].tied")).containsExactly(true, true);
        Reply ministries =
                api().get(
                                null,
                                BASE + "{id}/leaderboard?scope=ENTITY_TYPE&entityType=MINISTRY",
                                campaign)
                        .expect(200);
        assertThat(ministries.<List<String>>json("$.items[*].publisherId"))
                .containsExactly(c.p1().toString());
    }

    @Test
    void entityPageWhenReadThenPartsExplainTheDatasetsAndWindowEdges() {
        Catalog c = catalog();
        UUID campaign = c.f().campaign("Entidad", T0, T1, null);
        c.f().publish(campaign);
        job.runOnce().block();

        Reply entity = api().get(null, BASE + "{id}/entities/{p}", campaign, c.p1()).expect(200);

        assertThat(entity.<Integer>json("$.nationalRank.rank")).isEqualTo(1);
        assertThat(entity.<String>json("$.parts[0].part")).isEqualTo("NEW_DATASETS");
        List<Map<String, Object>> behind = entity.json("$.parts[0].datasets");
        Map<String, Boolean> counts = new LinkedHashMap<>();
        behind.forEach(d -> counts.put((String) d.get("title"), (Boolean) d.get("counts")));
        // one second before the opening: out; at the opening: in; at the close: out
        assertThat(counts)
                .containsEntry("d2", false)
                .containsEntry("d6", true)
                .containsEntry("d5", false)
                .containsEntry("d1", true);
        // training and feedback records exist on this server (ScoreSignals), so the optional parts
        // count, and an entity none of whose officials completed a course has trained none
        assertThat(entity.<String>json("$.parts[4].part")).isEqualTo("OFFICIALS_TRAINED");
        assertThat(entity.<Boolean>json("$.parts[4].counted")).isTrue();
        assertThat(entity.<Integer>json("$.officialsTrained")).isZero();

        api().get(null, BASE + "{id}/entities/{p}", campaign, UUID.randomUUID())
                .problem(404, "not-found");
    }

    @Test
    void leaderboardWhenPagedAndRevalidatedThenCursorLinkAndNotModified() {
        Catalog c = catalog();
        UUID campaign = c.f().campaign("Paginas", T0, T1, null);
        c.f().publish(campaign);
        job.runOnce().block();

        Reply first = api().get(null, BASE + "{id}/leaderboard?limit=2", campaign).expect(200);
        assertThat(first.<List<String>>json("$.items[*].publisherId")).hasSize(2);
        String next = first.json("$.nextCursor");
        assertThat(first.headers().getFirst(HttpHeaders.LINK)).contains("cursor=" + next);
        Reply second =
                api().get(null, BASE + "{id}/leaderboard?limit=2&cursor=" + next, campaign)
                        .expect(200);
        assertThat(second.<List<String>>json("$.items[*].publisherId"))
                .containsExactly(c.p3().toString());
        assertThat(second.<Object>json("$.nextCursor")).isNull();

        String etag = first.headers().getETag();
        web.get()
                .uri(BASE + campaign + "/leaderboard?limit=2")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isNotModified();
    }

    @Test
    void leaderboardWhenAskedAtTheCloseThenTheCloseRankingAndBeforeAnyThenEmpty() {
        Catalog c = catalog();
        UUID campaign = c.f().campaign("Cierre", T0, T1, null);
        c.f().publish(campaign);
        job.runOnce().block();

        Reply atClose = api().get(null, BASE + "{id}/leaderboard?at=" + T1, campaign).expect(200);
        assertThat(atClose.<Boolean>json("$.ranking.closing")).isTrue();
        Reply before =
                api().get(null, BASE + "{id}/leaderboard?at=" + T1.minusSeconds(1), campaign)
                        .expect(200);
        assertThat(before.<Object>json("$.ranking")).isNull();
        assertThat(before.<List<Object>>json("$.items")).isEmpty();
        api().get(null, BASE + "{id}/leaderboard?at=yesterday", campaign)
                .problem(400, "validation-failed");

        // the final ranking is never replaced
        api().post(c.f().admin, BASE + "{id}/rankings", null, campaign)
                .problem(409, "ranking-final");
    }

    @Test
    void rankingWhenRequestedOnDemandThenQueuedRunWithProgressAndComparisonWithPrevious() {
        Catalog c = catalog();
        UUID previous = c.f().campaign("Edicion 1", T0, T1, null);
        c.f().publish(previous);
        Instant now = clock.instant();
        UUID current = c.f().campaign("Edicion 2", T0, now.plus(Duration.ofDays(30)), previous);
        c.f().publish(current);
        job.runOnce().block();

        Reply queued = api().post(c.f().admin, BASE + "{id}/rankings", null, current).expect(202);
        assertThat(queued.<String>json("$.status")).isEqualTo("QUEUED");
        assertThat(queued.<String>json("$.reason")).isEqualTo("ON_DEMAND");
        assertThat(queued.headers().getLocation().getPath())
                .isEqualTo(BASE + current + "/rankings/" + queued.id());
        // asked again while queued: the same ranking
        assertThat(api().post(c.f().admin, BASE + "{id}/rankings", null, current).expect(202).id())
                .isEqualTo(queued.id());

        job.runOnce().block();

        Reply done = api().get(null, BASE + "{id}/rankings/{r}", current, queued.id()).expect(200);
        assertThat(done.<String>json("$.status")).isEqualTo("DONE");
        assertThat(done.<Integer>json("$.total")).isEqualTo(3);
        assertThat(done.<Integer>json("$.done")).isEqualTo(3);
        Reply view = api().get(null, BASE + "{id}", current).expect(200);
        assertThat(view.<String>json("$.campaign.status")).isEqualTo("OPEN");
        assertThat(view.<String>json("$.comparison.previousCampaignId"))
                .isEqualTo(previous.toString());
        // new datasets: the previous window had d1, d6, d3, d4 (4); this one adds d5 (5)
        assertThat(view.<Double>json("$.comparison.newDatasets.previous")).isEqualTo(4.0);
        assertThat(view.<Double>json("$.comparison.newDatasets.current")).isEqualTo(5.0);
        assertThat(view.<Double>json("$.comparison.newDatasets.growthPercent"))
                .isEqualTo(100.0 * (5 - 4) / 4);
        assertThat(view.<Double>json("$.comparison.participants.growthPercent")).isEqualTo(0.0);
        assertThat(view.<Double>json("$.comparison.meanQuality.current"))
                .isEqualTo(r2((300 + 200 + 100 + 405 + 250 + 250) / 6.0));
    }

    @Test
    void createWhenBadInputThenProblemAndNothingStored() {
        Catalog c = catalog();
        User admin = c.f().admin;
        String name = "Mala " + UUID.randomUUID();
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("name", name);
        good.put("opensAt", T0.toString());
        good.put("closesAt", T1.toString());
        good.put("portalIds", List.of(c.f().portal.toString()));

        Map<String, Object> inverted = new LinkedHashMap<>(good);
        inverted.put("opensAt", T1.toString());
        inverted.put("closesAt", T0.toString());
        api().post(admin, CAMPAIGNS, inverted).problem(422, "invalid-campaign-window");

        Map<String, Object> weights = new LinkedHashMap<>(good);
        weights.put(
                "weights", Map.of("newDatasets", 30, "quality", 30, "freshness", 20, "use", 10));
        Reply sum = api().post(admin, CAMPAIGNS, weights).problem(422, "invalid-weights");
        assertThat(sum.<String>json("$.detail")).contains("90");

        Map<String, Object> publisher = new LinkedHashMap<>(good);
        publisher.put("publisherIds", List.of(c.p1().toString(), UUID.randomUUID().toString()));
        api().post(admin, CAMPAIGNS, publisher).problem(422, "unknown-publisher");

        Map<String, Object> portal = new LinkedHashMap<>(good);
        portal.put("portalIds", List.of(UUID.randomUUID().toString()));
        api().post(admin, CAMPAIGNS, portal).problem(422, "unknown-portal");

        Map<String, Object> zone = new LinkedHashMap<>(good);
        zone.put("timezone", "Mars/Olympus");
        api().post(admin, CAMPAIGNS, zone).problem(400, "validation-failed");

        Map<String, Object> negative = new LinkedHashMap<>(good);
        negative.put(
                "weights", Map.of("newDatasets", 110, "quality", -10, "freshness", 0, "use", 0));
        api().post(admin, CAMPAIGNS, negative).problem(400, "validation-failed");

        Map<String, Object> none = new LinkedHashMap<>(good);
        none.put("portalIds", List.of());
        api().post(admin, CAMPAIGNS, none).problem(400, "validation-failed");

        assertThat(count("select count(*) from recognition_campaigns where name = $1", name))
                .isZero();
        api().post(admin, CAMPAIGNS, good).expect(201);
        assertThat(count("select count(*) from recognition_campaigns where name = $1", name))
                .isEqualTo(1);
    }

    @Test
    void classifyWhenAdminSetsTypeAndRegionThenRankingsGroupByThem() {
        Catalog c = catalog();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "AUTONOMOUS_BODY");
        body.put("region", "Arequipa");
        Reply classified =
                api().call(
                                org.springframework.http.HttpMethod.PUT,
                                c.f().admin,
                                "/api/v1/catalog/publishers/{id}/classification",
                                body,
                                c.p2())
                        .expect(200);
        assertThat(classified.<String>json("$.type")).isEqualTo("AUTONOMOUS_BODY");
        UUID campaign = c.f().campaign("Tipos", T0, T1, null);
        c.f().publish(campaign);
        job.runOnce().block();

        Reply autonomous =
                api().get(
                                null,
                                BASE
                                        + "{id}/leaderboard?scope=ENTITY_TYPE"
                                        + "&entityType=AUTONOMOUS_BODY",
                                campaign)
                        .expect(200);
        assertThat(autonomous.<List<String>>json("$.items[*].publisherId"))
                .containsExactly(c.p2().toString());
        assertThat(autonomous.<List<Boolean>>json("$.items[*].tied")).containsExactly(false);

        body.put("region", " ");
        api().call(
                        org.springframework.http.HttpMethod.PUT,
                        c.f().admin,
                        "/api/v1/catalog/publishers/{id}/classification",
                        body,
                        c.p2())
                .problem(400, "validation-failed");
    }
}
