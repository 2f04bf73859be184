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

    private final HttpClient http = Http.client();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String api;
    private final String issuerUri;
    private final TokenSource tokens;

    /** Where the demo users' tokens come from. */
    @FunctionalInterface
    public interface TokenSource {
        String token(String role) throws Exception;
    }

    /** Loads through {@code api}, with tokens from the dev issuer at {@code issuerUri}. */
    public DemoData(String api, String issuerUri) {
        this.api = api;
        this.issuerUri = issuerUri;
        this.tokens = null;
    }

    /**
     * Loads through {@code api}, with tokens from {@code tokens} (a test's issuer, minting what the
     * dev issuer would: {@link DemoUsers#claims}).
     */
    public DemoData(String api, TokenSource tokens) {
        this.api = api;
        this.issuerUri = null;
        this.tokens = tokens;
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

    public static final String SLUG_IN_PROGRESS = "datathon-peru-demo-en-curso";

    /**
     * Loads a second edition, in SUBMISSION, unless it is there: the demo citizen's team entered a
     * challenge, submitted a notebook (version 1), and the demo mentor commented on one of its
     * cells. Everything goes through the API, as a client would do it.
     */
    public String loadInProgress() throws Exception {
        String admin = token("admin");
        JsonNode existing = call("GET", "/api/v1/events?limit=100", null, null);
        for (JsonNode event : existing.get("items")) {
            if (SLUG_IN_PROGRESS.equals(event.get("slug").asString())) {
                return event.get("id").asString();
            }
        }
        String citizen = token("citizen");
        String mentor = token("mentor");
        // signing in binds the mentor's pending invitations
        call("GET", "/api/v1/me", mentor, null);
        call("GET", "/api/v1/me", citizen, null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("slug", SLUG_IN_PROGRESS);
        event.put("title", "Datatón Regional de Datos Abiertos (demo, en curso)");
        event.put(
                "description",
                "Edición de demostración en plena etapa de envíos: un equipo ya subió su cuaderno y"
                        + " recibió comentarios de su mentora.");
        event.put("timezone", "America/Lima");
        event.put("phases", phases(now.plus(1, ChronoUnit.DAYS)));
        String id = call("POST", "/api/v1/events", admin, event).get("id").asString();
        call(
                "POST",
                "/api/v1/events/" + id + "/memberships",
                admin,
                Map.of("role", "MENTOR", "email", DemoUsers.email("mentor")));
        String dataset =
                "https://www.datosabiertos.gob.pe/dataset/vigilancia-epidemiol%C3%B3gica-de-dengue";
        String challenge =
                challenge(
                        id,
                        admin,
                        "Dengue en la Amazonía",
                        "Relaciona los casos semanales de dengue con la lluvia y propone alertas.",
                        List.of("salud", "clima"),
                        "Centro Nacional de Epidemiología, Prevención y Control de Enfermedades (MINSA)",
                        "Vigilancia epidemiológica de dengue",
                        dataset);
        call("POST", "/api/v1/events/" + id + "/publish", admin, null);
        call(
                "POST",
                "/api/v1/events/" + id + "/registrations",
                citizen,
                Map.of("region", "Loreto", "skills", List.of("python"), "termsVersion", "2026-11"));
        String team =
                call(
                                "POST",
                                "/api/v1/events/" + id + "/teams",
                                citizen,
                                Map.of("name", "Los Zancudos Analíticos"))
                        .get("id")
                        .asString();
        call(
                "POST",
                "/api/v1/events/" + id + "/teams/" + team + "/challenges",
                citizen,
                Map.of("challengeId", challenge));
        // registration over, SUBMISSION open for three weeks
        call("PUT", "/api/v1/events/" + id + "/phases", admin, Map.of("phases", phases(now)));
        Map<String, Object> submission = new LinkedHashMap<>();
        submission.put("teamId", team);
        submission.put("challengeId", challenge);
        submission.put("title", "Lluvia y dengue en Loreto");
        submission.put(
                "summary", "Cruzamos la **vigilancia semanal** con la precipitación acumulada.");
        submission.put("links", Map.of("repository", "https://github.com/ejemplo/dengue-loreto"));
        submission.put("datasets", List.of(Map.of("url", dataset, "title", "Dengue")));
        submission.put("licence", "CC-BY-4.0");
        String submissionId =
                call("POST", "/api/v1/events/" + id + "/submissions", citizen, submission)
                        .get("id")
                        .asString();
        JsonNode artifact = upload(submissionId, citizen, "NOTEBOOK", "analisis.ipynb", notebook());
        call("POST", "/api/v1/submissions/" + submissionId + "/submit", citizen, null);
        call(
                "POST",
                "/api/v1/submissions/" + submissionId + "/comments",
                mentor,
                Map.of(
                        "body",
                        "Buen inicio. En esta celda conviene agrupar por **semana epidemiológica**"
                                + " antes de cruzar con la lluvia.",
                        "artifactId",
                        artifact.get("id").asString(),
                        "cellId",
                        "0bc81532"));
        return id;
    }

    public static final String SLUG_JUDGING = "datathon-peru-demo-jurado";

    /**
     * Loads a third edition, in JUDGING, unless it is there: four teams submitted a notebook in two
     * challenges, the event has its rubric, the assignment ran (two judges per submission among the
     * demo judge and two more), the other judges submitted their scores and the demo judge saved
     * one draft, so a judge's day can be tried at once. Everything goes through the API.
     */
    public String loadJudging() throws Exception {
        String admin = token("admin");
        JsonNode existing = call("GET", "/api/v1/events?limit=100", null, null);
        for (JsonNode event : existing.get("items")) {
            if (SLUG_JUDGING.equals(event.get("slug").asString())) {
                return event.get("id").asString();
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("slug", SLUG_JUDGING);
        event.put("title", "Datatón de Datos Abiertos del Sur (demo, en evaluación)");
        event.put(
                "description",
                "Edición de demostración en plena evaluación: los equipos ya enviaron sus cuadernos"
                        + " y el jurado califica con la rúbrica.");
        event.put("timezone", "America/Lima");
        event.put("phases", phases(now.plus(1, ChronoUnit.DAYS)));
        event.put("settings", Map.of("judging", Map.of("judgesPerSubmission", 2)));
        String id = call("POST", "/api/v1/events", admin, event).get("id").asString();
        String dengue =
                "https://www.datosabiertos.gob.pe/dataset/vigilancia-epidemiol%C3%B3gica-de-dengue";
        String air =
                "https://www.datosabiertos.gob.pe/dataset/datos-horarios-de-contanimantes-del-aire-en-limametropolitana-servicio-nacional-de";
        List<String> challenges =
                List.of(
                        challenge(
                                id,
                                admin,
                                "Dengue en la costa norte",
                                "Anticipa brotes de dengue en Piura y Tumbes con la vigilancia semanal.",
                                List.of("salud", "clima"),
                                "Centro Nacional de Epidemiología, Prevención y Control de Enfermedades (MINSA)",
                                "Vigilancia epidemiológica de dengue",
                                dengue),
                        challenge(
                                id,
                                admin,
                                "Aire limpio para Lima",
                                "Explica los picos de PM2.5 con los datos horarios de las estaciones.",
                                List.of("ambiente", "ciudades"),
                                "Servicio Nacional de Meteorología e Hidrología (SENAMHI)",
                                "Datos horarios de contaminantes del aire en Lima Metropolitana [SENAMHI]",
                                air));
        call("POST", "/api/v1/events/" + id + "/publish", admin, null);
        List<String> teams =
                List.of("Los Vigías del Zancudo", "Piura Data Lab", "Aire de Datos", "Smog Cero");
        // teams form while REGISTRATION is open, then submit while SUBMISSION is
        List<String[]> entered = new java.util.ArrayList<>();
        for (int i = 0; i < teams.size(); i++) {
            entered.add(entry(id, challenges.get(i / 2), teams.get(i), i + 1));
        }
        call("PUT", "/api/v1/events/" + id + "/phases", admin, Map.of("phases", phases(now)));
        for (int i = 0; i < teams.size(); i++) {
            String dataset = i / 2 == 0 ? dengue : air;
            submit(id, challenges.get(i / 2), dataset, teams.get(i), i + 1, entered.get(i));
        }
        // SUBMISSION over a minute ago, JUDGING open for a week
        call(
                "PUT",
                "/api/v1/events/" + id + "/phases",
                admin,
                Map.of(
                        "phases",
                        List.of(
                                window(
                                        "REGISTRATION",
                                        now.minus(30, ChronoUnit.DAYS),
                                        now.minus(10, ChronoUnit.DAYS)),
                                window(
                                        "SUBMISSION",
                                        now.minus(10, ChronoUnit.DAYS),
                                        now.minus(1, ChronoUnit.MINUTES)),
                                window(
                                        "JUDGING",
                                        now.minus(1, ChronoUnit.MINUTES),
                                        now.plus(7, ChronoUnit.DAYS)),
                                window(
                                        "VOTING",
                                        now.plus(1, ChronoUnit.DAYS),
                                        now.plus(7, ChronoUnit.DAYS)),
                                window(
                                        "RESULTS",
                                        now.plus(7, ChronoUnit.DAYS),
                                        now.plus(60, ChronoUnit.DAYS)))));
        List<String> judges = List.of("judge", "jurado-ana", "jurado-luis");
        for (String judge : judges) {
            call(
                    "POST",
                    "/api/v1/events/" + id + "/memberships",
                    admin,
                    Map.of("role", "JUDGE", "email", DemoUsers.email(judge)));
            // signing in binds the invitation
            call("GET", "/api/v1/me", token(judge), null);
        }
        String judging = "/api/v1/events/" + id + "/judging";
        JsonNode rubric = call("GET", judging + "/rubric", admin, null);
        call("PUT", judging + "/rubric", admin, Map.of("criteria", rubric.get("criteria")));
        call("POST", judging + "/assignment-runs", admin, Map.of("seed", 2026));
        List<String> keys = new java.util.ArrayList<>();
        rubric.get("criteria").forEach(c -> keys.add(c.get("key").asString()));
        score(judging, token("jurado-ana"), keys, true, 0);
        score(judging, token("jurado-luis"), keys, true, 1);
        score(judging, token("judge"), keys, false, 2);
        return id;
    }

    /** A citizen's team that entered the challenge: the citizen's token and the team's id. */
    private String[] entry(String eventId, String challenge, String name, int n) throws Exception {
        String citizen = token("equipo-sur-" + n);
        call("GET", "/api/v1/me", citizen, null);
        call(
                "POST",
                "/api/v1/events/" + eventId + "/registrations",
                citizen,
                Map.of("region", "Piura", "skills", List.of("python"), "termsVersion", "2026-11"));
        String team =
                call("POST", "/api/v1/events/" + eventId + "/teams", citizen, Map.of("name", name))
                        .get("id")
                        .asString();
        call(
                "POST",
                "/api/v1/events/" + eventId + "/teams/" + team + "/challenges",
                citizen,
                Map.of("challengeId", challenge));
        return new String[] {citizen, team};
    }

    /** The team's notebook, submitted as version 1. */
    private void submit(
            String eventId, String challenge, String dataset, String name, int n, String[] entry)
            throws Exception {
        String citizen = entry[0];
        String team = entry[1];
        Map<String, Object> submission = new LinkedHashMap<>();
        submission.put("teamId", team);
        submission.put("challengeId", challenge);
        submission.put("title", name + ": análisis y propuesta");
        submission.put("summary", "Cuaderno reproducible con los datos oficiales y una propuesta.");
        submission.put("links", Map.of("repository", "https://github.com/ejemplo/demo-" + n));
        submission.put("datasets", List.of(Map.of("url", dataset, "title", "Datos del reto")));
        submission.put("licence", "CC-BY-4.0");
        String submissionId =
                call("POST", "/api/v1/events/" + eventId + "/submissions", citizen, submission)
                        .get("id")
                        .asString();
        upload(submissionId, citizen, "NOTEBOOK", "analisis.ipynb", notebook());
        call("POST", "/api/v1/submissions/" + submissionId + "/submit", citizen, null);
    }

    /**
     * The judge's queue scored: every item submitted ({@code submit}), or a draft of the first only
     * (the demo judge keeps the rest to try).
     */
    private void score(String judging, String token, List<String> keys, boolean submit, int seed)
            throws Exception {
        JsonNode queue = call("GET", judging + "/queue", token, null);
        int n = 0;
        for (JsonNode item : queue.get("items")) {
            String submission = item.get("submissionId").asString();
            Map<String, Object> marks = new LinkedHashMap<>();
            for (int k = 0; k < keys.size(); k++) {
                if (submit || k < 2) {
                    marks.put(keys.get(k), Map.of("value", 2 + (seed + n + k) % 4));
                }
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("marks", marks);
            body.put("comment", "Cuaderno claro; falta validar con otra fuente.");
            call("PUT", judging + "/scores/" + submission, token, body);
            if (!submit) {
                return;
            }
            call("POST", judging + "/scores/" + submission + "/submit", token, null);
            n++;
        }
    }

    /** REGISTRATION closing at {@code submissionOpens}, SUBMISSION for three weeks after. */
    private static List<Map<String, String>> phases(Instant submissionOpens) {
        Instant closes = submissionOpens.plus(21, ChronoUnit.DAYS);
        return List.of(
                window("REGISTRATION", submissionOpens.minus(14, ChronoUnit.DAYS), submissionOpens),
                window("SUBMISSION", submissionOpens, closes),
                window("JUDGING", closes, closes.plus(7, ChronoUnit.DAYS)),
                window("VOTING", closes.plus(1, ChronoUnit.DAYS), closes.plus(7, ChronoUnit.DAYS)),
                window(
                        "RESULTS",
                        closes.plus(7, ChronoUnit.DAYS),
                        closes.plus(60, ChronoUnit.DAYS)));
    }

    private static byte[] notebook() throws java.io.IOException {
        try (var in = DemoData.class.getResourceAsStream("/notebooks/test4.5.ipynb")) {
            if (in == null) {
                throw new IllegalStateException("notebooks/test4.5.ipynb is not on the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** A multipart upload of one file, as a browser form would send it. */
    private JsonNode upload(
            String submissionId, String token, String kind, String filename, byte[] content)
            throws Exception {
        String boundary = "minka-demo-" + Long.toHexString(System.nanoTime());
        byte[] head =
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                                + filename
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail =
                ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest request =
                Http.request(
                                URI.create(
                                        api
                                                + "/api/v1/submissions/"
                                                + submissionId
                                                + "/artifacts?kind="
                                                + kind))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/json")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    "upload -> " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    private String challenge(
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
        return call("POST", "/api/v1/events/" + eventId + "/challenges", token, body)
                .get("id")
                .asString();
    }

    private static Map<String, String> window(String phase, Instant opens, Instant closes) {
        return Map.of("phase", phase, "opensAt", opens.toString(), "closesAt", closes.toString());
    }

    /** A token for a demo role from the dev issuer, exactly as the printed curl line gets it. */
    public String token(String role) throws Exception {
        if (tokens != null) {
            return tokens.token(role);
        }
        HttpRequest request =
                Http.request(URI.create(issuerUri + "/token"))
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

    // A PRIVATE edition: readable only by its members, the demo citizen and @minedu.gob.pe.

    public static final String SLUG_PRIVATE = "datathon-minedu-privado";

    /**
     * Loads a PRIVATE edition unless it is there: the demo citizen is on its allow-list, and so is
     * every verified address of {@code @minedu.gob.pe}; anyone else gets a 404 (see
     * docs/private-events.md).
     */
    public String loadPrivate() throws Exception {
        String admin = token("admin");
        JsonNode existing = call("GET", "/api/v1/events?limit=100", admin, null);
        for (JsonNode event : existing.get("items")) {
            if (SLUG_PRIVATE.equals(event.get("slug").asString())) {
                return event.get("id").asString();
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("slug", SLUG_PRIVATE);
        event.put("title", "Datatón interno MINEDU (privado, demo)");
        event.put(
                "description",
                "Edición privada: solo la ven sus miembros, el personal de @minedu.gob.pe y las"
                        + " personas invitadas.");
        event.put("timezone", "America/Lima");
        event.put("visibility", "PRIVATE");
        event.put("phases", phases(now.plus(14, ChronoUnit.DAYS)));
        String id = call("POST", "/api/v1/events", admin, event).get("id").asString();
        call(
                "POST",
                "/api/v1/events/" + id + "/memberships",
                admin,
                Map.of("role", "ORGANIZER", "email", DemoUsers.email("organizer")));
        challenge(
                id,
                admin,
                "Vacunación en edad escolar",
                "Cruza la vacunación contra la COVID-19 con la edad escolar por distrito y propone"
                        + " campañas en los colegios.",
                List.of("educación", "salud"),
                "Ministerio de Educación (MINEDU)",
                "Vacunación contra COVID-19 [Ministerio de Salud - MINSA]",
                "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa");
        call(
                "POST",
                "/api/v1/events/" + id + "/allow-list",
                admin,
                Map.of("entries", List.of("@minedu.gob.pe", DemoUsers.email("citizen"))));
        call("POST", "/api/v1/events/" + id + "/publish", admin, null);
        return id;
    }
}
