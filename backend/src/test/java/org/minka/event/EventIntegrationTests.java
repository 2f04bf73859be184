package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class EventIntegrationTests extends IntegrationTest {

    private WebTestClient.ResponseSpec create(User user, Object body) {
        return web.post()
                .uri("/api/v1/events")
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private long eventsWithSlug(String slug) {
        return count("select count(*) from events where slug = $1", slug);
    }

    @Test
    void createWhenAdminThenCreatedWithDefaultsOrganizerAndAudit() {
        User admin = fixtures.admin();
        String slug = fixtures.slug();
        Map<?, ?> event =
                create(admin, fixtures.eventBody(slug))
                        .expectStatus()
                        .isCreated()
                        .expectHeader()
                        .exists(HttpHeaders.ETAG)
                        .expectHeader()
                        .valueMatches(HttpHeaders.LOCATION, "/api/v1/events/[0-9a-f-]{36}")
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(event.get("timezone")).isEqualTo("America/Lima");
        assertThat(event.get("published")).isEqualTo(false);
        assertThat(event.get("currentPhase")).isEqualTo("DRAFT");
        Map<?, ?> settings = (Map<?, ?>) event.get("settings");
        assertThat(settings.get("teamSizeMin")).isEqualTo(1);
        assertThat(settings.get("teamSizeMax")).isEqualTo(5);
        assertThat(((Map<?, ?>) settings.get("judging")).get("judgesPerSubmission")).isEqualTo(3);
        UUID id = UUID.fromString((String) event.get("id"));
        web.get()
                .uri("/api/v1/events/{id}/memberships", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].role")
                .isEqualTo("ORGANIZER")
                .jsonPath("$[0].userId")
                .isEqualTo(admin.id().toString());
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action = 'event.created'",
                                id))
                .isEqualTo(1);
    }

    @Test
    void createWhenSettingsGivenThenMergedWithDefaults() {
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        body.put("settings", Map.of("teamSizeMax", 4, "voting", Map.of("votesPerVoter", 3)));
        body.put("timezone", "America/Bogota");
        create(fixtures.admin(), body)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.settings.teamSizeMax")
                .isEqualTo(4)
                .jsonPath("$.settings.teamSizeMin")
                .isEqualTo(1)
                .jsonPath("$.settings.voting.votesPerVoter")
                .isEqualTo(3)
                .jsonPath("$.settings.voting.requireVerifiedEmail")
                .isEqualTo(true)
                .jsonPath("$.timezone")
                .isEqualTo("America/Bogota");
    }

    @Test
    void createWhenFieldsInvalidThenValidationProblemListsFieldsAndNothingStored() {
        Map<String, Object> body = new HashMap<>(fixtures.eventBody("Bad Slug!"));
        body.put("title", " ");
        create(fixtures.admin(), body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/validation-failed")
                .jsonPath("$.errors[?(@.field == 'slug')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'title')]")
                .exists();
        assertThat(eventsWithSlug("Bad Slug!")).isZero();
    }

    @Test
    void createWhenValidationFailsInSpanishThenSpanishMessages() {
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        body.remove("title");
        web.post()
                .uri("/api/v1/events")
                .headers(h -> h.setBearerAuth(fixtures.admin().token()))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "es")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Un campo no es válido; revisa errors.")
                .jsonPath("$.errors[0].field")
                .isEqualTo("title")
                .jsonPath("$.errors[0].message")
                .isEqualTo("no debe estar vacío");
    }

    @Test
    void createWhenJsonMalformedThenBadRequest() {
        create(fixtures.admin(), "{\"slug\": \"x\", ")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/malformed-request");
    }

    @Test
    void createWhenWrongMediaTypeThenUnsupported() {
        web.post()
                .uri("/api/v1/events")
                .headers(h -> h.setBearerAuth(fixtures.admin().token()))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("slug=x")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/unsupported-media-type");
    }

    @Test
    void createWhenBodyTooLargeThenPayloadTooLarge() {
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        body.put("description", "x".repeat(1_100_000));
        create(fixtures.admin(), body)
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/payload-too-large");
    }

    @Test
    void createWhenTimezoneUnknownThenValidationProblem() {
        String slug = fixtures.slug();
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(slug));
        body.put("timezone", "Mars/Olympus");
        create(fixtures.admin(), body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("timezone");
        assertThat(eventsWithSlug(slug)).isZero();
    }

    @Test
    void createWhenTeamSizeMinAboveMaxThenValidationProblem() {
        String slug = fixtures.slug();
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(slug));
        body.put("settings", Map.of("teamSizeMin", 6));
        create(fixtures.admin(), body)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/validation-failed");
        assertThat(eventsWithSlug(slug)).isZero();
    }

    @Test
    void createWhenWindowsOverlapThenUnprocessableAndNothingStored() {
        String slug = fixtures.slug();
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(slug));
        List<Map<String, Object>> phases = new ArrayList<>(Fixtures.phases(now));
        phases.set(
                1,
                Fixtures.window(
                        "SUBMISSION", now.plus(Duration.ofDays(5)), now.plus(Duration.ofDays(20))));
        body.put("phases", phases);
        create(fixtures.admin(), body)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/invalid-phase-windows")
                .jsonPath("$.detail")
                .isEqualTo(
                        "The windows of REGISTRATION and SUBMISSION overlap; only VOTING may overlap JUDGING.");
        assertThat(eventsWithSlug(slug)).isZero();
    }

    @Test
    void createWhenPhaseRepeatedThenUnprocessable() {
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        List<Map<String, Object>> phases = new ArrayList<>(Fixtures.phases(now));
        phases.set(
                4,
                Fixtures.window(
                        "VOTING", now.plus(Duration.ofDays(31)), now.plus(Duration.ofDays(32))));
        body.put("phases", phases);
        create(fixtures.admin(), body)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("The phase VOTING has more than one window.");
    }

    @Test
    void createWhenSlugTakenThenConflictAndOneRow() {
        User admin = fixtures.admin();
        String slug = fixtures.slug();
        create(admin, fixtures.eventBody(slug)).expectStatus().isCreated();
        create(admin, fixtures.eventBody(slug.toUpperCase().toLowerCase()))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/duplicate-slug");
        assertThat(eventsWithSlug(slug)).isEqualTo(1);
    }

    @Test
    void getWhenPublishedThenEtagAndNotModified() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, true);
        String etag =
                web.get()
                        .uri("/api/v1/events/{id}", id)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectHeader()
                        .exists(HttpHeaders.ETAG)
                        .expectHeader()
                        .valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getETag();
        web.get()
                .uri("/api/v1/events/{id}", id)
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isNotModified();
        web.patch()
                .uri("/api/v1/events/{id}", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Nuevo título"))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/api/v1/events/{id}", id)
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Nuevo título");
    }

    @Test
    void listWhenManyThenCursorPagesWithLinkAndNotModified() {
        User admin = fixtures.admin();
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(fixtures.event(admin, true));
        }
        fixtures.event(admin, false);
        List<String> seen = new ArrayList<>();
        String next = "/api/v1/events?limit=2";
        int pages = 0;
        while (next != null && pages < 1000) {
            var result =
                    web.get()
                            .uri(next)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(Map.class)
                            .returnResult();
            Map<?, ?> page = result.getResponseBody();
            for (Object item : (List<?>) page.get("items")) {
                Map<?, ?> event = (Map<?, ?>) item;
                assertThat(event.get("published")).isEqualTo(true);
                seen.add((String) event.get("id"));
            }
            String link = result.getResponseHeaders().getFirst(HttpHeaders.LINK);
            if (page.get("nextCursor") == null) {
                assertThat(link).isNull();
                next = null;
            } else {
                assertThat(link)
                        .contains("rel=\"next\"")
                        .contains("cursor=" + page.get("nextCursor"));
                next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            }
            pages++;
        }
        assertThat(seen)
                .doesNotHaveDuplicates()
                .containsAll(created.stream().map(UUID::toString).toList());
        String etag =
                web.get()
                        .uri("/api/v1/events?limit=2")
                        .exchange()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getETag();
        web.get()
                .uri("/api/v1/events?limit=2")
                .header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus()
                .isNotModified();
    }

    @Test
    void listWhenLimitOutOfRangeThenValidationProblem() {
        web.get()
                .uri("/api/v1/events?limit=0")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("limit");
        web.get().uri("/api/v1/events?limit=101").exchange().expectStatus().isBadRequest();
        web.get().uri("/api/v1/events?limit=abc").exchange().expectStatus().isBadRequest();
    }

    @Test
    void listWhenCursorForgedThenInvalidCursor() {
        web.get()
                .uri("/api/v1/events?cursor=not-a-cursor")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/invalid-cursor");
    }

    @Test
    void updateWhenIfMatchStaleThenPreconditionFailedAndUnchanged() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, false);
        String etag =
                web.get()
                        .uri("/api/v1/events/{id}", id)
                        .headers(h -> h.setBearerAuth(admin.token()))
                        .exchange()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getETag();
        web.patch()
                .uri("/api/v1/events/{id}", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, etag)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Primero"))
                .exchange()
                .expectStatus()
                .isOk();
        web.patch()
                .uri("/api/v1/events/{id}", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, etag)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Segundo"))
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/stale-version");
        assertThat(count("select count(*) from events where id = $1 and title = 'Primero'", id))
                .isEqualTo(1);
    }

    @Test
    void updateWhenConcurrentWritesWithSameVersionThenExactlyOneWins() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, false);
        String etag =
                web.get()
                        .uri("/api/v1/events/{id}", id)
                        .headers(h -> h.setBearerAuth(admin.token()))
                        .exchange()
                        .returnResult(String.class)
                        .getResponseHeaders()
                        .getETag();
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String title = "Título " + i;
            writes.add(
                    CompletableFuture.supplyAsync(
                            () ->
                                    web.patch()
                                            .uri("/api/v1/events/{id}", id)
                                            .headers(h -> h.setBearerAuth(admin.token()))
                                            .header(HttpHeaders.IF_MATCH, etag)
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .bodyValue(Map.of("title", title))
                                            .exchange()
                                            .returnResult(String.class)
                                            .getStatus()
                                            .value()));
        }
        List<Integer> statuses = writes.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnly(200, 412);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(count("select version from events where id = $1", id)).isEqualTo(1);
    }

    @Test
    void updateWhenSlugTakenThenConflict() {
        User admin = fixtures.admin();
        UUID first = fixtures.event(admin, false);
        String takenSlug =
                web.get()
                        .uri("/api/v1/events/{id}", first)
                        .headers(h -> h.setBearerAuth(admin.token()))
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("slug")
                        .toString();
        UUID second = fixtures.event(admin, false);
        web.patch()
                .uri("/api/v1/events/{id}", second)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("slug", takenSlug))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void updateWhenFieldsInvalidThenBadRequestAndUnchanged() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, false);
        web.patch()
                .uri("/api/v1/events/{id}", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "", "settings", Map.of("teamSizeMin", 0)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(3);
        web.patch()
                .uri("/api/v1/events/{id}", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("settings", Map.of("teamSizeMax", 0)))
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(count("select version from events where id = $1", id)).isZero();
    }

    @Test
    void replacePhasesWhenWindowsChangeThenEachChangeAudited() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, true);
        // the windows as stored: rebuilding them from a second Instant.now() would shift all five
        // when a second ticks over in between
        Map<?, ?> event =
                web.get()
                        .uri("/api/v1/events/{id}", id)
                        .headers(h -> h.setBearerAuth(admin.token()))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        List<Map<String, Object>> phases = new ArrayList<>();
        for (Object stored : (List<?>) event.get("phases")) {
            Map<?, ?> w = (Map<?, ?>) stored;
            phases.add(
                    Fixtures.window(
                            (String) w.get("phase"),
                            Instant.parse((String) w.get("opensAt")),
                            Instant.parse((String) w.get("closesAt"))));
        }
        Map<String, Object> registration = phases.get(0);
        phases.set(
                0,
                Fixtures.window(
                        "REGISTRATION",
                        Instant.parse((String) registration.get("opensAt")),
                        Instant.parse((String) registration.get("closesAt"))
                                .minus(Duration.ofDays(2))));
        Map<String, Object> results = phases.get(4);
        phases.set(
                4,
                Fixtures.window(
                        "RESULTS",
                        Instant.parse((String) results.get("opensAt")),
                        Instant.parse((String) results.get("closesAt")).plus(Duration.ofDays(30))));
        long before =
                count(
                        "select count(*) from audit_log where event_id = $1 and action = 'event.phase.window-changed'",
                        id);
        web.put()
                .uri("/api/v1/events/{id}/phases", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phases", phases))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);
        long after =
                count(
                        "select count(*) from audit_log where event_id = $1 and action = 'event.phase.window-changed'",
                        id);
        assertThat(after - before).isEqualTo(2);
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action = 'event.phase.window-changed' and details->>'phase' = 'RESULTS' and details ? 'from'",
                                id))
                .isEqualTo(1);
    }

    @Test
    void replacePhasesWhenInvalidThenUnprocessableAndUnchanged() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, false);
        Instant now = Instant.now();
        List<Map<String, Object>> phases = new ArrayList<>(Fixtures.phases(now));
        phases.set(
                2,
                Fixtures.window(
                        "JUDGING", now.plus(Duration.ofDays(21)), now.plus(Duration.ofDays(21))));
        web.put()
                .uri("/api/v1/events/{id}/phases", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phases", phases))
                .exchange()
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("The window of JUDGING must open before it closes.");
        web.put()
                .uri("/api/v1/events/{id}/phases", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phases", phases.subList(0, 4)))
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(count("select version from events where id = $1", id)).isZero();
        assertThat(
                        count(
                                "select count(*) from event_phases where event_id = $1 and phase = 'JUDGING' and opens_at = closes_at",
                                id))
                .isZero();
    }

    @Test
    void replacePhasesWhenIfMatchStaleThenPreconditionFailed() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, false);
        web.put()
                .uri("/api/v1/events/{id}/phases", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, "\"41-DRAFT\"")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phases", Fixtures.phases(Instant.now())))
                .exchange()
                .expectStatus()
                .isEqualTo(412);
    }

    @Test
    void currentPhaseWhenClockMovesThenComputedFromWindows() {
        User admin = fixtures.admin();
        Instant now = Instant.now();
        UUID id = fixtures.event(admin, true);
        Map<?, ?> event =
                web.get()
                        .uri("/api/v1/events/{id}", id)
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        List<?> windows = (List<?>) event.get("phases");
        Instant submissionOpens =
                Instant.parse((String) ((Map<?, ?>) windows.get(1)).get("opensAt"));
        clock.set(now);
        assertPhase(id, "REGISTRATION", List.of("REGISTRATION"));
        clock.set(submissionOpens);
        assertPhase(id, "SUBMISSION", List.of("SUBMISSION"));
        clock.set(submissionOpens.plus(Duration.ofDays(12)));
        assertPhase(id, "JUDGING", List.of("JUDGING"));
        clock.set(submissionOpens.plus(Duration.ofDays(16)));
        assertPhase(id, "VOTING", List.of("JUDGING", "VOTING"));
        clock.set(submissionOpens.plus(Duration.ofDays(25)));
        assertPhase(id, "RESULTS", List.of("RESULTS"));
        clock.set(submissionOpens.plus(Duration.ofDays(400)));
        assertPhase(id, "ARCHIVED", List.of());
        clock.set(now.minus(Duration.ofDays(30)));
        assertPhase(id, "UPCOMING", List.of());
    }

    private void assertPhase(UUID id, String current, List<String> open) {
        web.get()
                .uri("/api/v1/events/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.currentPhase")
                .isEqualTo(current)
                .jsonPath("$.openPhases")
                .isEqualTo(open);
    }

    @Test
    void publishWhenUnpublishedThenVisibleToAnonymousAndAudited() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, false);
        web.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isNotFound();
        web.post()
                .uri("/api/v1/events/{id}/publish", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.published")
                .isEqualTo(true)
                .jsonPath("$.publishedAt")
                .isNotEmpty();
        web.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isOk();
        web.post()
                .uri("/api/v1/events/{id}/unpublish", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isOk();
        web.get().uri("/api/v1/events/{id}", id).exchange().expectStatus().isNotFound();
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action in ('event.published', 'event.unpublished')",
                                id))
                .isEqualTo(2);
    }

    @Test
    void publishWhenIfMatchStaleThenPreconditionFailedAndStillDraft() {
        User admin = fixtures.admin();
        UUID id = fixtures.event(admin, false);
        web.post()
                .uri("/api/v1/events/{id}/publish", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, "\"9-DRAFT\"")
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        web.post()
                .uri("/api/v1/events/{id}/publish", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .header(HttpHeaders.IF_MATCH, "garbage")
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        assertThat(count("select count(*) from events where id = $1 and published", id)).isZero();
    }

    @Test
    void getWhenUnknownEventThenNotFound() {
        web.get()
                .uri("/api/v1/events/{id}", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(fixtures.admin().token()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
