package org.minka.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.minka.support.Fixtures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make bench-read}'s data, loaded into a running Minka: a published event with five
 * challenges, twenty teams (written with SQL, as the tests do) each with a submitted submission,
 * then SUBMISSION closed so the gallery is public. Prints {@code event=<id>} as its last line.
 * Arguments: the API's base URL and the servers' properties file.
 */
public final class ReadBenchSeed {

    private static final int CHALLENGES = 5;
    private static final int TEAMS = 20;
    private static final String DATASET =
            "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa";

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String api;
    private final String issuer;
    private final Connection db;

    private ReadBenchSeed(String api, String issuer, Connection db) {
        this.api = api;
        this.issuer = issuer;
        this.db = db;
    }

    public static void main(String[] args) throws Exception {
        Properties servers = new Properties();
        try (var reader = Files.newBufferedReader(Path.of(args[1]))) {
            servers.load(reader);
        }
        try (Connection db =
                DriverManager.getConnection(
                        servers.getProperty("spring.flyway.url"),
                        servers.getProperty("spring.flyway.user"),
                        servers.getProperty("spring.flyway.password"))) {
            String issuer =
                    servers.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
            UUID event = new ReadBenchSeed(args[0], issuer, db).seed();
            System.out.println("event=" + event);
        }
    }

    private UUID seed() throws Exception {
        String admin = token("admin");
        Map<String, Object> body = new LinkedHashMap<>();
        String slug = "read-bench-" + System.currentTimeMillis();
        body.put("slug", slug);
        body.put("title", "Datatón de carga " + slug);
        body.put("description", "Una edición para medir las lecturas públicas");
        body.put("phases", Fixtures.phases(Instant.now()));
        UUID event = id(call("POST", "/api/v1/events", admin, body));
        call("POST", "/api/v1/events/" + event + "/publish", admin, null);
        List<UUID> challenges = new ArrayList<>();
        for (int i = 1; i <= CHALLENGES; i++) {
            String path = "/api/v1/events/" + event + "/challenges";
            challenges.add(id(call("POST", path, admin, Fixtures.challengeBody("Reto " + i))));
        }
        phases(event, "-10 days", "-5 days", "-1 hour", "1 day", "1 day", "2 days");
        for (int i = 1; i <= TEAMS; i++) {
            team(event, challenges.get(i % CHALLENGES), i);
        }
        phases(event, "-10 days", "-5 days", "-2 days", "-1 minute", "1 day", "2 days");
        return event;
    }

    private void team(UUID event, UUID challenge, int n) throws Exception {
        String captain = token("bench-captain-" + n + "-" + System.nanoTime());
        UUID captainId = id(call("GET", "/api/v1/me", captain, null));
        UUID team = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size,"
                        + " member_count, challenges_entered) values (?, ?, ?, ?, ?, 5, 1, 1)",
                team,
                event,
                "Equipo " + n,
                captainId,
                "J" + team.toString().substring(0, 8));
        sql(
                "insert into team_members (team_id, user_id, event_id, role)"
                        + " values (?, ?, ?, 'CAPTAIN')",
                team,
                captainId,
                event);
        sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values (?, ?, ?)",
                team,
                challenge,
                event);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team.toString());
        body.put("challengeId", challenge.toString());
        body.put("title", "Brechas por distrito, equipo " + n);
        body.put("summary", "Cruzamos la **vacunación** con el padrón.");
        body.put("links", Map.of("repository", "https://github.com/equipo/vacunas-" + n));
        body.put("datasets", List.of(Map.of("url", DATASET, "title", "Vacunación")));
        body.put("licence", "CC-BY-4.0");
        UUID submission =
                id(call("POST", "/api/v1/events/" + event + "/submissions", captain, body));
        call("POST", "/api/v1/submissions/" + submission + "/submit", captain, null);
    }

    private void phases(UUID event, String... bounds) throws Exception {
        String[] phases = {"REGISTRATION", "SUBMISSION", "JUDGING", "VOTING", "RESULTS"};
        String[][] windows = {
            {bounds[0], bounds[1]},
            {bounds[2], bounds[3]},
            {bounds[4], bounds[5]},
            {bounds[4], bounds[5]},
            {bounds[5], "10 days"}
        };
        for (int i = 0; i < phases.length; i++) {
            sql(
                    "update event_phases set opens_at = now() + cast(? as interval),"
                            + " closes_at = now() + cast(? as interval)"
                            + " where event_id = ? and phase = ?",
                    windows[i][0],
                    windows[i][1],
                    event,
                    phases[i]);
        }
    }

    private void sql(String sql, Object... args) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    private String token(String client) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(issuer + "/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "grant_type=client_credentials&client_id="
                                                + client
                                                + "&client_secret=dev"))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body()).get("access_token").asString();
    }

    private static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }

    private JsonNode call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(api + path))
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
