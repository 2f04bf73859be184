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
 * The demo edition in RESULTS ({@code make run}), loaded through the public API as a client would:
 * four teams submitted in two challenges, two judges scored every submission on the rubric (Respira
 * Datos best, then Smog Cero, Vigías del Zancudo, Piura Data Lab), the public voted, and the
 * organizer built the results (two places per challenge and an overall winner), gave two
 * distinctions (to a team and to a public entity) and published them. A new user sees the end of
 * the cycle: the results page, its CSV and its DCAT-US data.json. Then the event's certificate run
 * starts; it issues the award certificates, and the participants', mentors' and judges'.
 */
public final class DemoResults {

    public static final String SLUG = "datathon-peru-demo-resultados";

    static final String ENTITY = "Servicio Nacional de Meteorología e Hidrología (SENAMHI)";

    private final HttpClient http = Http.client();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String api;
    private final Function<String, String> tokens;

    /**
     * @param api the API's base URL
     * @param tokens a token for a demo user name ({@code admin} must be an admin)
     */
    public DemoResults(String api, Function<String, String> tokens) {
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
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("slug", SLUG);
        event.put("title", "Datatón Perú Abierto (demo, resultados publicados)");
        event.put(
                "description",
                "Edición de demostración cerrada: el jurado calificó, el público votó y los"
                        + " resultados, con sus premios, están publicados como datos abiertos.");
        event.put("timezone", "America/Lima");
        event.put("phases", stage(now, 0));
        event.put(
                "settings",
                Map.of("galleryPublic", true, "judging", Map.of("judgesPerSubmission", 2)));
        String id = call("POST", "/api/v1/events", admin, event).get("id").asString();
        String air =
                "https://www.datosabiertos.gob.pe/dataset/datos-horarios-de-contanimantes-del-aire-en-limametropolitana-servicio-nacional-de";
        String dengue =
                "https://www.datosabiertos.gob.pe/dataset/vigilancia-epidemiol%C3%B3gica-de-dengue";
        String airChallenge =
                challenge(
                        id,
                        admin,
                        "Aire limpio para Lima",
                        "Datos horarios de contaminantes del aire en Lima Metropolitana [SENAMHI]",
                        air);
        String dengueChallenge =
                challenge(
                        id,
                        admin,
                        "Dengue en la costa norte",
                        "Vigilancia epidemiológica de dengue",
                        dengue);
        call("POST", "/api/v1/events/" + id + "/publish", admin, null);
        List<String[]> teams = new ArrayList<>();
        teams.add(entry(id, airChallenge, "Respira Datos", 1));
        teams.add(entry(id, airChallenge, "Smog Cero", 2));
        teams.add(entry(id, dengueChallenge, "Vigías del Zancudo", 3));
        teams.add(entry(id, dengueChallenge, "Piura Data Lab", 4));
        phases(id, admin, stage(now, 1));
        submit(id, teams.get(0), airChallenge, air);
        submit(id, teams.get(1), airChallenge, air);
        submit(id, teams.get(2), dengueChallenge, dengue);
        submit(id, teams.get(3), dengueChallenge, dengue);
        phases(id, admin, stage(now, 2));
        judge(id, admin, teams);
        vote(id, "votante-r1", teams.get(1), teams.get(2));
        vote(id, "votante-r2", teams.get(1), teams.get(2));
        vote(id, "votante-r3", teams.get(3));
        phases(id, admin, stage(now, 3));
        results(id, admin, teams.get(3));
        return id;
    }

    /** Two judges, every submission assigned to both, all scores submitted (team 1 best). */
    private void judge(String eventId, String admin, List<String[]> teams) throws Exception {
        String judging = "/api/v1/events/" + eventId + "/judging";
        List<String> judges = List.of("jurado-resultados-1", "jurado-resultados-2");
        for (String judge : judges) {
            String userId =
                    call("GET", "/api/v1/me", tokens.apply(judge), null).get("id").asString();
            call(
                    "POST",
                    "/api/v1/events/" + eventId + "/memberships",
                    admin,
                    Map.of("role", "JUDGE", "userId", userId));
        }
        JsonNode rubric = call("GET", judging + "/rubric", admin, null);
        call("PUT", judging + "/rubric", admin, Map.of("criteria", rubric.get("criteria")));
        call("POST", judging + "/assignment-runs", admin, Map.of("seed", 2026));
        Map<String, Integer> rank = new LinkedHashMap<>();
        for (int i = 0; i < teams.size(); i++) {
            rank.put(teams.get(i)[2], i);
        }
        for (String judge : judges) {
            score(judging, tokens.apply(judge), rubric.get("criteria"), rank);
        }
    }

    private void score(String judging, String token, JsonNode criteria, Map<String, Integer> rank)
            throws Exception {
        for (JsonNode item : call("GET", judging + "/queue", token, null).get("items")) {
            String submission = item.get("submissionId").asString();
            int place = rank.getOrDefault(submission, 0);
            Map<String, Object> marks = new LinkedHashMap<>();
            for (JsonNode c : criteria) {
                int value = Math.max(c.get("min").asInt(), c.get("max").asInt() - place);
                marks.put(c.get("key").asString(), Map.of("value", value));
            }
            call(
                    "PUT",
                    judging + "/scores/" + submission,
                    token,
                    Map.of("marks", marks, "comment", "Propuesta sólida, bien documentada."));
            call("POST", judging + "/scores/" + submission + "/submit", token, null);
        }
    }

    /** Built with two places and an overall winner, two distinctions, and published now. */
    private void results(String eventId, String admin, String[] distinguished) throws Exception {
        String results = "/api/v1/events/" + eventId + "/results";
        call("POST", results + "/draft", admin, Map.of("places", 2, "overallWinner", true));
        call(
                "POST",
                results + "/distinctions",
                admin,
                Map.of(
                        "teamId",
                        distinguished[1],
                        "title",
                        Map.of(
                                "es",
                                "Mejor uso de datos regionales",
                                "en",
                                "Best use of regional data"),
                        "reason",
                        Map.of(
                                "es",
                                "Cruzó la vigilancia del dengue con datos de lluvias de Piura.",
                                "en",
                                "It joined dengue surveillance with Piura's rainfall data.")));
        call(
                "POST",
                results + "/distinctions",
                admin,
                Map.of(
                        "publisherId",
                        publisher(admin),
                        "title",
                        Map.of("es", "Entidad de datos abiertos", "en", "Open data entity"),
                        "reason",
                        Map.of(
                                "es",
                                "Sus datos horarios del aire alimentaron dos proyectos.",
                                "en",
                                "Its hourly air data fed two projects.")));
        call("POST", results + "/publish", admin, null);
        // the event's certificate run issues the award certificates (and the others) from here
        call(
                "POST",
                "/api/v1/events/" + eventId + "/certificates/runs",
                admin,
                Map.of("language", "es"));
    }

    /** The entity's publisher: found by name, or created. */
    private String publisher(String admin) throws Exception {
        String cursor = null;
        do {
            String page = "/api/v1/catalog/publishers?limit=100";
            JsonNode list =
                    call("GET", cursor == null ? page : page + "&cursor=" + cursor, admin, null);
            for (JsonNode p : list.get("items")) {
                if (ENTITY.equals(p.get("name").asString())) {
                    return p.get("id").asString();
                }
            }
            JsonNode next = list.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
        } while (cursor != null);
        return call(
                        "POST",
                        "/api/v1/catalog/publishers",
                        admin,
                        Map.of("name", ENTITY, "type", "AUTONOMOUS_BODY"))
                .get("id")
                .asString();
    }

    /** One team: its captain's token, its id, and (once submitted) its submission's id. */
    private String[] entry(String eventId, String challenge, String name, int n) throws Exception {
        String captain = tokens.apply("equipo-resultados-" + n);
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

    private void submit(String eventId, String[] team, String challenge, String dataset)
            throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team[1]);
        body.put("challengeId", challenge);
        body.put("title", "Propuesta con datos abiertos");
        body.put("summary", "Un tablero con los datos abiertos del reto y una propuesta concreta.");
        body.put("links", Map.of("repository", "https://github.com/datos-abiertos/demo"));
        body.put("datasets", List.of(Map.of("url", dataset, "title", "Datos del reto")));
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
        body.put("proposingEntity", ENTITY);
        body.put("datasets", List.of(Map.of("title", datasetTitle, "landingUrl", datasetUrl)));
        return call("POST", "/api/v1/events/" + eventId + "/challenges", token, body)
                .get("id")
                .asString();
    }

    private void phases(String eventId, String admin, List<Map<String, String>> windows)
            throws Exception {
        call("PUT", "/api/v1/events/" + eventId + "/phases", admin, Map.of("phases", windows));
    }

    /**
     * The windows at each step, in minutes from {@code now}: 0 REGISTRATION open; 1 SUBMISSION
     * open; 2 JUDGING and VOTING open; 3 everything closed but RESULTS, open for two months.
     */
    private static List<Map<String, String>> stage(Instant now, int step) {
        long day = 24 * 60;
        long[][] minutes =
                switch (step) {
                    case 0 ->
                            new long[][] {
                                {-day, day},
                                {day, 11 * day},
                                {11 * day, 21 * day},
                                {12 * day, 21 * day},
                                {21 * day, 60 * day}
                            };
                    case 1 ->
                            new long[][] {
                                {-5 * day, -1},
                                {-1, 7 * day},
                                {7 * day, 17 * day},
                                {8 * day, 17 * day},
                                {17 * day, 60 * day}
                            };
                    case 2 ->
                            new long[][] {
                                {-30 * day, -20 * day},
                                {-20 * day, -2},
                                {-2, 7 * day},
                                {-2, 7 * day},
                                {7 * day, 60 * day}
                            };
                    default ->
                            new long[][] {
                                {-30 * day, -20 * day},
                                {-20 * day, -2},
                                {-2, -1},
                                {-2, -1},
                                {-1, 60 * day}
                            };
                };
        String[] phases = {"REGISTRATION", "SUBMISSION", "JUDGING", "VOTING", "RESULTS"};
        List<Map<String, String>> windows = new ArrayList<>();
        for (int i = 0; i < phases.length; i++) {
            windows.add(
                    window(
                            phases[i],
                            now.plus(minutes[i][0], ChronoUnit.MINUTES),
                            now.plus(minutes[i][1], ChronoUnit.MINUTES)));
        }
        return windows;
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
