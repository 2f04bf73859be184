package org.minka.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Builds events, challenges and users through the API, as clients would. */
public final class Fixtures {

    private static final AtomicInteger sequence = new AtomicInteger();

    private final WebTestClient web;
    private final Tokens tokens;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public Fixtures(WebTestClient web, Tokens tokens) {
        this.web = web;
        this.tokens = tokens;
    }

    /** A signed-in user with a unique subject: the token, and the id Minka gave them. */
    public record User(String token, UUID id, String email) {}

    public User user(String role) {
        return user(role, false);
    }

    public User admin() {
        return user("admin", true);
    }

    public User user(String role, boolean admin) {
        String subject = role + "-" + run + "-" + sequence.incrementAndGet();
        String token = tokens.user(subject, admin);
        Map<?, ?> me =
                web.get()
                        .uri("/api/v1/me")
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return new User(token, UUID.fromString((String) me.get("id")), (String) me.get("email"));
    }

    public String slug() {
        return "ev-" + run + "-" + sequence.incrementAndGet();
    }

    /** Windows relative to now: registration open, the rest to come, VOTING overlapping JUDGING. */
    public static List<Map<String, Object>> phases(Instant now) {
        Instant base = now.truncatedTo(ChronoUnit.SECONDS);
        return List.of(
                window(
                        "REGISTRATION",
                        base.minus(Duration.ofDays(1)),
                        base.plus(Duration.ofDays(10))),
                window(
                        "SUBMISSION",
                        base.plus(Duration.ofDays(10)),
                        base.plus(Duration.ofDays(20))),
                window("JUDGING", base.plus(Duration.ofDays(20)), base.plus(Duration.ofDays(30))),
                window("VOTING", base.plus(Duration.ofDays(25)), base.plus(Duration.ofDays(30))),
                window("RESULTS", base.plus(Duration.ofDays(30)), base.plus(Duration.ofDays(40))));
    }

    public static Map<String, Object> window(String phase, Instant opens, Instant closes) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("phase", phase);
        w.put("opensAt", opens.toString());
        w.put("closesAt", closes.toString());
        return w;
    }

    public Map<String, Object> eventBody(String slug) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("title", "Datatón " + slug);
        body.put("description", "Una edición de prueba");
        body.put("phases", phases(Instant.now()));
        return body;
    }

    /** An event created by this admin (who becomes its organizer); published when asked. */
    public UUID event(User admin, boolean published) {
        Map<?, ?> created =
                web.post()
                        .uri("/api/v1/events")
                        .headers(h -> h.setBearerAuth(admin.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(eventBody(slug()))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        UUID id = UUID.fromString((String) created.get("id"));
        if (published) {
            web.post()
                    .uri("/api/v1/events/{id}/publish", id)
                    .headers(h -> h.setBearerAuth(admin.token()))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        return id;
    }

    /** Makes the user an organizer of the event. */
    public UUID addMember(UUID eventId, User by, User member, String role) {
        Map<?, ?> created =
                web.post()
                        .uri("/api/v1/events/{id}/memberships", eventId)
                        .headers(h -> h.setBearerAuth(by.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("role", role, "userId", member.id().toString()))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }

    public static Map<String, Object> challengeBody(String title) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("statement", "Analiza los datos y propone soluciones.");
        body.put("themes", List.of("salud"));
        body.put("proposingEntity", "Ministerio de Salud (MINSA)");
        body.put(
                "datasets",
                List.of(
                        Map.of(
                                "title", "Vacunación contra COVID-19",
                                "landingUrl",
                                        "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa",
                                "portalId", "vacunacion-contra-covid-19")));
        return body;
    }

    public UUID challenge(UUID eventId, User organizer, String title) {
        Map<?, ?> created =
                web.post()
                        .uri("/api/v1/events/{id}/challenges", eventId)
                        .headers(h -> h.setBearerAuth(organizer.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(challengeBody(title))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }

    /**
     * The five callers every endpoint is tested with: anonymous, a citizen, an organizer of another
     * event, an organizer of this event, and an admin.
     */
    public record Cast(
            User citizen,
            User otherOrganizer,
            User organizer,
            User admin,
            UUID event,
            UUID otherEvent) {}

    public Cast cast(boolean published) {
        User admin = admin();
        User citizen = user("citizen");
        User organizer = user("organizer");
        User otherOrganizer = user("other-organizer");
        UUID event = event(admin, published);
        UUID otherEvent = event(admin, true);
        addMember(event, admin, organizer, "ORGANIZER");
        addMember(otherEvent, admin, otherOrganizer, "ORGANIZER");
        return new Cast(citizen, otherOrganizer, organizer, admin, event, otherEvent);
    }
}
