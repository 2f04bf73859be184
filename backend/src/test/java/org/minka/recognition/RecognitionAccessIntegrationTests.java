package org.minka.recognition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.catalog.FakePortals;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Every recognition endpoint (and the catalog's classification of publishers), called in column
 * order by: anonymous, a citizen, a member of a publisher in scope, and an admin. Drafts are
 * private: 404 to all but admins.
 */
class RecognitionAccessIntegrationTests extends IntegrationTest {

    static FakePortals portals;

    @BeforeAll
    static void startPortals() {
        portals = new FakePortals(2_000);
    }

    @AfterAll
    static void stopPortals() {
        portals.close();
    }

    record Setup(
            RecognitionFixtures f,
            UUID publisher,
            UUID published,
            UUID draft,
            UUID ranking,
            User citizen,
            User member) {}

    static final String BASE = "/api/v1/recognition/campaigns";
    static final Instant OPENS = Instant.parse("2026-01-01T05:00:00Z");

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                                              anonymous citizen publisher-member admin
            POST campaigns                                    401       403     403              201
            GET campaigns                                     200       200     200              200
            GET campaigns/{published}                         200       200     200              200
            GET campaigns/{draft}                             404       404     404              200
            POST campaigns/{draft}/publish                    401       403     403              200
            POST campaigns/{published}/rankings               401       403     403              202
            GET campaigns/{published}/rankings                200       200     200              200
            GET campaigns/{draft}/rankings                    404       404     404              200
            GET campaigns/{published}/rankings/{id}           200       200     200              200
            GET campaigns/{published}/leaderboard             200       200     200              200
            GET campaigns/{draft}/leaderboard                 404       404     404              200
            GET campaigns/{published}/entities/{publisher}    200       200     200              200
            GET campaigns/{published}/entities/{unknown}      404       404     404              404
            PUT publishers/{id}/classification                401       403     403              200
            """);

    static {
        MATRIX.write(
                        "POST campaigns",
                        s ->
                                Call.json(
                                        HttpMethod.POST,
                                        BASE,
                                        Map.of(
                                                "name",
                                                "Campaña " + RecognitionFixtures.tag(),
                                                "opensAt",
                                                OPENS.toString(),
                                                "closesAt",
                                                "2027-01-01T05:00:00Z",
                                                "portalIds",
                                                List.of(s.f().portal.toString()))))
                .read("GET campaigns", s -> Call.get(BASE))
                .read("GET campaigns/{published}", s -> Call.get(BASE + "/" + s.published()))
                .read("GET campaigns/{draft}", s -> Call.get(BASE + "/" + s.draft()))
                .write(
                        "POST campaigns/{draft}/publish",
                        s -> Call.json(HttpMethod.POST, BASE + "/" + s.draft() + "/publish", null))
                .write(
                        "POST campaigns/{published}/rankings",
                        s ->
                                Call.json(
                                        HttpMethod.POST,
                                        BASE + "/" + s.published() + "/rankings",
                                        null))
                .read(
                        "GET campaigns/{published}/rankings",
                        s -> Call.get(BASE + "/" + s.published() + "/rankings"))
                .read(
                        "GET campaigns/{draft}/rankings",
                        s -> Call.get(BASE + "/" + s.draft() + "/rankings"))
                .read(
                        "GET campaigns/{published}/rankings/{id}",
                        s -> Call.get(BASE + "/" + s.published() + "/rankings/" + s.ranking()))
                .read(
                        "GET campaigns/{published}/leaderboard",
                        s -> Call.get(BASE + "/" + s.published() + "/leaderboard"))
                .read(
                        "GET campaigns/{draft}/leaderboard",
                        s -> Call.get(BASE + "/" + s.draft() + "/leaderboard"))
                .read(
                        "GET campaigns/{published}/entities/{publisher}",
                        s -> Call.get(BASE + "/" + s.published() + "/entities/" + s.publisher()))
                .read(
                        "GET campaigns/{published}/entities/{unknown}",
                        s ->
                                Call.get(
                                        BASE
                                                + "/"
                                                + s.published()
                                                + "/entities/"
                                                + UUID.randomUUID()))
                .write(
                        "PUT publishers/{id}/classification",
                        s ->
                                Call.json(
                                        HttpMethod.PUT,
                                        "/api/v1/catalog/publishers/"
                                                + s.publisher()
                                                + "/classification",
                                        Map.of("type", "MUNICIPALITY", "region", "Cusco")));
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    @org.springframework.beans.factory.annotation.Autowired RankingJob job;

    private Setup setup() {
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        RecognitionFixtures f = new RecognitionFixtures(api, db, portals, admin);
        UUID publisher = f.publisher("Entidad", "OTHER", null);
        f.dataset(publisher, "datos", OPENS.plusSeconds(60), OPENS.plusSeconds(60), "R/P1M", 300);
        User member = fixtures.user("publisher-member");
        api.call(
                        HttpMethod.PUT,
                        admin,
                        "/api/v1/catalog/publishers/{p}/members/{u}",
                        null,
                        publisher,
                        member.id())
                .expect(204);
        UUID published =
                f.campaign("Publicada", OPENS, Instant.parse("2027-01-01T05:00:00Z"), null);
        f.publish(published);
        UUID draft = f.campaign("Borrador", OPENS, Instant.parse("2027-01-01T05:00:00Z"), null);
        job.runOnce().block();
        UUID ranking =
                UUID.fromString(
                        api.get(null, BASE + "/{id}/rankings", published)
                                .expect(200)
                                .<String>json("$.items[0].id"));
        return new Setup(f, publisher, published, draft, ranking, fixtures.user("citizen"), member);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callerGetsExpectedStatus(String row) {
        Setup s = MATRIX.scenario(row, "recognition", this::setup);
        MATRIX.verify(
                web, row, s, null, s.citizen().token(), s.member().token(), s.f().admin.token());
    }
}
