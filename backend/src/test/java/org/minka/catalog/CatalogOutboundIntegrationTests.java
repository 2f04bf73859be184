package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The address guard through the API: a portal or dataset at a refused address is a
 * portal-address-refused problem and stores nothing; localhost works because the test configuration
 * allows loopback ({@code minka.catalog.outbound.allow}).
 */
class CatalogOutboundIntegrationTests extends IntegrationTest {

    private static final String REFUSED = "https://minka.dev/problems/portal-address-refused";

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

    WebTestClient.ResponseSpec post(User user, String path, Map<String, Object> body) {
        return web.post()
                .uri(path)
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    static Map<String, Object> portalBody(String base, String kind, Boolean detect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Portal " + base);
        body.put("baseUrl", base);
        if (kind != null) {
            body.put("kind", kind);
        }
        if (detect != null) {
            body.put("detect", detect);
        }
        return body;
    }

    void expectRefused(WebTestClient.ResponseSpec response) {
        response.expectStatus()
                .isEqualTo(422)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo(REFUSED)
                .jsonPath("$.requestId")
                .exists();
    }

    long portalsAt(String base) {
        return count("select count(*) from portal_sources where base_url = $1", base);
    }

    @Test
    void registerPortalWhenBaseUrlIsMetadataOrPrivateAddressThenRefusedAndNothingStored() {
        User admin = fixtures.admin();
        String metadata = "http://169.254.169.254";
        String lan = "http://10.0.0.7/portal-" + tag();

        expectRefused(post(admin, "/api/v1/catalog/portals", portalBody(metadata, "CKAN", null)));
        expectRefused(post(admin, "/api/v1/catalog/portals", portalBody(lan, null, true)));

        assertThat(portalsAt(metadata)).isZero();
        assertThat(portalsAt(lan)).isZero();
    }

    @Test
    void registerAndLinkWhenLocalhostAllowedByConfigThenServed() {
        User admin = fixtures.admin();
        String base = portals.base(tag(), "ckan");

        post(admin, "/api/v1/catalog/portals", portalBody(base, null, true))
                .expectStatus()
                .isEqualTo(201)
                .expectBody()
                .jsonPath("$.kind")
                .isEqualTo("CKAN");
        post(
                        admin,
                        "/api/v1/catalog/datasets",
                        Map.of("url", base + "/dataset/" + FakePortals.DEMO_SLUG))
                .expectStatus()
                .isEqualTo(201);
    }

    @Test
    void linkWhenPortalStoredAtRefusedAddressThenRefusedAndNothingStored() {
        User admin = fixtures.admin();
        String allowed = portals.base(tag(), "ckan");
        post(admin, "/api/v1/catalog/portals", portalBody(allowed, "CKAN", null))
                .expectStatus()
                .isEqualTo(201);
        String lan = "http://192.168.77.1/p-" + tag();
        UUID portal =
                db.sql(
                                "insert into portal_sources (name, base_url, kind, created_by)"
                                        + " select 'Old', :url, 'CKAN', created_by from portal_sources"
                                        + " where base_url = :allowed returning id")
                        .bind("url", lan)
                        .bind("allowed", allowed)
                        .map((row, meta) -> row.get("id", UUID.class))
                        .one()
                        .block();

        expectRefused(
                post(
                        admin,
                        "/api/v1/catalog/datasets",
                        Map.of("portalId", portal.toString(), "datasetId", FakePortals.DEMO_ID)));

        assertThat(count("select count(*) from catalog_datasets where portal_id = $1", portal))
                .isZero();
    }
}
