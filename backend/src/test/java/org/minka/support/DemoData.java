package org.minka.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo edition through the public API, as a client would: one datathon in America/Lima
 * with three challenges on real datasets of Peru's national open-data portal, and email invitations
 * for the demo organizer, mentor and judge (bound when they first sign in).
 */
public final class DemoData {

    public static final String SLUG = "datathon-peru-demo";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String api;
    private final String issuerUri;

    public DemoData(String api, String issuerUri) {
        this.api = api;
        this.issuerUri = issuerUri;
    }

    /** Loads the demo edition unless it is already there; returns its id. */
    public String load() throws Exception {
        String admin = token("admin");
        JsonNode existing = call("GET", "/api/v1/events?limit=100", null, null);
        for (JsonNode event : existing.get("items")) {
            if (SLUG.equals(event.get("slug").asString())) {
                return event.get("id").asString();
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("slug", SLUG);
        event.put("title", "Datatón Perú con Datos Abiertos (demo)");
        event.put(
                "description",
                "Edición de demostración: equipos ciudadanos resuelven retos públicos con datasets oficiales"
                        + " de la Plataforma Nacional de Datos Abiertos (datosabiertos.gob.pe).");
        event.put("timezone", "America/Lima");
        event.put(
                "phases",
                List.of(
                        window(
                                "REGISTRATION",
                                now.minus(7, ChronoUnit.DAYS),
                                now.plus(14, ChronoUnit.DAYS)),
                        window(
                                "SUBMISSION",
                                now.plus(14, ChronoUnit.DAYS),
                                now.plus(44, ChronoUnit.DAYS)),
                        window(
                                "JUDGING",
                                now.plus(44, ChronoUnit.DAYS),
                                now.plus(58, ChronoUnit.DAYS)),
                        window(
                                "VOTING",
                                now.plus(50, ChronoUnit.DAYS),
                                now.plus(58, ChronoUnit.DAYS)),
                        window(
                                "RESULTS",
                                now.plus(58, ChronoUnit.DAYS),
                                now.plus(120, ChronoUnit.DAYS))));
        String id = call("POST", "/api/v1/events", admin, event).get("id").asString();
        for (String role : List.of("organizer", "mentor", "judge")) {
            call(
                    "POST",
                    "/api/v1/events/" + id + "/memberships",
                    admin,
                    Map.of("role", role.toUpperCase(), "email", DemoUsers.email(role)));
        }
        challenge(
                id,
                admin,
                "Dengue: alerta temprana por distrito",
                "Anticipa brotes de dengue con la vigilancia epidemiológica semanal y propone alertas por distrito.",
                List.of("salud", "clima"),
                "Centro Nacional de Epidemiología, Prevención y Control de Enfermedades (MINSA)",
                "Vigilancia epidemiológica de dengue",
                "https://www.datosabiertos.gob.pe/dataset/vigilancia-epidemiol%C3%B3gica-de-dengue");
        challenge(
                id,
                admin,
                "Brechas de vacunación contra la COVID-19",
                "Identifica dónde y a quién no llegó la vacunación, y propone cómo cerrar esas brechas.",
                List.of("salud", "equidad"),
                "Ministerio de Salud (MINSA)",
                "Vacunación contra COVID-19 [Ministerio de Salud - MINSA]",
                "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa");
        challenge(
                id,
                admin,
                "Calidad del aire en Lima Metropolitana",
                "Explica los picos de contaminación con los datos horarios de las estaciones de monitoreo.",
                List.of("ambiente", "ciudades"),
                "Servicio Nacional de Meteorología e Hidrología (SENAMHI)",
                "Datos horarios de contaminantes del aire en Lima Metropolitana [SENAMHI]",
                "https://www.datosabiertos.gob.pe/dataset/datos-horarios-de-contanimantes-del-aire-en-limametropolitana-servicio-nacional-de");
        call("POST", "/api/v1/events/" + id + "/publish", admin, null);
        return id;
    }

    private void challenge(
            String eventId,
            String token,
            String title,
            String statement,
            List<String> themes,
            String entity,
            String datasetTitle,
            String datasetUrl)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("statement", statement);
        body.put("themes", themes);
        body.put("proposingEntity", entity);
        body.put("datasets", List.of(Map.of("title", datasetTitle, "landingUrl", datasetUrl)));
        call("POST", "/api/v1/events/" + eventId + "/challenges", token, body);
    }

    private static Map<String, String> window(String phase, Instant opens, Instant closes) {
        return Map.of("phase", phase, "opensAt", opens.toString(), "closesAt", closes.toString());
    }

    /** A token for a demo role from the dev issuer, exactly as the printed curl line gets it. */
    public String token(String role) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(issuerUri + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "grant_type=client_credentials&client_id="
                                                + role
                                                + "&client_secret=dev"))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).get("access_token").asString();
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(api + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Accept", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(
                                                json.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
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
