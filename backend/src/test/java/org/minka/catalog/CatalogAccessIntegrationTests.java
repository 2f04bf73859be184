package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every catalog endpoint, called in column order by: anonymous, a citizen, a member of the
 * publisher, an organizer of an event, and an admin.
 */
class CatalogAccessIntegrationTests extends IntegrationTest {

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
            UUID publisher,
            UUID dataset,
            User target,
            User admin,
            CatalogAccessIntegrationTests test,
            Callers who) {}

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                                                    anonymous citizen publisher-member organizer admin
            POST publishers                                         401       403     403              403       201
            GET publishers                                          200       200     200              200       200
            GET publishers/{id}                                     200       200     200              200       200
            GET publishers/{id}/members                             401       403     200              200       200
            PUT publishers/{id}/members/{userId}                    401       403     403              204       204
            DELETE publishers/{id}/members/{userId}                 401       403     403              204       204
            POST portals                                            401       403     403              403       201
            GET portals                                             200       200     200              200       200
            POST datasets                                           401       403     201              201       201
            GET datasets/{id}                                       200       200     200              200       200
            GET datasets/{id}/raw                                   200       200     200              200       200
            GET datasets/{id}/history                               200       200     200              200       200
            GET datasets                                            200       200     200              200       200
            """);

    static {
        String base = "/api/v1/catalog/";
        MATRIX.write(
                        "POST publishers",
                        s ->
                                Call.json(
                                        HttpMethod.POST,
                                        base + "publishers",
                                        Map.of("name", "Entidad " + tag(), "type", "OTHER")))
                .read("GET publishers", s -> Call.get(base + "publishers"))
                .read("GET publishers/{id}", s -> Call.get(base + "publishers/" + s.publisher()))
                .read(
                        "GET publishers/{id}/members",
                        s -> Call.get(base + "publishers/" + s.publisher() + "/members"))
                .write(
                        "PUT publishers/{id}/members/{userId}",
                        s ->
                                Call.json(
                                        HttpMethod.PUT,
                                        base
                                                + "publishers/"
                                                + s.publisher()
                                                + "/members/"
                                                + s.target().id(),
                                        null))
                .write(
                        "DELETE publishers/{id}/members/{userId}",
                        s ->
                                Call.json(
                                        HttpMethod.DELETE,
                                        base
                                                + "publishers/"
                                                + s.publisher()
                                                + "/members/"
                                                + s.test().memberAgain(s),
                                        null))
                .write(
                        "POST portals",
                        s ->
                                Call.json(
                                        HttpMethod.POST,
                                        base + "portals",
                                        Map.of(
                                                "name",
                                                "Portal",
                                                "baseUrl",
                                                portals.base(tag(), "ckan"),
                                                "kind",
                                                "CKAN")))
                .read("GET portals", s -> Call.get(base + "portals"))
                .write(
                        "POST datasets",
                        s -> Call.json(HttpMethod.POST, base + "datasets", s.test().linkBody(s)))
                .read("GET datasets/{id}", s -> Call.get(base + "datasets/" + s.dataset()))
                .read(
                        "GET datasets/{id}/raw",
                        s -> Call.get(base + "datasets/" + s.dataset() + "/raw"))
                .read(
                        "GET datasets/{id}/history",
                        s -> Call.get(base + "datasets/" + s.dataset() + "/history"))
                .read("GET datasets", s -> Call.get(base + "datasets?publisher=" + s.publisher()));
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    WebTestClient.ResponseSpec send(HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec request = web.method(method).uri(path);
        if (token != null) {
            request.headers(h -> h.setBearerAuth(token));
        }
        return body == null
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    Map<?, ?> ok(HttpMethod method, String path, String token, Object body, int status) {
        return send(method, path, token, body)
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    /** Grants the target membership again (so each caller removes a member), and names them. */
    UUID memberAgain(Setup s) {
        send(
                        HttpMethod.PUT,
                        "/api/v1/catalog/publishers/"
                                + s.publisher()
                                + "/members/"
                                + s.target().id(),
                        s.admin().token(),
                        null)
                .expectStatus()
                .isNoContent();
        return s.target().id();
    }

    /** A fresh portal with the demo dataset, linked for the publisher. */
    Map<String, Object> linkBody(Setup s) {
        Map<?, ?> portal =
                ok(
                        HttpMethod.POST,
                        "/api/v1/catalog/portals",
                        s.admin().token(),
                        Map.of("name", "P", "baseUrl", portals.base(tag(), "ckan"), "kind", "CKAN"),
                        201);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("portalId", portal.get("id"));
        body.put("datasetId", FakePortals.DEMO_ID);
        body.put("publisherId", s.publisher().toString());
        return body;
    }

    record Callers(User citizen, User member, User organizer, User admin, UUID publisher) {}

    Callers callers() {
        User admin = fixtures.admin();
        User citizen = fixtures.user("citizen");
        User member = fixtures.user("publisher-member");
        User organizer = fixtures.user("organizer");
        UUID event = fixtures.event(admin, true);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        UUID publisher =
                UUID.fromString(
                        (String)
                                ok(
                                                HttpMethod.POST,
                                                "/api/v1/catalog/publishers",
                                                admin.token(),
                                                Map.of(
                                                        "name",
                                                        "Ministerio " + tag(),
                                                        "type",
                                                        "MINISTRY"),
                                                201)
                                        .get("id"));
        send(
                        HttpMethod.PUT,
                        "/api/v1/catalog/publishers/" + publisher + "/members/" + member.id(),
                        organizer.token(),
                        null)
                .expectStatus()
                .isNoContent();
        return new Callers(citizen, member, organizer, admin, publisher);
    }

    /** The callers, a publisher with a member, a user to grant, and a linked dataset. */
    private Setup setup() {
        Callers who = callers();
        User target = fixtures.user("target");
        Setup base = new Setup(who.publisher(), null, target, who.admin(), this, who);
        Map<?, ?> dataset =
                ok(
                        HttpMethod.POST,
                        "/api/v1/catalog/datasets",
                        who.admin().token(),
                        linkBody(base),
                        201);
        return new Setup(
                who.publisher(),
                UUID.fromString((String) dataset.get("id")),
                target,
                who.admin(),
                this,
                who);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callerGetsExpectedStatus(String row) {
        Setup s = MATRIX.scenario(row, "catalog", this::setup);
        MATRIX.verify(
                web,
                row,
                s,
                null,
                s.who().citizen().token(),
                s.who().member().token(),
                s.who().organizer().token(),
                s.who().admin().token());
    }

    @Test
    void linkWhenMemberNamesNoOrAnotherPublisherThenForbiddenAndNothingStored() {
        Callers who = callers();
        UUID other =
                UUID.fromString(
                        (String)
                                ok(
                                                HttpMethod.POST,
                                                "/api/v1/catalog/publishers",
                                                who.admin().token(),
                                                Map.of("name", "Otra " + tag(), "type", "OTHER"),
                                                201)
                                        .get("id"));
        Setup s = new Setup(who.publisher(), null, who.member(), who.admin(), this, who);
        Map<String, Object> none = linkBody(s);
        none.remove("publisherId");
        Map<String, Object> another = linkBody(s);
        another.put("publisherId", other.toString());

        send(HttpMethod.POST, "/api/v1/catalog/datasets", who.member().token(), none)
                .expectStatus()
                .isForbidden();
        send(HttpMethod.POST, "/api/v1/catalog/datasets", who.member().token(), another)
                .expectStatus()
                .isForbidden();

        assertThat(
                        count(
                                "select count(*) from catalog_datasets where portal_id in ($1, $2)",
                                UUID.fromString((String) none.get("portalId")),
                                UUID.fromString((String) another.get("portalId"))))
                .isZero();
    }

    @Test
    void grantWhenUnknownUserOrPublisherThenProblems() {
        Callers who = callers();
        assertThat(
                        ok(
                                        HttpMethod.PUT,
                                        "/api/v1/catalog/publishers/"
                                                + who.publisher()
                                                + "/members/"
                                                + UUID.randomUUID(),
                                        who.admin().token(),
                                        null,
                                        422)
                                .get("type"))
                .isEqualTo("https://minka.dev/problems/unknown-user");
        send(
                        HttpMethod.PUT,
                        "/api/v1/catalog/publishers/"
                                + UUID.randomUUID()
                                + "/members/"
                                + who.member().id(),
                        who.admin().token(),
                        null)
                .expectStatus()
                .isNotFound();
        send(
                        HttpMethod.PUT,
                        "/api/v1/catalog/publishers/nope/members/" + who.member().id(),
                        who.admin().token(),
                        null)
                .expectStatus()
                .isBadRequest();
        send(
                        HttpMethod.DELETE,
                        "/api/v1/catalog/publishers/"
                                + who.publisher()
                                + "/members/"
                                + UUID.randomUUID(),
                        who.admin().token(),
                        null)
                .expectStatus()
                .isNotFound();
        assertThat(
                        count(
                                "select count(*) from publisher_members where publisher_id = $1",
                                who.publisher()))
                .isEqualTo(1);
    }

    @Test
    void listMembersWhenGrantedAndRevokedThenListedOldestFirstAndAudited() {
        Callers who = callers();
        User second = fixtures.user("second-member");
        String members = "/api/v1/catalog/publishers/" + who.publisher() + "/members";
        send(HttpMethod.PUT, members + "/" + second.id(), who.admin().token(), null)
                .expectStatus()
                .isNoContent();
        send(HttpMethod.PUT, members + "/" + second.id(), who.admin().token(), null)
                .expectStatus()
                .isNoContent();

        List<?> listed =
                send(HttpMethod.GET, members, who.member().token(), null)
                        .expectStatus()
                        .isOk()
                        .expectBody(List.class)
                        .returnResult()
                        .getResponseBody();

        assertThat(listed).hasSize(2);
        Map<?, ?> first = (Map<?, ?>) listed.get(0);
        assertThat(first.get("userId")).isEqualTo(who.member().id().toString());
        assertThat(first.get("grantedBy")).isEqualTo(who.organizer().id().toString());
        assertThat(first.get("grantedAt")).isNotNull();
        assertThat(((Map<?, ?>) listed.get(1)).get("userId")).isEqualTo(second.id().toString());

        send(HttpMethod.DELETE, members + "/" + second.id(), who.organizer().token(), null)
                .expectStatus()
                .isNoContent();
        List<?> after =
                send(HttpMethod.GET, members, who.organizer().token(), null)
                        .expectStatus()
                        .isOk()
                        .expectBody(List.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(after).hasSize(1);
        assertThat(
                        count(
                                "select count(*) from audit_log where action = 'publisher.member.granted'"
                                        + " and details->>'publisherId' = $1",
                                who.publisher().toString()))
                .isEqualTo(2);
        assertThat(
                        count(
                                "select count(*) from audit_log where action = 'publisher.member.revoked'"
                                        + " and details->>'publisherId' = $1 and actor_id = $2",
                                who.publisher().toString(),
                                who.organizer().id()))
                .isEqualTo(1);
    }

    @Test
    void listMembersWhenUnknownPublisherOrBadIdOrMemberOfAnotherThenProblems() {
        Callers who = callers();
        User otherMember = fixtures.user("other-member");
        UUID other =
                UUID.fromString(
                        (String)
                                ok(
                                                HttpMethod.POST,
                                                "/api/v1/catalog/publishers",
                                                who.admin().token(),
                                                Map.of("name", "Otra " + tag(), "type", "OTHER"),
                                                201)
                                        .get("id"));
        send(
                        HttpMethod.PUT,
                        "/api/v1/catalog/publishers/" + other + "/members/" + otherMember.id(),
                        who.admin().token(),
                        null)
                .expectStatus()
                .isNoContent();

        assertThat(
                        ok(
                                        HttpMethod.GET,
                                        "/api/v1/catalog/publishers/"
                                                + who.publisher()
                                                + "/members",
                                        otherMember.token(),
                                        null,
                                        403)
                                .get("type"))
                .isEqualTo("https://minka.dev/problems/forbidden");
        assertThat(
                        ok(
                                        HttpMethod.GET,
                                        "/api/v1/catalog/publishers/"
                                                + UUID.randomUUID()
                                                + "/members",
                                        who.admin().token(),
                                        null,
                                        404)
                                .get("type"))
                .isEqualTo("https://minka.dev/problems/not-found");
        send(HttpMethod.GET, "/api/v1/catalog/publishers/nope/members", who.admin().token(), null)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
