package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Linking datasets from local fake portals through the API: the snapshot, raw record and score are
 * stored; every portal failure is a clear problem and stores nothing; browsing, publisher figures,
 * challenge usage, and refresh with history.
 */
class CatalogIntegrationTests extends IntegrationTest {

    static FakePortals portals;

    @Autowired CatalogRefresh catalog;

    @BeforeAll
    static void startPortals() {
        portals = new FakePortals(5_000);
    }

    @AfterAll
    static void stopPortals() {
        portals.close();
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Map<?, ?> post(User user, String path, Object body, int status) {
        return web.post()
                .uri(path)
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    Map<?, ?> get(String path) {
        return web.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    UUID portal(User admin, String base, String kind) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Portal " + base);
        body.put("baseUrl", base);
        body.put("kind", kind);
        return UUID.fromString(
                (String) post(admin, "/api/v1/catalog/portals", body, 201).get("id"));
    }

    UUID publisher(User admin, String name, String org) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "MINISTRY");
        body.put("region", "Lima");
        if (org != null) {
            body.put("portalOrgId", org);
        }
        return UUID.fromString(
                (String) post(admin, "/api/v1/catalog/publishers", body, 201).get("id"));
    }

    Map<?, ?> link(User user, Map<String, Object> body, int status) {
        return post(user, "/api/v1/catalog/datasets", body, status);
    }

    static Map<String, Object> byUrl(String url) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        return body;
    }

    static Map<String, Object> byId(UUID portal, String id, UUID publisher) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("portalId", portal.toString());
        body.put("datasetId", id);
        if (publisher != null) {
            body.put("publisherId", publisher.toString());
        }
        return body;
    }

    long datasetsOf(UUID portal) {
        return count("select count(*) from catalog_datasets where portal_id = $1", portal);
    }

    long snapshotsOf(UUID portal) {
        return count(
                "select count(*) from catalog_dataset_snapshots s join catalog_datasets d on d.id = s.dataset_id"
                        + " where d.portal_id = $1",
                portal);
    }

    @Test
    void linkWhenCkanDatasetUrlThenSnapshotRawAndScoreStored() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "ckan");
        UUID portal = portal(admin, base, "CKAN");

        Map<?, ?> dataset = link(admin, byUrl(base + "/dataset/" + FakePortals.DEMO_SLUG), 201);

        Map<?, ?> quality = (Map<?, ?>) dataset.get("quality");
        // the documented 300 once its URL is checked: until then 80 reachability points pend
        assertThat(quality.get("total")).isEqualTo(220);
        assertThat(quality.get("pointsPending")).isEqualTo(80);
        assertThat(quality.get("max")).isEqualTo(405);
        assertThat(quality.get("rating")).isEqualTo("SUFFICIENT");
        assertThat(quality.get("stars")).isEqualTo(3);
        assertThat(quality.get("urlsNotChecked")).isEqualTo(1);
        Map<?, ?> snapshot = (Map<?, ?>) dataset.get("snapshot");
        assertThat(snapshot.get("publisherName")).isEqualTo("SDB");
        assertThat(snapshot.get("licenseId")).isEqualTo("cc-by");
        assertThat(dataset.get("portalDatasetId")).isEqualTo(FakePortals.DEMO_ID);
        assertThat(datasetsOf(portal)).isEqualTo(1);
        assertThat(snapshotsOf(portal)).isEqualTo(1);
        Map<?, ?> raw = get("/api/v1/catalog/datasets/" + dataset.get("id") + "/raw");
        assertThat(raw.get("num_tags")).isEqualTo(3);
        assertThat(raw.get("organization")).isInstanceOf(Map.class);
        Map<?, ?> read = get("/api/v1/catalog/datasets/" + dataset.get("id"));
        assertThat(((Map<?, ?>) read.get("quality")).get("total")).isEqualTo(220);
        String etag =
                web.get()
                        .uri("/api/v1/catalog/datasets/" + dataset.get("id"))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getETag();
        assertThat(etag).isNotBlank();
        web.get()
                .uri("/api/v1/catalog/datasets/" + dataset.get("id"))
                .header("If-None-Match", etag)
                .exchange()
                .expectStatus()
                .isNotModified();
    }

    @Test
    void linkWhenDkanIdThenArrayUnwrappedAndPublisherMatchedByGroup() {
        User admin = fixtures.admin();
        UUID publisher = publisher(admin, "Stadtwerke Bonn " + tag(), "stadtwerke-bonn");
        UUID portal = portal(admin, portals.base(tag(), "dkan"), "DKAN");

        Map<?, ?> dataset = link(admin, byId(portal, FakePortals.BONN_SLUG, null), 201);

        assertThat(dataset.get("publisherId")).isEqualTo(publisher.toString());
        Map<?, ?> quality = (Map<?, ?>) dataset.get("quality");
        assertThat((Integer) quality.get("total") + (Integer) quality.get("pointsPending"))
                .isEqualTo(260);
        assertThat(((Map<?, ?>) dataset.get("snapshot")).get("accessRights"))
                .isEqualTo("Veröffentlicht");
    }

    @Test
    void linkWhenDcatUsIdentifierThenEntryOfDataJson() {
        User admin = fixtures.admin();
        UUID portal = portal(admin, portals.base(tag(), "dcat"), "DCAT_US");

        Map<?, ?> dataset = link(admin, byId(portal, FakePortals.DCAT_ID, null), 201);

        Map<?, ?> snapshot = (Map<?, ?>) dataset.get("snapshot");
        assertThat(snapshot.get("title")).isEqualTo("U.S. Widget Manufacturing Statistics");
        assertThat((List<?>) snapshot.get("resources")).hasSize(4);
        assertThat(datasetsOf(portal)).isEqualTo(1);
    }

    void expectFailure(String portalKind, String datasetId, int status, String slug) {
        User admin = fixtures.admin();
        UUID portal = portal(admin, portals.base(tag(), portalKind), "CKAN");
        web.post()
                .uri("/api/v1/catalog/datasets")
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(byId(portal, datasetId, null))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/" + slug)
                .jsonPath("$.detail")
                .value(
                        d ->
                                assertThat((String) d)
                                        .contains("localhost")
                                        .contains("Nothing was stored"));
        assertThat(datasetsOf(portal)).isZero();
        assertThat(snapshotsOf(portal)).isZero();
    }

    @Test
    void linkWhenPortalAnswers500ThenPortalUnavailableAndNothingStored() {
        int before = portals.hits("down");
        expectFailure("down", "x", 502, "portal-unavailable");
        assertThat(portals.hits("down") - before).isEqualTo(3);
    }

    @Test
    void linkWhenPortalHangsPastTimeoutThenPortalTimeoutAndNothingStored() {
        expectFailure("hang", "x", 504, "portal-timeout");
    }

    @Test
    void linkWhenPortalSends50MbThenResponseTooLargeAndNothingStored() {
        expectFailure("huge", "x", 502, "portal-response-too-large");
    }

    @Test
    void linkWhenPortalSendsInvalidJsonThenInvalidResponseAndNothingStored() {
        expectFailure("broken", "x", 502, "portal-invalid-response");
    }

    @Test
    void linkWhenFirewallAnswers418ThenPortalRejectedAndNothingStored() {
        expectFailure("teapot", "x", 502, "portal-rejected");
    }

    @Test
    void linkWhenFirewallWantsBrowserUserAgentThenMinkaPasses() {
        User admin = fixtures.admin();
        UUID portal = portal(admin, portals.base(tag(), "waf"), "DKAN");

        link(admin, byId(portal, FakePortals.DEMO_ID, null), 201);

        assertThat(portals.lastUserAgent("waf")).startsWith("Mozilla/5.0");
    }

    @Test
    void linkWhenPortalHasNoSuchDatasetThen422AndNothingStored() {
        User admin = fixtures.admin();
        UUID portal = portal(admin, portals.base(tag(), "ckan"), "CKAN");

        Map<?, ?> problem = link(admin, byId(portal, "no-such-dataset", null), 422);

        assertThat(problem.get("type"))
                .isEqualTo("https://minka.dev/problems/portal-dataset-not-found");
        assertThat((String) problem.get("detail")).contains("no-such-dataset");
        assertThat(datasetsOf(portal)).isZero();
    }

    @Test
    void linkWhenAlreadyLinkedBySlugOrIdThen409AndOneRow() {
        User admin = fixtures.admin();
        UUID portal = portal(admin, portals.base(tag(), "ckan"), "CKAN");
        link(admin, byId(portal, FakePortals.DEMO_SLUG, null), 201);

        Map<?, ?> problem = link(admin, byId(portal, FakePortals.DEMO_ID, null), 409);

        assertThat(problem.get("type"))
                .isEqualTo("https://minka.dev/problems/dataset-already-linked");
        assertThat(datasetsOf(portal)).isEqualTo(1);
        assertThat(snapshotsOf(portal)).isEqualTo(1);
    }

    @Test
    void linkWhenBadInputThenProblems() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "ckan");
        UUID portal = portal(admin, base, "CKAN");

        assertThat(link(admin, Map.of(), 400).get("type"))
                .isEqualTo("https://minka.dev/problems/validation-failed");
        assertThat(link(admin, Map.of("datasetId", "x"), 400).toString()).contains("portalId");
        assertThat(link(admin, byUrl("ftp://example.org/dataset/x"), 400).toString())
                .contains("url");
        assertThat(link(admin, byUrl(base + "/group/salud"), 400).toString()).contains("url");
        assertThat(
                        link(admin, byUrl("https://unregistered.example.org/dataset/x"), 422)
                                .get("type"))
                .isEqualTo("https://minka.dev/problems/unknown-portal");
        assertThat(link(admin, byId(UUID.randomUUID(), "x", null), 422).get("type"))
                .isEqualTo("https://minka.dev/problems/unknown-portal");
        assertThat(link(admin, byId(portal, "x", UUID.randomUUID()), 422).get("type"))
                .isEqualTo("https://minka.dev/problems/unknown-publisher");
        web.post()
                .uri("/api/v1/catalog/datasets")
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"portalId\": \"not-a-uuid\"}")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(datasetsOf(portal)).isZero();
    }

    @Test
    void registerPortalWhenDetectThenKindFound() {
        User admin = fixtures.admin();
        for (String[] pk :
                new String[][] {{"ckan", "CKAN"}, {"dkan", "DKAN"}, {"dcat", "DCAT_US"}}) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", "Detected " + pk[0]);
            body.put("baseUrl", portals.base(tag(), pk[0]) + "/");
            body.put("detect", true);
            Map<?, ?> created = post(admin, "/api/v1/catalog/portals", body, 201);
            assertThat(created.get("kind")).isEqualTo(pk[1]);
            assertThat((String) created.get("baseUrl")).doesNotEndWith("/");
        }
    }

    @Test
    void registerPortalWhenBadInputOrDuplicateThenProblems() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "ckan");
        Map<String, Object> noKind = new LinkedHashMap<>(Map.of("name", "x", "baseUrl", base));
        assertThat(post(admin, "/api/v1/catalog/portals", noKind, 400).toString()).contains("kind");
        Map<String, Object> badUrl =
                new LinkedHashMap<>(Map.of("name", "x", "baseUrl", "not a url", "kind", "CKAN"));
        assertThat(post(admin, "/api/v1/catalog/portals", badUrl, 400).toString())
                .contains("baseUrl");
        Map<String, Object> undetectable =
                new LinkedHashMap<>(
                        Map.of(
                                "name",
                                "x",
                                "baseUrl",
                                portals.base(tag(), "broken"),
                                "detect",
                                true));
        assertThat(post(admin, "/api/v1/catalog/portals", undetectable, 422).get("type"))
                .isEqualTo("https://minka.dev/problems/portal-undetectable");
        portal(admin, base, "CKAN");
        Map<String, Object> again =
                new LinkedHashMap<>(Map.of("name", "y", "baseUrl", base + "/", "kind", "DKAN"));
        assertThat(post(admin, "/api/v1/catalog/portals", again, 409).get("type"))
                .isEqualTo("https://minka.dev/problems/portal-exists");
        assertThat(count("select count(*) from portal_sources where base_url = $1", base))
                .isEqualTo(1);
    }

    @Test
    void createPublisherWhenBadInputOrDuplicateThenProblems() {
        User admin = fixtures.admin();
        String name = "Gobierno Regional " + tag();
        publisher(admin, name, null);
        Map<String, Object> dup =
                new LinkedHashMap<>(Map.of("name", name.toUpperCase(), "type", "OTHER"));
        assertThat(post(admin, "/api/v1/catalog/publishers", dup, 409).get("type"))
                .isEqualTo("https://minka.dev/problems/publisher-exists");
        Map<String, Object> badType =
                new LinkedHashMap<>(Map.of("name", "x" + tag(), "type", "CITY"));
        post(admin, "/api/v1/catalog/publishers", badType, 400);
        Map<String, Object> blank = new LinkedHashMap<>(Map.of("name", "  ", "type", "OTHER"));
        assertThat(post(admin, "/api/v1/catalog/publishers", blank, 400).toString())
                .contains("name");
    }

    @Test
    void browseWhenFiltersThenMatchingDatasetsPagedAndPublisherFigures() {
        User admin = fixtures.admin();
        UUID publisher = publisher(admin, "Municipalidad " + tag(), null);
        String t = tag();
        link(
                admin,
                byId(
                        portal(admin, portals.base(t, "ckan"), "CKAN"),
                        FakePortals.DEMO_ID,
                        publisher),
                201);
        link(
                admin,
                byId(
                        portal(admin, portals.base(t, "dkan"), "DKAN"),
                        FakePortals.BONN_ID,
                        publisher),
                201);
        link(
                admin,
                byId(
                        portal(admin, portals.base(t, "legacy"), "CKAN"),
                        FakePortals.LEGACY_ID,
                        publisher),
                201);
        String q = "/api/v1/catalog/datasets?publisher=" + publisher;

        assertThat(titles(q)).hasSize(3);
        assertThat(titles(q + "&format=csv"))
                .containsExactly("2016 Regione Asia Est Oceania * Classi di età");
        assertThat(titles(q + "&license=CC-BY")).hasSize(2);
        // URLs not checked yet: 220, 210 and 155 points, the reachability points pending
        assertThat(titles(q + "&minScore=200")).hasSize(2);
        assertThat(titles(q + "&minScore=221")).isEmpty();
        assertThat(titles(q + "&theme=stadtwerke bonn"))
                .containsExactly("Stellenangebote der Stadtwerke Bonn");
        Map<?, ?> first = get(q + "&limit=2");
        assertThat((List<?>) first.get("items")).hasSize(2);
        assertThat(first.get("nextCursor")).isNotNull();
        Map<?, ?> second = get(q + "&limit=2&cursor=" + first.get("nextCursor"));
        assertThat((List<?>) second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor")).isNull();

        Map<?, ?> stats = (Map<?, ?>) get("/api/v1/catalog/publishers/" + publisher).get("stats");
        assertThat(stats.get("datasets")).isEqualTo(3);
        assertThat(((Number) stats.get("averageScore")).doubleValue()).isEqualTo(195.0);
        assertThat(stats.get("good")).isEqualTo(0);
        assertThat(stats.get("sufficient")).isEqualTo(3);
        assertThat(stats.get("excellent")).isEqualTo(0);
    }

    @Test
    void browseWhenBadFiltersThenProblems() {
        web.get()
                .uri("/api/v1/catalog/datasets?minScore=406")
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.get()
                .uri("/api/v1/catalog/datasets?minScore=-1")
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.get().uri("/api/v1/catalog/datasets?limit=0").exchange().expectStatus().isBadRequest();
        web.get()
                .uri("/api/v1/catalog/datasets?cursor=garbage")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/invalid-cursor");
        web.get()
                .uri("/api/v1/catalog/datasets?publisher=nope")
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.get().uri("/api/v1/catalog/datasets/nope").exchange().expectStatus().isBadRequest();
        web.get()
                .uri("/api/v1/catalog/datasets/" + UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/v1/catalog/publishers/" + UUID.randomUUID())
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    List<String> titles(String uri) {
        return ((List<?>) get(uri).get("items"))
                .stream().map(i -> (String) ((Map<?, ?>) i).get("title")).toList();
    }

    @Test
    void linkWhenChallengeNamesDatasetThenEntryLinkedWithoutLossAndCounted() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "ckan");
        UUID portal = portal(admin, base, "CKAN");
        UUID event = fixtures.event(admin, true);
        Map<String, Object> challenge = Fixtures.challengeBody("Demografía");
        challenge.put(
                "datasets",
                List.of(
                        Map.of(
                                "title",
                                "Regione Asia (entrada libre)",
                                "landingUrl",
                                base + "/dataset/" + FakePortals.DEMO_SLUG + "/",
                                "portalId",
                                FakePortals.DEMO_SLUG)));
        UUID challengeId =
                UUID.fromString(
                        (String)
                                post(
                                                admin,
                                                "/api/v1/events/" + event + "/challenges",
                                                challenge,
                                                201)
                                        .get("id"));

        Map<?, ?> dataset = link(admin, byId(portal, FakePortals.DEMO_ID, null), 201);

        assertThat(((Map<?, ?>) dataset.get("usage")).get("challenges")).isEqualTo(1);
        Map<?, ?> read = get("/api/v1/events/" + event + "/challenges/" + challengeId);
        Map<?, ?> entry = (Map<?, ?>) ((List<?>) read.get("datasets")).get(0);
        assertThat(entry.get("title")).isEqualTo("Regione Asia (entrada libre)");
        assertThat(entry.get("portalId")).isEqualTo(FakePortals.DEMO_SLUG);
        assertThat(
                        count(
                                "select count(*) from challenge_datasets where challenge_id = $1 and dataset_id = $2",
                                challengeId,
                                UUID.fromString((String) dataset.get("id"))))
                .isEqualTo(1);
    }

    @Test
    void linkWhenPublisherGivenButPortalNamesAnotherThen422AndNothingStored() {
        User admin = fixtures.admin();
        UUID minsa = publisher(admin, "Ministerio de Salud " + tag(), "minsa-" + tag());
        UUID sdb = publisher(admin, "SDB " + tag(), "SDB");
        UUID portal = portal(admin, portals.base(tag(), "ckan"), "CKAN");

        Map<?, ?> problem = link(admin, byId(portal, FakePortals.DEMO_ID, minsa), 422);

        assertThat(problem.get("type"))
                .isEqualTo("https://minka.dev/problems/dataset-publisher-mismatch");
        assertThat((String) problem.get("detail")).contains("SDB").contains("Ministerio de Salud");
        assertThat(datasetsOf(portal)).isZero();
        assertThat(link(admin, byId(portal, FakePortals.DEMO_ID, sdb), 201).get("publisherId"))
                .isEqualTo(sdb.toString());
    }

    @Test
    void linkWhenChallengeEntryHasPercentEncodedSlugThenLinked() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "mutable");
        UUID portal = portal(admin, base, "DKAN");
        portals.setMutable(
                mutable("Vacunación", "https://x.gob.pe/v.csv")
                        .replace("\"name\":\"m\"", "\"name\":\"vacunación-covid\""));
        UUID event = fixtures.event(admin, true);
        Map<String, Object> challenge = Fixtures.challengeBody("Vacunas");
        challenge.put(
                "datasets",
                List.of(
                        Map.of(
                                "title",
                                "Vacunación (entrada libre)",
                                "landingUrl",
                                base + "/dataset/vacunaci%C3%B3n-covid")));
        UUID challengeId =
                UUID.fromString(
                        (String)
                                post(
                                                admin,
                                                "/api/v1/events/" + event + "/challenges",
                                                challenge,
                                                201)
                                        .get("id"));

        Map<?, ?> dataset = link(admin, byId(portal, "vacunación-covid", null), 201);

        assertThat(((Map<?, ?>) dataset.get("usage")).get("challenges")).isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from challenge_datasets where challenge_id = $1 and dataset_id is not null",
                                challengeId))
                .isEqualTo(1);
    }

    static String mutable(String title, String... urls) {
        StringBuilder resources = new StringBuilder();
        for (String url : urls) {
            if (resources.length() > 0) {
                resources.append(',');
            }
            resources
                    .append("{\"name\":\"r\",\"format\":\"CSV\",\"url\":\"")
                    .append(url)
                    .append("\"}");
        }
        return "{\"success\":true,\"result\":[{\"id\":\"m-1\",\"name\":\"m\",\"title\":\""
                + title
                + "\",\"notes\":\"<p>Datos <b>abiertos</b> &amp; <a href='x'>enlaces</a></p><script>alert(1)</script>\",\"license_title\":\"cc-by\",\"tags\":[{\"name\":\"x\"}],"
                + "\"groups\":[{\"title\":\"Municipalidad de Lima\",\"name\":\"group/mml\"}],"
                + "\"resources\":["
                + resources
                + "]}]}";
    }

    @Test
    void refreshWhenChangedThenNewSnapshotWithChangesAndWhenDownThenLastGoodKept() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "mutable");
        UUID portal = portal(admin, base, "DKAN");
        portals.setMutable(mutable("Antes", "https://x.gob.pe/a.csv"));
        String id = (String) link(admin, byId(portal, "m", null), 201).get("id");

        portals.setMutable(mutable("Después", "https://x.gob.pe/a.csv", "https://x.gob.pe/b.csv"));
        CatalogRefresh.RefreshRun run =
                catalog.refreshDue(10_000, "test-" + tag(), java.time.Duration.ofMinutes(5))
                        .block();

        assertThat(run.ran()).isTrue();
        Map<?, ?> after = get("/api/v1/catalog/datasets/" + id);
        assertThat(((Map<?, ?>) after.get("snapshot")).get("title")).isEqualTo("Después");
        assertThat(((Map<?, ?>) after.get("snapshot")).get("description"))
                .isEqualTo("Datos abiertos & enlaces");
        List<?> history =
                web.get()
                        .uri("/api/v1/catalog/datasets/" + id + "/history")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(List.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(history).hasSize(2);
        List<?> changes = (List<?>) ((Map<?, ?>) history.get(0)).get("changes");
        assertThat(changes.toString())
                .contains("FIELD_CHANGED", "title", "Antes", "Después")
                .contains("RESOURCE_ADDED", "https://x.gob.pe/b.csv");

        portals.setMutable(null);
        catalog.refreshDue(10_000, "test-" + tag(), java.time.Duration.ofMinutes(5)).block();

        Map<?, ?> kept = get("/api/v1/catalog/datasets/" + id);
        assertThat(((Map<?, ?>) kept.get("snapshot")).get("title")).isEqualTo("Después");
        assertThat((String) kept.get("lastError")).contains("portal-unavailable");
        assertThat(kept.get("lastErrorAt")).isNotNull();
        assertThat(
                        count(
                                "select count(*) from catalog_dataset_snapshots where dataset_id = $1",
                                UUID.fromString(id)))
                .isEqualTo(2);
    }

    @Test
    void reachabilityWhenCheckedThenNotCheckedBecomesPassedOrFailedAndScoreFollows() {
        User admin = fixtures.admin();
        String files = portals.base("files");
        UUID portal = portal(admin, portals.base(tag(), "mutable"), "DKAN");
        portals.setMutable(mutable("Con archivos", files + "/ok.csv", files + "/gone.csv"));
        Map<?, ?> linked = link(admin, byId(portal, "m", null), 201);
        String id = (String) linked.get("id");
        Map<?, ?> before = (Map<?, ?>) linked.get("quality");
        assertThat(before.get("urlsNotChecked")).isEqualTo(2);

        CatalogRefresh.ReachabilityRun run =
                catalog.checkReachabilityOf(UUID.fromString(id)).block();

        assertThat(run.urls()).isEqualTo(2);
        assertThat(run.unreachable()).isEqualTo(1);
        Map<?, ?> after = (Map<?, ?>) get("/api/v1/catalog/datasets/" + id).get("quality");
        assertThat(after.get("urlsNotChecked")).isEqualTo(0);
        int pending = (Integer) before.get("pointsPending");
        assertThat(pending).isPositive();
        assertThat(after.get("pointsPending")).isEqualTo(0);
        assertThat(after.get("total")).isEqualTo((Integer) before.get("total") + pending - 40);
        Map<?, ?> access = (Map<?, ?>) ((List<?>) after.get("dimensions")).get(1);
        Map<?, ?> accessUrl = (Map<?, ?>) ((List<?>) access.get("checks")).get(0);
        assertThat(accessUrl.get("status")).isEqualTo("PARTIAL");
        assertThat(accessUrl.get("points")).isEqualTo(25);
        assertThat((String) accessUrl.get("reason")).contains("did not answer");
        assertThat(
                        count(
                                "select count(*) from catalog_datasets where id = $1 and score = $2",
                                UUID.fromString(id),
                                (Integer) after.get("total")))
                .isEqualTo(1);
    }

    @Test
    void refreshWhenAnotherInstanceHoldsTheLeaseThenSkipped() {
        String other = "other-" + tag();
        assertThat(catalog.refreshDue(0, other, java.time.Duration.ofMinutes(5)).block().ran())
                .isTrue();
        db.sql("update catalog_refresh_lease set holder = $1, until = now() + interval '5 minutes'")
                .bind(0, other)
                .then()
                .block();
        try {
            CatalogRefresh.RefreshRun run =
                    catalog.refreshDue(10, "me-" + tag(), java.time.Duration.ofMinutes(5)).block();
            assertThat(run.ran()).isFalse();
        } finally {
            db.sql("update catalog_refresh_lease set holder = null, until = '-infinity'")
                    .then()
                    .block();
        }
    }

    @SuppressWarnings("unused")
    private static WebTestClient.ResponseSpec unused(WebTestClient.ResponseSpec spec) {
        return spec;
    }
}
