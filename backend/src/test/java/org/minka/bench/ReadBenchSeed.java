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
import org.minka.support.Http;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code make bench-read}'s data, loaded into a running Minka: a published event with five
 * challenges, twenty teams (written with SQL, as the tests do) each with a submitted submission,
 * then SUBMISSION closed so the gallery is public. Prints {@code event=<id>} as its last line.
 * Arguments: the API's base URL and the servers' properties file. Its helpers (tokens of the dev
 * issuer, API calls, SQL, phase windows, a team with a submitted submission) also seed {@code make
 * bench-vote} ({@code org.minka.voting.VoteBench}).
 */
public final class ReadBenchSeed {

    private static final int CHALLENGES = 5;
    private static final int TEAMS = 20;
    private static final String DATASET =
            "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa";

    private final HttpClient http = Http.client();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String api;
    private final String issuer;
    private final Connection db;

    /** Seeds through the API at {@code api}, tokens from {@code issuer}, SQL over {@code db}. */
    public ReadBenchSeed(String api, String issuer, Connection db) {
        this.api = api;
        this.issuer = issuer;
        this.db = db;
    }

    public static void main(String[] args) throws Exception {
        Properties servers = servers(Path.of(args[1]));
        try (Connection db = connect(servers)) {
            UUID event = new ReadBenchSeed(args[0], issuer(servers), db).seed();
            System.out.println("event=" + event);
        }
    }

    /** The properties {@code BenchServers} wrote. */
    public static Properties servers(Path file) throws java.io.IOException {
        Properties servers = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            servers.load(reader);
        }
        return servers;
    }

    /** A JDBC connection to the servers' database. */
    public static Connection connect(Properties servers) throws java.sql.SQLException {
        return DriverManager.getConnection(
                servers.getProperty("spring.flyway.url"),
                servers.getProperty("spring.flyway.user"),
                servers.getProperty("spring.flyway.password"));
    }

    /** The dev issuer's URI. */
    public static String issuer(Properties servers) {
        return servers.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    private UUID seed() throws Exception {
        UUID event = event("read-bench", null);
        List<UUID> challenges = new ArrayList<>();
        for (int i = 1; i <= CHALLENGES; i++) {
            challenges.add(challenge(event, "Reto " + i));
        }
        phases(event, "-10 days", "-5 days", "-1 hour", "1 day", "1 day", "2 days");
        for (int i = 1; i <= TEAMS; i++) {
            team(event, challenges.get(i % CHALLENGES), i);
        }
        phases(event, "-10 days", "-5 days", "-2 days", "-1 minute", "1 day", "2 days");
        return event;
    }

    /** A published event (slug {@code <prefix>-<millis>}), with these settings unless null. */
    public UUID event(String prefix, Map<String, Object> settings) throws Exception {
        String admin = token("admin");
        Map<String, Object> body = new LinkedHashMap<>();
        String slug = prefix + "-" + System.currentTimeMillis();
        body.put("slug", slug);
        body.put("title", "Datatón de carga " + slug);
        body.put("description", "Una edición para medir la carga");
        body.put("phases", Fixtures.phases(Instant.now()));
        if (settings != null) {
            body.put("settings", settings);
        }
        UUID event = id(call("POST", "/api/v1/events", admin, body));
        call("POST", "/api/v1/events/" + event + "/publish", admin, null);
        return event;
    }

    /** A challenge of the event, created by the admin. */
    public UUID challenge(UUID event, String title) throws Exception {
        String path = "/api/v1/events/" + event + "/challenges";
        return id(call("POST", path, token("admin"), Fixtures.challengeBody(title)));
    }

    /**
     * Team {@code n} (SQL), its captain (a new user of the dev issuer) and its submission, created
     * and submitted through the API while SUBMISSION is open; returns the submission's id.
     */
    public UUID team(UUID event, UUID challenge, int n) throws Exception {
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
        return submission;
    }

    /**
     * Moves the phase windows, relative to the database's now(): REGISTRATION {@code bounds[0..1]},
     * SUBMISSION {@code [2..3]}, JUDGING and VOTING {@code [4..5]}, RESULTS {@code [5]} to 10 days.
     */
    public void phases(UUID event, String... bounds) throws Exception {
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

    /** One statement with JDBC parameters. */
    public void sql(String sql, Object... args) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    /** A token of the dev issuer for this client id (any other id is a user of its own). */
    public String token(String client) throws Exception {
        HttpRequest request =
                Http.request(URI.create(issuer + "/token"))
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

    public static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }

    /** An API call; anything but a 2xx throws. */
    public JsonNode call(String method, String path, String token, Object body) throws Exception {
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
