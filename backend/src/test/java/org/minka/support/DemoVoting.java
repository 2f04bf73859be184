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
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo edition in VOTING ({@code make run}), loaded through the public API as a client would:
 * three teams submitted in two challenges, VOTING is open for a week with live tallies and two
 * votes per voter per challenge, and four demo voters have cast five ballots. A new user can vote
 * at once. Tokens come from the given function (the dev issuer for {@code make run}, signed test
 * tokens in the suite).
 */
public final class DemoVoting {

    public static final String SLUG = "datathon-peru-demo-votacion";

    private final HttpClient http = Http.client();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String api;
    private final Function<String, String> tokens;

    /**
     * @param api the API's base URL
     * @param tokens a token for a demo user name ({@code admin} must be an admin)
     */
    public DemoVoting(String api, Function<String, String> tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    /** Loads the edition unless it is there; returns its id. */
    public String load() throws Exception {
        String admin = tokens.apply("admin");
        for (JsonNode event : call("GET", "/api/v1/events?limit=100", null, null).get("items")) {
            if (SLUG.equals(event.get("slug").asString())) {
                return event.get("id").asString();
            }
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("slug", SLUG);
        event.put("title", "Datatón Ciudades con Datos (demo, votación abierta)");
        event.put(
                "description",
                "Edición de demostración en votación: el público elige su proyecto favorito"
                        + " (Premio del Público) mientras el jurado evalúa.");
        event.put("timezone", "America/Lima");
        event.put("phases", registrationOpen());
        event.put("settings", Map.of("voting", Map.of("liveTallies", true, "votesPerVoter", 2)));
        String id = call("POST", "/api/v1/events", admin, event).get("id").asString();
        String air =
                "https://www.datosabiertos.gob.pe/dataset/datos-horarios-de-contanimantes-del-aire-en-limametropolitana-servicio-nacional-de";
        String dengue =
                "https://www.datosabiertos.gob.pe/dataset/vigilancia-epidemiol%C3%B3gica-de-dengue";
        String airChallenge =
                challenge(
                        id,
                        admin,
                        "Calidad del aire en Lima",
                        "Datos horarios de contaminantes del aire en Lima Metropolitana [SENAMHI]",
                        air);
        String dengueChallenge =
                challenge(
                        id,
                        admin,
                        "Alerta temprana de dengue",
                        "Vigilancia epidemiológica de dengue",
                        dengue);
        call("POST", "/api/v1/events/" + id + "/publish", admin, null);
        List<String[]> teams = new ArrayList<>();
        teams.add(entry(id, airChallenge, "Aire Abierto", 1));
        teams.add(entry(id, airChallenge, "Respira Lima", 2));
        teams.add(entry(id, dengueChallenge, "Zancudo Cero", 3));
        phases(id, admin, submissionOpen());
        submit(id, teams.get(0), airChallenge, air, "Aire Abierto");
        submit(id, teams.get(1), airChallenge, air, "Respira Lima");
        submit(id, teams.get(2), dengueChallenge, dengue, "Zancudo Cero");
        phases(id, admin, votingOpen());
        vote(id, "votante-1", teams.get(0), teams.get(2));
        vote(id, "votante-2", teams.get(0));
        vote(id, "votante-3", teams.get(1));
        vote(id, "votante-4", teams.get(2));
        return id;
    }

    /** One team: its captain's token, its id, and (once submitted) its submission's id. */
    private String[] entry(String eventId, String challenge, String name, int n) throws Exception {
        String captain = tokens.apply("equipo-voto-" + n);
        call("GET", "/api/v1/me", captain, null);
        call(
                "POST",
                "/api/v1/events/" + eventId + "/registrations",
                captain,
                Map.of("region", "Lima", "skills", List.of("python"), "termsVersion", "2026-11"));
        String team =
                call("POST", "/api/v1/events/" + eventId + "/teams", captain, Map.of("name", name))
                        .get("id")
                        .asString();
        call(
                "POST",
                "/api/v1/events/" + eventId + "/teams/" + team + "/challenges",
                captain,
                Map.of("challengeId", challenge));
        return new String[] {captain, team, null};
    }

    private void submit(
            String eventId, String[] team, String challenge, String dataset, String name)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team[1]);
        body.put("challengeId", challenge);
        body.put("title", name + ": propuesta");
        body.put("summary", "Un tablero con los datos abiertos del reto y una propuesta concreta.");
        body.put("links", Map.of("repository", "https://github.com/datos-abiertos/demo"));
        body.put("datasets", List.of(Map.of("url", dataset, "title", name)));
        body.put("licence", "CC-BY-4.0");
        String submission =
                call("POST", "/api/v1/events/" + eventId + "/submissions", team[0], body)
                        .get("id")
                        .asString();
        call("POST", "/api/v1/submissions/" + submission + "/submit", team[0], null);
        team[2] = submission;
    }

    private void vote(String eventId, String voter, String[]... teams) throws Exception {
        String token = tokens.apply(voter);
        for (String[] team : teams) {
            call(
                    "POST",
                    "/api/v1/events/" + eventId + "/voting/ballots",
                    token,
                    Map.of("submissionId", team[2]));
        }
    }

    private String challenge(
            String eventId, String token, String title, String datasetTitle, String datasetUrl)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("statement", "Propón una solución con los datos abiertos del reto.");
        body.put("themes", List.of("ambiente", "salud"));
        body.put("proposingEntity", "Ministerio del Ambiente (MINAM)");
        body.put("datasets", List.of(Map.of("title", datasetTitle, "landingUrl", datasetUrl)));
        return call("POST", "/api/v1/events/" + eventId + "/challenges", token, body)
                .get("id")
                .asString();
    }

    private void phases(String eventId, String admin, List<Map<String, String>> windows)
            throws Exception {
        call("PUT", "/api/v1/events/" + eventId + "/phases", admin, Map.of("phases", windows));
    }

    private static List<Map<String, String>> registrationOpen() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return windows(now.minus(1, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS), 10);
    }

    private static List<Map<String, String>> submissionOpen() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return windows(now.minus(5, ChronoUnit.DAYS), now.minus(1, ChronoUnit.MINUTES), 10);
    }

    /** REGISTRATION and SUBMISSION over; JUDGING and VOTING open for a week; then RESULTS. */
    private static List<Map<String, String>> votingOpen() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant closed = now.minus(1, ChronoUnit.MINUTES);
        Instant week = now.plus(7, ChronoUnit.DAYS);
        return List.of(
                window(
                        "REGISTRATION",
                        now.minus(20, ChronoUnit.DAYS),
                        now.minus(10, ChronoUnit.DAYS)),
                window("SUBMISSION", now.minus(10, ChronoUnit.DAYS), closed),
                window("JUDGING", closed, week),
                window("VOTING", closed, week),
                window("RESULTS", week, week.plus(30, ChronoUnit.DAYS)));
    }

    /** REGISTRATION until {@code registrationCloses}, SUBMISSION for {@code days} after it. */
    private static List<Map<String, String>> windows(
            Instant registrationOpens, Instant registrationCloses, int days) {
        Instant submissionCloses = registrationCloses.plus(days, ChronoUnit.DAYS);
        Instant end = submissionCloses.plus(10, ChronoUnit.DAYS);
        return List.of(
                window("REGISTRATION", registrationOpens, registrationCloses),
                window("SUBMISSION", registrationCloses, submissionCloses),
                window("JUDGING", submissionCloses, end),
                window("VOTING", submissionCloses.plus(1, ChronoUnit.DAYS), end),
                window("RESULTS", end, end.plus(30, ChronoUnit.DAYS)));
    }

    private static Map<String, String> window(String phase, Instant opens, Instant closes) {
        return Map.of("phase", phase, "opensAt", opens.toString(), "closesAt", closes.toString());
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
