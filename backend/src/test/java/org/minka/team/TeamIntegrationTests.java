package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class TeamIntegrationTests extends IntegrationTest {

    private static final Map<String, Object> ANSWERS =
            Map.of(
                    "region",
                    "Arequipa",
                    "ageBracket",
                    "25-34",
                    "skills",
                    List.of("python", "sql"),
                    "termsVersion",
                    "2026-11");

    private UUID event(Map<String, Object> settings) {
        User admin = fixtures.admin();
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        if (settings != null) {
            body.put("settings", settings);
        }
        Map<?, ?> created =
                web.post()
                        .uri("/api/v1/events")
                        .headers(h -> h.setBearerAuth(admin.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        UUID id = UUID.fromString((String) created.get("id"));
        web.post()
                .uri("/api/v1/events/{id}/publish", id)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isOk();
        return id;
    }

    private WebTestClient.ResponseSpec post(String path, User user, Object body, Object... vars) {
        var spec = web.post().uri(path, vars);
        if (user != null) {
            spec.headers(h -> h.setBearerAuth(user.token()));
        }
        return body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Windows with REGISTRATION closed at the given instant and SUBMISSION open from then on. */
    private static List<Map<String, Object>> registrationClosedAt(Instant closed) {
        return List.of(
                Fixtures.window("REGISTRATION", closed.minus(Duration.ofDays(5)), closed),
                Fixtures.window("SUBMISSION", closed, closed.plus(Duration.ofDays(10))),
                Fixtures.window(
                        "JUDGING",
                        closed.plus(Duration.ofDays(10)),
                        closed.plus(Duration.ofDays(15))),
                Fixtures.window(
                        "VOTING",
                        closed.plus(Duration.ofDays(11)),
                        closed.plus(Duration.ofDays(15))),
                Fixtures.window(
                        "RESULTS",
                        closed.plus(Duration.ofDays(15)),
                        closed.plus(Duration.ofDays(25))));
    }

    /** Fires all calls at once, one thread each, and returns their statuses in order. */
    private static List<Integer> statusesWhenAllAtOnce(
            List<java.util.function.Supplier<Integer>> calls) {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<CompletableFuture<Integer>> running =
                    calls.stream().map(call -> CompletableFuture.supplyAsync(call, pool)).toList();
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    private static int status(WebTestClient.ResponseSpec response) {
        return response.expectBody(String.class).returnResult().getStatus().value();
    }

    private WebTestClient.ResponseSpec removeMember(UUID event, UUID teamId, User member, User by) {
        return web.delete()
                .uri("/api/v1/events/{e}/teams/{t}/members/{u}", event, teamId, member.id())
                .headers(h -> h.setBearerAuth(by.token()))
                .exchange();
    }

    private User registered(UUID event) {
        User citizen = fixtures.user("citizen");
        post("/api/v1/events/{e}/registrations", citizen, ANSWERS, event)
                .expectStatus()
                .isCreated();
        return citizen;
    }

    private Map<?, ?> team(UUID event, User captain, String name) {
        return post(
                        "/api/v1/events/{e}/teams",
                        captain,
                        Map.of("name", name, "lookingForMembers", true),
                        event)
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void registerWhenOpenThenConsentRecordedOnceAndReadable() {
        UUID event = event(null);
        User citizen = fixtures.user("citizen");
        post("/api/v1/events/{e}/registrations", citizen, ANSWERS, event)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.region")
                .isEqualTo("Arequipa")
                .jsonPath("$.termsVersion")
                .isEqualTo("2026-11")
                .jsonPath("$.consentedAt")
                .isNotEmpty();
        post("/api/v1/events/{e}/registrations", citizen, ANSWERS, event)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/already-registered");
        web.get()
                .uri("/api/v1/events/{e}/registrations/me", event)
                .headers(h -> h.setBearerAuth(citizen.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.skills[1]")
                .isEqualTo("sql");
        assertThat(count("select count(*) from registrations where event_id = $1", event))
                .isEqualTo(1);
    }

    @Test
    void registerWhenBadInputThenProblemAndNothingStored() {
        UUID event = event(Map.of("regions", List.of("Norte", "Sur")));
        User citizen = fixtures.user("citizen");
        post("/api/v1/events/{e}/registrations", citizen, ANSWERS, event)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("region");
        Map<String, Object> noTerms = new HashMap<>(ANSWERS);
        noTerms.remove("termsVersion");
        post("/api/v1/events/{e}/registrations", citizen, noTerms, event)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("termsVersion");
        Map<String, Object> badAge = new HashMap<>(ANSWERS);
        badAge.put("region", "Sur");
        badAge.put("ageBracket", "ancient");
        post("/api/v1/events/{e}/registrations", citizen, badAge, event)
                .expectStatus()
                .isBadRequest();
        post("/api/v1/events/{e}/registrations", null, ANSWERS, event)
                .expectStatus()
                .isUnauthorized();
        assertThat(count("select count(*) from registrations where event_id = $1", event)).isZero();
    }

    @Test
    void registerWhenDraftOrClosedThenRefused() {
        User admin = fixtures.admin();
        UUID draft = fixtures.event(admin, false);
        post("/api/v1/events/{e}/registrations", fixtures.user("citizen"), ANSWERS, draft)
                .expectStatus()
                .isNotFound();
        Instant now = Instant.now();
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        body.put("phases", registrationClosedAt(now.minus(Duration.ofDays(5))));
        UUID closed =
                UUID.fromString(
                        (String)
                                web.post()
                                        .uri("/api/v1/events")
                                        .headers(h -> h.setBearerAuth(admin.token()))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(body)
                                        .exchange()
                                        .expectStatus()
                                        .isCreated()
                                        .expectBody(Map.class)
                                        .returnResult()
                                        .getResponseBody()
                                        .get("id"));
        web.post()
                .uri("/api/v1/events/{id}/publish", closed)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isOk();
        post("/api/v1/events/{e}/registrations", fixtures.user("citizen"), ANSWERS, closed)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/phase-closed")
                .jsonPath("$.detail")
                .isEqualTo("This can only be done while REGISTRATION is open.");
    }

    @Test
    void updateRegistrationWhenNewTermsThenNewConsentTime() {
        UUID event = event(null);
        User citizen = registered(event);
        String first =
                (String)
                        web.get()
                                .uri("/api/v1/events/{e}/registrations/me", event)
                                .headers(h -> h.setBearerAuth(citizen.token()))
                                .exchange()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("consentedAt");
        Map<String, Object> changed = new HashMap<>(ANSWERS);
        changed.put("termsVersion", "2027-01");
        changed.put("region", "Cusco");
        web.put()
                .uri("/api/v1/events/{e}/registrations/me", event)
                .headers(h -> h.setBearerAuth(citizen.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(changed)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.region")
                .isEqualTo("Cusco")
                .jsonPath("$.consentedAt")
                .value(at -> assertThat((String) at).isNotEqualTo(first));
    }

    @Test
    void createTeamWhenNotRegisteredThenConflictAndNoTeam() {
        UUID event = event(null);
        post(
                        "/api/v1/events/{e}/teams",
                        fixtures.user("citizen"),
                        Map.of("name", "Sin registro"),
                        event)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/not-registered");
        assertThat(count("select count(*) from teams where event_id = $1", event)).isZero();
    }

    @Test
    void createTeamWhenRegisteredThenCaptainWithUnguessableCode() {
        UUID event = event(null);
        User captain = registered(event);
        Map<?, ?> team = team(event, captain, "Los Datavengers");
        assertThat((String) team.get("joinCode"))
                .matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(team.get("captainId")).isEqualTo(captain.id().toString());
        assertThat(((List<?>) team.get("members"))).hasSize(1);
        assertThat(team.get("maxSize")).isEqualTo(5);
    }

    @Test
    void createTeamWhenNameTakenIgnoringCaseThenConflictAndSeatKept() {
        UUID event = event(null);
        team(event, registered(event), "Datos Abiertos");
        User other = registered(event);
        post("/api/v1/events/{e}/teams", other, Map.of("name", "datos abiertos"), event)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/team-name-taken");
        team(event, other, "Otro nombre");
    }

    @Test
    void joinWhenCodeValidThenMemberAndSecondTeamRefused() {
        UUID event = event(null);
        Map<?, ?> first = team(event, registered(event), "Primero");
        User captain2 = registered(event);
        Map<?, ?> second = team(event, captain2, "Segundo");
        User joiner = registered(event);
        post(
                        "/api/v1/events/{e}/teams/join",
                        joiner,
                        Map.of(
                                "joinCode",
                                ((String) first.get("joinCode")).toLowerCase().replace("-", " ")),
                        event)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.members.length()")
                .isEqualTo(2);
        post(
                        "/api/v1/events/{e}/teams/join",
                        joiner,
                        Map.of("joinCode", first.get("joinCode")),
                        event)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/already-member");
        post(
                        "/api/v1/events/{e}/teams/join",
                        joiner,
                        Map.of("joinCode", second.get("joinCode")),
                        event)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/team-limit-reached");
        post(
                        "/api/v1/events/{e}/teams/join",
                        joiner,
                        Map.of("joinCode", "AAAA-BBBB-CCCC-DDDD"),
                        event)
                .expectStatus()
                .isNotFound();
        post("/api/v1/events/{e}/teams/join", joiner, Map.of("joinCode", ""), event)
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void joinWhenFiftyRaceForTheLastSeatThenExactlyOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            raceForTheLastSeat();
        }
    }

    /** make race runs each concurrency test 20 rounds in a row; make test runs one. */
    private static final int ROUNDS = Integer.getInteger("minka.race.rounds", 1);

    private void raceForTheLastSeat() throws Exception {
        UUID event = event(Map.of("teamSizeMax", 3));
        User captain = registered(event);
        Map<?, ?> team = team(event, captain, "Carrera");
        post(
                        "/api/v1/events/{e}/teams/join",
                        registered(event),
                        Map.of("joinCode", team.get("joinCode")),
                        event)
                .expectStatus()
                .isOk();
        List<User> racers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            racers.add(registered(event));
        }
        List<Integer> statuses =
                statusesWhenAllAtOnce(
                        racers.stream()
                                .map(
                                        racer ->
                                                (java.util.function.Supplier<Integer>)
                                                        () ->
                                                                status(
                                                                        post(
                                                                                "/api/v1/events/{e}/teams/join",
                                                                                racer,
                                                                                Map.of(
                                                                                        "joinCode",
                                                                                        team.get(
                                                                                                "joinCode")),
                                                                                event)))
                                .toList());
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
        UUID teamId = UUID.fromString((String) team.get("id"));
        assertThat(count("select count(*) from team_members where team_id = $1", teamId))
                .isEqualTo(3);
        assertThat(count("select member_count from teams where id = $1", teamId)).isEqualTo(3);
        assertThat(
                        count(
                                "select count(*) from registrations where event_id = $1 and teams_joined = 1",
                                event))
                .isEqualTo(3);
    }

    @Test
    void leaveWhenMemberThenSeatFreedAndCaptainRules() {
        UUID event = event(null);
        User captain = registered(event);
        Map<?, ?> team = team(event, captain, "Salidas");
        UUID teamId = UUID.fromString((String) team.get("id"));
        User member = registered(event);
        post(
                        "/api/v1/events/{e}/teams/join",
                        member,
                        Map.of("joinCode", team.get("joinCode")),
                        event)
                .expectStatus()
                .isOk();
        post("/api/v1/events/{e}/teams/{t}/leave", captain, null, event, teamId)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/captain-must-transfer");
        web.delete()
                .uri("/api/v1/events/{e}/registrations/me", event)
                .headers(h -> h.setBearerAuth(member.token()))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/still-in-team");
        post("/api/v1/events/{e}/teams/{t}/leave", member, null, event, teamId)
                .expectStatus()
                .isNoContent();
        web.delete()
                .uri("/api/v1/events/{e}/registrations/me", event)
                .headers(h -> h.setBearerAuth(member.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
        post("/api/v1/events/{e}/teams/{t}/leave", member, null, event, teamId)
                .expectStatus()
                .isNotFound();
        post("/api/v1/events/{e}/teams/{t}/leave", captain, null, event, teamId)
                .expectStatus()
                .isNoContent();
        assertThat(count("select count(*) from teams where id = $1", teamId)).isZero();
        assertThat(
                        count(
                                "select count(*) from registrations where event_id = $1 and teams_joined <> 0",
                                event))
                .isZero();
    }

    @Test
    void getAndRotateWhenCallersDifferThenPrivacyHolds() {
        UUID event = event(null);
        User captain = registered(event);
        Map<?, ?> team = team(event, captain, "Privados");
        UUID teamId = UUID.fromString((String) team.get("id"));
        User member = registered(event);
        post(
                        "/api/v1/events/{e}/teams/join",
                        member,
                        Map.of("joinCode", team.get("joinCode")),
                        event)
                .expectStatus()
                .isOk();
        User outsider = registered(event);
        web.get()
                .uri("/api/v1/events/{e}/teams/{t}", event, teamId)
                .headers(h -> h.setBearerAuth(member.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.members[0].email")
                .isEqualTo(captain.email());
        web.get()
                .uri("/api/v1/events/{e}/teams/{t}", event, teamId)
                .headers(h -> h.setBearerAuth(fixtures.admin().token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.joinCode")
                .isEqualTo(team.get("joinCode"));
        web.get()
                .uri("/api/v1/events/{e}/teams/{t}", event, teamId)
                .headers(h -> h.setBearerAuth(outsider.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.get()
                .uri("/api/v1/events/{e}/teams/{t}", event, teamId)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        post("/api/v1/events/{e}/teams/{t}/join-code", member, null, event, teamId)
                .expectStatus()
                .isForbidden();
        post("/api/v1/events/{e}/teams/{t}/join-code", outsider, null, event, teamId)
                .expectStatus()
                .isNotFound();
        String rotated =
                (String)
                        post("/api/v1/events/{e}/teams/{t}/join-code", captain, null, event, teamId)
                                .expectStatus()
                                .isOk()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("joinCode");
        assertThat(rotated).isNotEqualTo(team.get("joinCode"));
        post(
                        "/api/v1/events/{e}/teams/join",
                        outsider,
                        Map.of("joinCode", team.get("joinCode")),
                        event)
                .expectStatus()
                .isNotFound();
        post("/api/v1/events/{e}/teams/join", outsider, Map.of("joinCode", rotated), event)
                .expectStatus()
                .isOk();
    }

    @Test
    void transferThenFormerCaptainMayLeave() {
        UUID event = event(null);
        User captain = registered(event);
        Map<?, ?> team = team(event, captain, "Relevo");
        UUID teamId = UUID.fromString((String) team.get("id"));
        User member = registered(event);
        post(
                        "/api/v1/events/{e}/teams/join",
                        member,
                        Map.of("joinCode", team.get("joinCode")),
                        event)
                .expectStatus()
                .isOk();
        post(
                        "/api/v1/events/{e}/teams/{t}/captain",
                        member,
                        Map.of("userId", member.id().toString()),
                        event,
                        teamId)
                .expectStatus()
                .isForbidden();
        post(
                        "/api/v1/events/{e}/teams/{t}/captain",
                        captain,
                        Map.of("userId", UUID.randomUUID().toString()),
                        event,
                        teamId)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/not-a-member");
        post("/api/v1/events/{e}/teams/{t}/captain", captain, Map.of(), event, teamId)
                .expectStatus()
                .isBadRequest();
        post(
                        "/api/v1/events/{e}/teams/{t}/captain",
                        captain,
                        Map.of("userId", member.id().toString()),
                        event,
                        teamId)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.captainId")
                .isEqualTo(member.id().toString());
        assertThat(
                        count(
                                "select count(*) from team_members where team_id = $1 and role = 'CAPTAIN'",
                                teamId))
                .isEqualTo(1);
        post("/api/v1/events/{e}/teams/{t}/leave", captain, null, event, teamId)
                .expectStatus()
                .isNoContent();
    }

    @Test
    void removeMemberByCaptainOrOrganizerThenAuditedForOrganizer() {
        User admin = fixtures.admin();
        UUID event = event(null);
        User captain = registered(event);
        Map<?, ?> team = team(event, captain, "Bajas");
        UUID teamId = UUID.fromString((String) team.get("id"));
        User first = registered(event);
        User second = registered(event);
        for (User u : List.of(first, second)) {
            post(
                            "/api/v1/events/{e}/teams/join",
                            u,
                            Map.of("joinCode", team.get("joinCode")),
                            event)
                    .expectStatus()
                    .isOk();
        }
        removeMember(event, teamId, second, first).expectStatus().isForbidden();
        removeMember(event, teamId, first, captain).expectStatus().isNoContent();
        removeMember(event, teamId, second, admin).expectStatus().isNoContent();
        removeMember(event, teamId, second, admin).expectStatus().isEqualTo(422);
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action = 'team.member.removed'",
                                event))
                .isEqualTo(1);
        assertThat(count("select member_count from teams where id = $1", teamId)).isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from registrations where event_id = $1 and teams_joined = 1",
                                event))
                .isEqualTo(1);
    }

    @Test
    void enterChallengeWithinLimitsThenWithdraw() {
        User admin = fixtures.admin();
        UUID event = event(Map.of("maxTeamsPerChallenge", 1));
        UUID challenge = fixtures.challenge(event, admin, "Reto único");
        UUID other = fixtures.challenge(event, admin, "Otro reto");
        User captain = registered(event);
        UUID teamId = UUID.fromString((String) team(event, captain, "Primeros").get("id"));
        User rivalCaptain = registered(event);
        UUID rival = UUID.fromString((String) team(event, rivalCaptain, "Segundos").get("id"));
        post(
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        captain,
                        Map.of("challengeId", challenge.toString()),
                        event,
                        teamId)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.challengeIds[0]")
                .isEqualTo(challenge.toString());
        post(
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        captain,
                        Map.of("challengeId", other.toString()),
                        event,
                        teamId)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/challenge-limit-reached");
        post(
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        rivalCaptain,
                        Map.of("challengeId", challenge.toString()),
                        event,
                        rival)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/challenge-full");
        post(
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        rivalCaptain,
                        Map.of("challengeId", UUID.randomUUID().toString()),
                        event,
                        rival)
                .expectStatus()
                .isEqualTo(422);
        web.delete()
                .uri("/api/v1/events/{e}/teams/{t}/challenges/{c}", event, teamId, challenge)
                .headers(h -> h.setBearerAuth(captain.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
        post(
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        rivalCaptain,
                        Map.of("challengeId", challenge.toString()),
                        event,
                        rival)
                .expectStatus()
                .isOk();
        assertThat(
                        count(
                                "select teams from challenge_team_counts where challenge_id = $1",
                                challenge))
                .isEqualTo(1);
        assertThat(count("select count(*) from team_challenges where challenge_id = $1", challenge))
                .isEqualTo(1);
    }

    @Test
    void enterChallengeWhenTwentyTeamsRaceForTheLastSlotThenExactlyOneWins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            raceForTheLastSlot();
        }
    }

    private void raceForTheLastSlot() throws Exception {
        User admin = fixtures.admin();
        UUID event = event(Map.of("maxTeamsPerChallenge", 3));
        UUID challenge = fixtures.challenge(event, admin, "Cupo limitado");
        for (int i = 0; i < 2; i++) {
            User c = registered(event);
            UUID t = UUID.fromString((String) team(event, c, "Temprano " + i).get("id"));
            post(
                            "/api/v1/events/{e}/teams/{t}/challenges",
                            c,
                            Map.of("challengeId", challenge.toString()),
                            event,
                            t)
                    .expectStatus()
                    .isOk();
        }
        List<User> captains = new ArrayList<>();
        List<UUID> racing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            User c = registered(event);
            captains.add(c);
            racing.add(UUID.fromString((String) team(event, c, "Carrera " + i).get("id")));
        }
        List<java.util.function.Supplier<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            User c = captains.get(i);
            UUID t = racing.get(i);
            entries.add(
                    () ->
                            status(
                                    post(
                                            "/api/v1/events/{e}/teams/{t}/challenges",
                                            c,
                                            Map.of("challengeId", challenge.toString()),
                                            event,
                                            t)));
        }
        List<Integer> statuses = statusesWhenAllAtOnce(entries);
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(19);
        assertThat(count("select count(*) from team_challenges where challenge_id = $1", challenge))
                .isEqualTo(3);
        assertThat(
                        count(
                                "select teams from challenge_team_counts where challenge_id = $1",
                                challenge))
                .isEqualTo(3);
    }

    @Test
    void teamBelowMinimumWhenRegistrationClosesThenFlaggedNotDeleted() {
        User admin = fixtures.admin();
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        body.put("settings", Map.of("teamSizeMin", 2));
        UUID event =
                UUID.fromString(
                        (String)
                                web.post()
                                        .uri("/api/v1/events")
                                        .headers(h -> h.setBearerAuth(admin.token()))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(body)
                                        .exchange()
                                        .expectStatus()
                                        .isCreated()
                                        .expectBody(Map.class)
                                        .returnResult()
                                        .getResponseBody()
                                        .get("id"));
        web.post()
                .uri("/api/v1/events/{id}/publish", event)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isOk();
        User captain = registered(event);
        UUID teamId = UUID.fromString((String) team(event, captain, "Solitario").get("id"));
        web.get()
                .uri("/api/v1/events/{e}/teams/{t}", event, teamId)
                .headers(h -> h.setBearerAuth(captain.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.belowMinimumSize")
                .isEqualTo(false);
        Instant now = Instant.now();
        web.put()
                .uri("/api/v1/events/{id}/phases", event)
                .headers(h -> h.setBearerAuth(admin.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("phases", registrationClosedAt(now.minus(Duration.ofSeconds(1)))))
                .exchange()
                .expectStatus()
                .isOk();
        web.get()
                .uri("/api/v1/events/{e}/teams/{t}", event, teamId)
                .headers(h -> h.setBearerAuth(captain.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.belowMinimumSize")
                .isEqualTo(true);
        post("/api/v1/events/{e}/teams/{t}/leave", captain, null, event, teamId)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/phase-closed");
        assertThat(count("select count(*) from teams where id = $1", teamId)).isEqualTo(1);
    }
}
