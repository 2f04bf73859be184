package org.minka.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.LocalServers;
import org.minka.support.Tokens;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Three published events, one per visibility (PRIVATE, UNLISTED, PUBLIC), each with a challenge, a
 * team that entered it and submitted, a help request, and the same callers in every event:
 * anonymous, an outsider, an unverified user of the allowed domain, a citizen allow-listed by
 * email, one allowed by domain, a registered participant without a team, a team member, a mentor
 * and a judge of the challenge, an organizer and an admin. SUBMISSION has closed and JUDGING is
 * open, so every gallery is open. In the PRIVATE event the participant and the team registered
 * while the allow-list named them, and were taken off it afterwards: taking part is enough.
 * Everything goes through the API.
 */
final class PrivateEventWorld {

    static final List<String> CALLERS =
            List.of(
                    "anonymous",
                    "outsider",
                    "unverified",
                    "allowed-email",
                    "allowed-domain",
                    "participant",
                    "member",
                    "mentor",
                    "judge",
                    "organizer",
                    "admin");

    static final String CHALLENGE_DATASET =
            "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa";

    static final List<String> VISIBILITIES = List.of("PRIVATE", "UNLISTED", "PUBLIC");

    /** One event and what hangs from it. */
    record Stage(
            UUID event, UUID challenge, UUID team, UUID submission, UUID helpRequest, UUID entry) {}

    final Map<String, Stage> stages = new LinkedHashMap<>();
    final Map<String, User> callers = new LinkedHashMap<>();
    final String domain;
    private final Api api;
    private final Fixtures fixtures;
    private final WebTestClient web;
    private final Tokens tokens;
    private final User creator;
    private final User captain;

    PrivateEventWorld(WebTestClient web, Fixtures fixtures, Tokens tokens) {
        this.web = web;
        this.fixtures = fixtures;
        this.tokens = tokens;
        this.api = new Api(web, fixtures);
        domain = UUID.randomUUID().toString().substring(0, 8) + ".minedu.gob.pe";
        creator = fixtures.admin();
        captain = fixtures.user("captain");
        callers.put("anonymous", null);
        callers.put("outsider", fixtures.user("outsider"));
        callers.put("unverified", withEmail("unverified", "nadie@" + domain, false));
        callers.put("allowed-email", fixtures.user("allowed"));
        callers.put("allowed-domain", withEmail("domain", "ana.quispe@" + domain, true));
        callers.put("participant", fixtures.user("participant"));
        callers.put("member", fixtures.user("member"));
        callers.put("mentor", fixtures.user("mentor"));
        callers.put("judge", fixtures.user("judge"));
        callers.put("organizer", fixtures.user("organizer"));
        callers.put("admin", fixtures.admin());
        for (String visibility : VISIBILITIES) {
            stages.put(visibility, stage(visibility));
        }
    }

    User caller(String name) {
        return callers.get(name);
    }

    /** The callers' tokens in column order (null for anonymous). */
    String[] tokens() {
        return CALLERS.stream()
                .map(callers::get)
                .map(u -> u == null ? null : u.token())
                .toArray(String[]::new);
    }

    /** A signed-in user with this email, verified or not. */
    User withEmail(String role, String email, boolean verified) {
        String subject = role + "-" + UUID.randomUUID();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("email_verified", verified);
        claims.put("name", "User " + subject);
        String token =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        subject,
                        List.of(LocalServers.AUDIENCE),
                        claims,
                        3600);
        User bare = new User(token, null, email);
        UUID id = api.get(bare, "/api/v1/me").expect(200).id();
        return new User(token, id, email);
    }

    private Stage stage(String visibility) {
        User organizer = caller("organizer");
        Map<String, Object> body = new LinkedHashMap<>(fixtures.eventBody(fixtures.slug()));
        body.put("visibility", visibility);
        UUID event = api.post(creator, "/api/v1/events", body).expect(201).id();
        api.post(creator, "/api/v1/events/{e}/publish", null, event).expect(200);
        fixtures.addMember(event, creator, organizer, "ORGANIZER");
        UUID challenge = fixtures.challenge(event, organizer, "Vacunación");
        scoped(event, "mentor", "MENTOR", challenge);
        scoped(event, "judge", "JUDGE", challenge);
        List<String> temporary =
                List.of(caller("participant").email(), caller("member").email(), captain.email());
        allow(event, List.of(caller("allowed-email").email(), "@" + domain));
        List<UUID> taken = allow(event, temporary);
        register(event, caller("participant"));
        register(event, caller("member"));
        register(event, captain);
        var team = api.team(event, captain);
        String code = team.json("$.joinCode");
        UUID teamId = team.id();
        api.join(event, caller("member"), code);
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        Map.of("challengeId", challenge.toString()),
                        event,
                        teamId)
                .expect(200);
        taken.forEach(
                id ->
                        api.delete(organizer, "/api/v1/events/{e}/allow-list/{id}", event, id)
                                .expect(204));
        api.closeRegistration(event, organizer);
        UUID submission =
                api.post(
                                captain,
                                "/api/v1/events/{e}/submissions",
                                submissionBody(teamId, challenge),
                                event)
                        .expect(201)
                        .id();
        api.post(captain, "/api/v1/submissions/{s}/submit", null, submission).expect(201);
        UUID help =
                api.post(
                                caller("member"),
                                "/api/v1/events/{e}/help-requests",
                                Map.of(
                                        "teamId",
                                        teamId.toString(),
                                        "challengeId",
                                        challenge.toString(),
                                        "topic",
                                        "Ubigeo",
                                        "text",
                                        "¿Qué ubigeo usa el dataset?"),
                                event)
                        .expect(201)
                        .id();
        api.closeSubmission(event, organizer);
        UUID entry =
                UUID.fromString(
                        api.get(organizer, "/api/v1/events/{e}/allow-list", event)
                                .expect(200)
                                .json("$[0].id"));
        return new Stage(event, challenge, teamId, submission, help, entry);
    }

    private void scoped(UUID event, String who, String role, UUID challenge) {
        api.post(
                        caller("organizer"),
                        "/api/v1/events/{e}/memberships",
                        Map.of(
                                "role", role,
                                "userId", caller(who).id().toString(),
                                "challengeIds", List.of(challenge.toString())),
                        event)
                .expect(201);
    }

    /** Adds the entries; answers the ids of those added. */
    private List<UUID> allow(UUID event, List<String> entries) {
        List<Map<String, Object>> all =
                api.post(
                                caller("organizer"),
                                "/api/v1/events/{e}/allow-list",
                                Map.of("entries", entries),
                                event)
                        .expect(200)
                        .json("$");
        return all.stream()
                .filter(e -> entries.contains((String) e.get("entry")))
                .map(e -> UUID.fromString((String) e.get("id")))
                .toList();
    }

    private void register(UUID event, User user) {
        api.post(user, "/api/v1/events/{e}/registrations", Api.ANSWERS, event).expect(201);
    }

    static Map<String, Object> submissionBody(UUID team, UUID challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team.toString());
        body.put("challengeId", challenge.toString());
        body.put("title", "Brechas de vacunación por distrito");
        body.put("summary", "Cruzamos la vacunación con el padrón.");
        body.put("datasets", List.of(Map.of("url", CHALLENGE_DATASET, "title", "Vacunación")));
        body.put("licence", "CC-BY-4.0");
        return body;
    }

    /** The path with this stage's ids in place of its variables. */
    String resolve(String template, Stage s) {
        return "/api/v1"
                + template.replace("{eventId}", s.event().toString())
                        .replace("{challengeId}", s.challenge().toString())
                        .replace("{teamId}", s.team().toString())
                        .replace("{submissionId}", s.submission().toString())
                        .replace("{requestId}", s.helpRequest().toString())
                        .replace("{proposalId}", UUID.randomUUID().toString())
                        .replace("{flagId}", UUID.randomUUID().toString())
                        .replace("{runId}", UUID.randomUUID().toString())
                        .replace("{number}", "1");
    }
}
