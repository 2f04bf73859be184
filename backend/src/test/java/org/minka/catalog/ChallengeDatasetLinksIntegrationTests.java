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
import org.springframework.http.MediaType;

/**
 * A challenge's dataset entries linked to catalog datasets keep their links through every edit of
 * the challenge, and new entries naming a linked dataset are linked at once (not at the next
 * refresh).
 */
class ChallengeDatasetLinksIntegrationTests extends IntegrationTest {

    static FakePortals portals;

    @BeforeAll
    static void startPortals() {
        portals = new FakePortals(2_000);
    }

    @AfterAll
    static void stopPortals() {
        portals.close();
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    Map<?, ?> send(String method, User user, String path, Object body, int status) {
        var spec =
                web.method(org.springframework.http.HttpMethod.valueOf(method))
                        .uri(path)
                        .headers(h -> h.setBearerAuth(user.token()));
        return (body == null
                        ? spec.exchange()
                        : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange())
                .expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    UUID portal(User admin, String base, String kind) {
        return UUID.fromString(
                (String)
                        send(
                                        "POST",
                                        admin,
                                        "/api/v1/catalog/portals",
                                        Map.of(
                                                "name",
                                                "Portal " + base,
                                                "baseUrl",
                                                base,
                                                "kind",
                                                kind),
                                        201)
                                .get("id"));
    }

    UUID link(User admin, UUID portal, String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("portalId", portal.toString());
        body.put("datasetId", id);
        return UUID.fromString(
                (String) send("POST", admin, "/api/v1/catalog/datasets", body, 201).get("id"));
    }

    UUID challenge(User admin, UUID event, List<Map<String, Object>> datasets) {
        Map<String, Object> body = Fixtures.challengeBody("Reto " + tag());
        body.put("datasets", datasets);
        return UUID.fromString(
                (String)
                        send("POST", admin, "/api/v1/events/" + event + "/challenges", body, 201)
                                .get("id"));
    }

    static Map<String, Object> entry(String title, String url, String portalId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("title", title);
        e.put("landingUrl", url);
        if (portalId != null) {
            e.put("portalId", portalId);
        }
        return e;
    }

    long linkedEntries(UUID challenge, UUID dataset) {
        return count(
                "select count(*) from challenge_datasets where challenge_id = $1 and dataset_id = $2",
                challenge,
                dataset);
    }

    long challengesUsing(UUID dataset) {
        Map<?, ?> read =
                web.get()
                        .uri("/api/v1/catalog/datasets/" + dataset)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return ((Number) ((Map<?, ?>) read.get("usage")).get("challenges")).longValue();
    }

    @Test
    void editChallengeWhenDatasetsRewrittenOrOtherFieldsChangedThenLinksKept() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "ckan");
        UUID portal = portal(admin, base, "CKAN");
        UUID event = fixtures.event(admin, true);
        Map<String, Object> demo =
                entry("Regione Asia", base + "/dataset/" + FakePortals.DEMO_SLUG, null);
        UUID challenge = challenge(admin, event, List.of(demo));
        UUID dataset = link(admin, portal, FakePortals.DEMO_ID);
        assertThat(linkedEntries(challenge, dataset)).isEqualTo(1);

        String path = "/api/v1/events/" + event + "/challenges/" + challenge;
        Map<String, Object> renamed =
                entry("Regione Asia (renombrado)", (String) demo.get("landingUrl") + "/", null);
        send(
                "PATCH",
                admin,
                path,
                Map.of(
                        "datasets",
                        List.of(
                                entry("Padrón", "https://datos.example.org/padron", null),
                                renamed)),
                200);
        assertThat(linkedEntries(challenge, dataset)).isEqualTo(1);

        send("PATCH", admin, path, Map.of("title", "Otro título", "themes", List.of("salud")), 200);
        Map<?, ?> read = send("GET", admin, path, null, 200);

        assertThat(linkedEntries(challenge, dataset)).isEqualTo(1);
        assertThat(challengesUsing(dataset)).isEqualTo(1);
        List<?> entries = (List<?>) read.get("datasets");
        assertThat(((Map<?, ?>) entries.get(0)).get("datasetId")).isNull();
        assertThat(((Map<?, ?>) entries.get(1)).get("datasetId")).isEqualTo(dataset.toString());
        assertThat(((Map<?, ?>) entries.get(1)).get("title"))
                .isEqualTo("Regione Asia (renombrado)");
    }

    @Test
    void editChallengeWhenEntryNamesDatasetByPercentEncodedSlugThenLinkKept() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "mutable");
        UUID portal = portal(admin, base, "DKAN");
        portals.setMutable(
                CatalogIntegrationTests.mutable("Vacunación", "https://x.gob.pe/v.csv")
                        .replace("\"name\":\"m\"", "\"name\":\"vacunación-covid\""));
        UUID event = fixtures.event(admin, true);
        Map<String, Object> encoded =
                entry("Vacunación", base + "/dataset/vacunaci%C3%B3n-covid", null);
        UUID challenge = challenge(admin, event, List.of(encoded));
        UUID dataset = link(admin, portal, "vacunación-covid");
        assertThat(linkedEntries(challenge, dataset)).isEqualTo(1);

        send(
                "PATCH",
                admin,
                "/api/v1/events/" + event + "/challenges/" + challenge,
                Map.of("datasets", List.of(encoded)),
                200);

        assertThat(linkedEntries(challenge, dataset)).isEqualTo(1);
        assertThat(challengesUsing(dataset)).isEqualTo(1);
    }

    @Test
    void createOrEditChallengeWhenEntryNamesAlreadyLinkedDatasetThenLinkedAtOnce() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "ckan");
        UUID portal = portal(admin, base, "CKAN");
        UUID event = fixtures.event(admin, true);
        UUID dataset = link(admin, portal, FakePortals.DEMO_ID);

        UUID created =
                challenge(
                        admin,
                        event,
                        List.of(entry("Asia", base + "/dataset/" + FakePortals.DEMO_SLUG, null)));
        UUID edited =
                challenge(
                        admin, event, List.of(entry("Libre", "https://datos.example.org/x", null)));
        send(
                "PATCH",
                admin,
                "/api/v1/events/" + event + "/challenges/" + edited,
                Map.of(
                        "datasets",
                        List.of(entry("Asia", base + "/dataset/" + FakePortals.DEMO_ID, null))),
                200);

        assertThat(linkedEntries(created, dataset)).isEqualTo(1);
        assertThat(linkedEntries(edited, dataset)).isEqualTo(1);
        assertThat(challengesUsing(dataset)).isEqualTo(2);
    }
}
