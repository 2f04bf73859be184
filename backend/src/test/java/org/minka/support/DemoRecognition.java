package org.minka.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the recognition demo through the public API, as a client would: three public entities (a
 * ministry, a regional government and a municipality, with regions), each with a dataset linked
 * from a local portal that serves real saved portal records (CKAN, DKAN and a CKAN dcat record), a
 * published campaign over those portals whose window covers the last ten years and closes in 90
 * days, and a previous edition over the same portals that closed yesterday. The background job
 * computes both leaderboards on its next run (the closed edition's is its final ranking). With an
 * official's token, that user becomes a member of the ministry, and so may download a personal
 * certificate of its recognition in the closed edition.
 */
public final class DemoRecognition {

    public static final String CAMPAIGN = "Reconocimiento a las entidades públicas (demo)";

    /** The closed edition, with a final ranking: its officials get recognition certificates. */
    public static final String CLOSED_CAMPAIGN =
            "Reconocimiento a las entidades públicas, edición cerrada (demo)";

    /** The demo official's user name (a dev-issuer client id, like the demo roles). */
    public static final String OFFICIAL = "official";

    /** The saved records a local portal serves: kind, base URL and dataset id. */
    public record Source(String kind, String baseUrl, String datasetId) {}

    /** The saved records of the catalog's fake portals (see {@code catalog/FakePortals}). */
    public static List<Source> sources(String ckanBase, String dkanBase, String legacyBase) {
        return List.of(
                new Source("CKAN", ckanBase, "17be64bb-da74-4195-9bb8-565c39846af2"),
                new Source("DKAN", dkanBase, "42db3b50-1904-4123-98a3-6e71d381362a"),
                new Source("CKAN", legacyBase, "756d6426-d52d-492a-a263-599ad1caa123"));
    }

    private final HttpClient http = Http.client();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String api;
    private final String adminToken;
    private String closedId;

    public DemoRecognition(String api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    /** Loads the demo campaigns unless they are there; returns the open campaign's id. */
    public String load(List<Source> sources) throws Exception {
        return load(sources, null);
    }

    /**
     * Loads the demo campaigns unless they are there, and makes the user of {@code officialToken}
     * (when given) a member of the ministry; returns the open campaign's id.
     */
    public String load(List<Source> sources, String officialToken) throws Exception {
        JsonNode existing = call("GET", "/api/v1/recognition/campaigns?limit=100", null);
        String found = null;
        for (JsonNode campaign : existing.get("items")) {
            String name = campaign.get("name").asString();
            if (CLOSED_CAMPAIGN.equals(name)) {
                closedId = campaign.get("id").asString();
            } else if (CAMPAIGN.equals(name)) {
                found = campaign.get("id").asString();
            }
        }
        if (found != null) {
            return found;
        }
        String suffix = " · " + Long.toString(System.nanoTime() % 100_000, 36);
        List<String[]> entities =
                List.of(
                        new String[] {"Ministerio del Ambiente (demo)", "MINISTRY", "Lima"},
                        new String[] {
                            "Gobierno Regional del Cusco (demo)", "REGIONAL_GOVERNMENT", "Cusco"
                        },
                        new String[] {
                            "Municipalidad Provincial del Cusco (demo)", "MUNICIPALITY", "Cusco"
                        });
        List<String> portals = new ArrayList<>();
        String ministry = null;
        for (int i = 0; i < sources.size() && i < entities.size(); i++) {
            Source source = sources.get(i);
            String[] entity = entities.get(i);
            String publisher =
                    call(
                                    "POST",
                                    "/api/v1/catalog/publishers",
                                    Map.of(
                                            "name",
                                            entity[0] + suffix,
                                            "type",
                                            entity[1],
                                            "region",
                                            entity[2]))
                            .get("id")
                            .asString();
            ministry = ministry == null ? publisher : ministry;
            String portal =
                    call(
                                    "POST",
                                    "/api/v1/catalog/portals",
                                    Map.of(
                                            "name",
                                            "Portal local " + source.kind() + suffix,
                                            "baseUrl",
                                            source.baseUrl(),
                                            "kind",
                                            source.kind()))
                            .get("id")
                            .asString();
            portals.add(portal);
            call(
                    "POST",
                    "/api/v1/catalog/datasets",
                    Map.of(
                            "portalId",
                            portal,
                            "datasetId",
                            source.datasetId(),
                            "publisherId",
                            publisher));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", CAMPAIGN);
        campaign.put(
                "description",
                "Campaña de demostración: las entidades publican datos abiertos; se reconoce lo"
                        + " publicado, su calidad (MQA), su frescura y su uso.");
        campaign.put("opensAt", now.minus(Duration.ofDays(3650)).toString());
        campaign.put("closesAt", now.plus(Duration.ofDays(90)).toString());
        campaign.put("timezone", "America/Lima");
        campaign.put("portalIds", portals);
        String id =
                call("POST", "/api/v1/recognition/campaigns", campaign)
                        .get("campaign")
                        .get("id")
                        .asString();
        call("POST", "/api/v1/recognition/campaigns/" + id + "/publish", null);
        closedEdition(now, portals);
        if (officialToken != null && ministry != null) {
            official(officialToken, ministry);
        }
        return id;
    }

    private void closedEdition(Instant now, List<String> portals) throws Exception {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("name", CLOSED_CAMPAIGN);
        campaign.put(
                "description",
                "Edición ya cerrada, con su ranking final: los funcionarios de las entidades"
                        + " reconocidas (los 3 primeros a nivel nacional, por región o por tipo"
                        + " de entidad) descargan su certificado.");
        campaign.put("opensAt", now.minus(Duration.ofDays(3650)).toString());
        campaign.put("closesAt", now.minus(Duration.ofDays(1)).toString());
        campaign.put("timezone", "America/Lima");
        campaign.put("portalIds", portals);
        campaign.put("recognisedTop", 3);
        String id =
                call("POST", "/api/v1/recognition/campaigns", campaign)
                        .get("campaign")
                        .get("id")
                        .asString();
        call("POST", "/api/v1/recognition/campaigns/" + id + "/publish", null);
        closedId = id;
    }

    /** The closed edition's id, once loaded (or found). */
    public String closedCampaignId() {
        return closedId;
    }

    private void official(String token, String ministry) throws Exception {
        String user = call("GET", "/api/v1/me", token, null).get("id").asString();
        call("PUT", "/api/v1/catalog/publishers/" + ministry + "/members/" + user, null);
    }

    private JsonNode call(String method, String path, Object body) throws Exception {
        return call(method, path, adminToken, body);
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request =
                Http.request(URI.create(api + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response =
                http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body().isEmpty() ? "{}" : response.body());
    }
}
