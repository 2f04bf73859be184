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
 * Loads the demo training course through the public API: an online course of four weekly sessions
 * (75 % to complete), three participants enrolled, attendance marked for the three sessions held,
 * so that the first participant completed it and holds a verifiable certificate.
 */
public final class DemoTraining {

    public static final String TITLE = "Datos abiertos para funcionarios públicos (demo)";

    private final HttpClient http = Http.client();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String api;

    public DemoTraining(String api) {
        this.api = api;
    }

    /**
     * Loads the course unless it is there; returns its id. The manager (an admin or an event
     * organizer) creates it and marks attendance; each participant token enrols itself.
     */
    public String load(String manager, List<String> participants) throws Exception {
        String found = existing();
        if (found != null) {
            return found;
        }
        JsonNode course = call("POST", "/api/v1/recognition/courses", manager, body());
        String id = course.get("id").asString();
        List<String> sessions = new ArrayList<>();
        course.get("sessions").forEach(s -> sessions.add(s.get("id").asString()));
        List<String> userIds = new ArrayList<>();
        for (String participant : participants) {
            userIds.add(call("GET", "/api/v1/me", participant, null).get("id").asString());
            call("POST", "/api/v1/recognition/courses/" + id + "/enrolments", participant, null);
        }
        // sessions 1-3 are held: everyone at the first two, only the first participant at the third
        for (int i = 0; i < 3 && i < sessions.size(); i++) {
            List<String> present = i < 2 ? userIds : userIds.subList(0, 1);
            call(
                    "PUT",
                    "/api/v1/recognition/courses/"
                            + id
                            + "/sessions/"
                            + sessions.get(i)
                            + "/attendance",
                    manager,
                    Map.of("userIds", present));
        }
        return id;
    }

    private String existing() throws Exception {
        String cursor = null;
        do {
            String path =
                    "/api/v1/recognition/courses?limit=100"
                            + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = call("GET", path, null, null);
            for (JsonNode course : page.get("items")) {
                if (TITLE.equals(course.get("title").asString())) {
                    return course.get("id").asString();
                }
            }
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return null;
    }

    private static Map<String, Object> body() {
        Instant first = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(21, ChronoUnit.DAYS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", TITLE);
        body.put(
                "description",
                "Programa de fortalecimiento de capacidades: publicar, describir y mantener"
                        + " actualizados los conjuntos de datos de la entidad en la Plataforma"
                        + " Nacional de Datos Abiertos.");
        body.put("modality", "ONLINE");
        body.put("language", "es");
        body.put("seats", 40);
        body.put("completionPercent", 75);
        List<Map<String, Object>> sessions = new ArrayList<>();
        String[] topics = {"introduccion", "metadatos", "calidad", "actualizacion"};
        for (int i = 0; i < topics.length; i++) {
            sessions.add(
                    Map.of(
                            "startsAt",
                            first.plus(7L * i, ChronoUnit.DAYS)
                                    .plus(15, ChronoUnit.HOURS)
                                    .toString(),
                            "durationMinutes",
                            120,
                            "link",
                            "https://meet.example.org/datos-abiertos-" + topics[i]));
        }
        body.put("sessions", sessions);
        return body;
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request =
                Http.request(URI.create(api + path))
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
