package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every catalog endpoint, called in this order by: anonymous, a citizen, a member of the publisher,
 * an organizer of an event, and an admin.
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

    record Call(HttpMethod method, String path, Object body) {}

    record Setup(
            UUID publisher,
            UUID dataset,
            User target,
            User admin,
            CatalogAccessIntegrationTests test) {}

    record Case(String name, Function<Setup, Call> call, int... expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(
                new Case(
                        "POST publishers",
                        s ->
                                new Call(
                                        HttpMethod.POST,
                                        "/api/v1/catalog/publishers",
                                        Map.of("name", "Entidad " + tag(), "type", "OTHER")),
                        401,
                        403,
                        403,
                        403,
                        201));
        cases.add(
                new Case(
                        "GET publishers",
                        s -> new Call(HttpMethod.GET, "/api/v1/catalog/publishers", null),
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "GET publishers/{id}",
                        s ->
                                new Call(
                                        HttpMethod.GET,
                                        "/api/v1/catalog/publishers/" + s.publisher(),
                                        null),
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "GET publishers/{id}/members",
                        s ->
                                new Call(
                                        HttpMethod.GET,
                                        "/api/v1/catalog/publishers/" + s.publisher() + "/members",
                                        null),
                        401,
                        403,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "PUT publishers/{id}/members/{userId}",
                        s ->
                                new Call(
                                        HttpMethod.PUT,
                                        "/api/v1/catalog/publishers/"
                                                + s.publisher()
                                                + "/members/"
                                                + s.target().id(),
                                        null),
                        401,
                        403,
                        403,
                        204,
                        204));
        cases.add(
                new Case(
                        "DELETE publishers/{id}/members/{userId}",
                        s ->
                                new Call(
                                        HttpMethod.DELETE,
                                        "/api/v1/catalog/publishers/"
                                                + s.publisher()
                                                + "/members/"
                                                + s.test().memberAgain(s),
                                        null),
                        401,
                        403,
                        403,
                        204,
                        204));
        cases.add(
                new Case(
                        "POST portals",
                        s ->
                                new Call(
                                        HttpMethod.POST,
                                        "/api/v1/catalog/portals",
                                        Map.of(
                                                "name",
                                                "Portal",
                                                "baseUrl",
                                                portals.base(tag(), "ckan"),
                                                "kind",
                                                "CKAN")),
                        401,
                        403,
                        403,
                        403,
                        201));
        cases.add(
                new Case(
                        "GET portals",
                        s -> new Call(HttpMethod.GET, "/api/v1/catalog/portals", null),
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "POST datasets",
                        s ->
                                new Call(
                                        HttpMethod.POST,
                                        "/api/v1/catalog/datasets",
                                        s.test().linkBody(s)),
                        401,
                        403,
                        201,
                        201,
                        201));
        for (String suffix : new String[] {"", "/raw", "/history"}) {
            cases.add(
                    new Case(
                            "GET datasets/{id}" + suffix,
                            s ->
                                    new Call(
                                            HttpMethod.GET,
                                            "/api/v1/catalog/datasets/" + s.dataset() + suffix,
                                            null),
                            200,
                            200,
                            200,
                            200,
                            200));
        }
        cases.add(
                new Case(
                        "GET datasets",
                        s ->
                                new Call(
                                        HttpMethod.GET,
                                        "/api/v1/catalog/datasets?publisher=" + s.publisher(),
                                        null),
                        200,
                        200,
                        200,
                        200,
                        200));
        return cases.stream().map(Arguments::of);
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void callerGetsExpectedStatus(Case c) {
        Callers who = callers();
        User target = fixtures.user("target");
        Setup base = new Setup(who.publisher(), null, target, who.admin(), this);
        Map<?, ?> dataset =
                ok(
                        HttpMethod.POST,
                        "/api/v1/catalog/datasets",
                        who.admin().token(),
                        linkBody(base),
                        201);
        Setup setup =
                new Setup(
                        who.publisher(),
                        UUID.fromString((String) dataset.get("id")),
                        target,
                        who.admin(),
                        this);
        String[] tokens = {
            null,
            who.citizen().token(),
            who.member().token(),
            who.organizer().token(),
            who.admin().token()
        };
        String[] names = {"anonymous", "citizen", "publisher member", "organizer", "admin"};
        for (int i = 0; i < tokens.length; i++) {
            Call call = c.call().apply(setup);
            var result =
                    send(call.method(), call.path(), tokens[i], call.body())
                            .expectBody(String.class)
                            .returnResult();
            assertThat(result.getStatus().value())
                    .as("%s by %s: %s", c.name(), names[i], result.getResponseBody())
                    .isEqualTo(c.expected()[i]);
            if (result.getStatus().value() >= 400) {
                assertThat(result.getResponseHeaders().getContentType())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
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
        Setup s = new Setup(who.publisher(), null, who.member(), who.admin(), this);
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
