package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every team endpoint, called in this order by: anonymous, another registered citizen, a team
 * member, the captain, an organizer of the event, an organizer of another event, and an admin.
 */
class TeamAccessIntegrationTests extends IntegrationTest {

    private static final Map<String, Object> ANSWERS =
            Map.of("region", "Lima", "skills", List.of("r"), "termsVersion", "2026-11");

    record Call(HttpMethod method, String path, Object body) {}

    record Setup(
            UUID event,
            UUID team,
            String code,
            UUID challenge,
            User captain,
            User member,
            User citizen,
            User admin,
            Fixtures fixtures,
            TeamAccessIntegrationTests test,
            Map<String, UUID> memo) {}

    record Case(String name, Function<Setup, Call> call, int... expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(
                new Case(
                        "POST registrations",
                        s -> call(HttpMethod.POST, s, "/registrations", ANSWERS),
                        401,
                        409,
                        409,
                        409,
                        201,
                        201,
                        201));
        cases.add(
                new Case(
                        "GET registrations/me",
                        s -> call(HttpMethod.GET, s, "/registrations/me", null),
                        401,
                        200,
                        200,
                        200,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "PUT registrations/me",
                        s -> call(HttpMethod.PUT, s, "/registrations/me", ANSWERS),
                        401,
                        200,
                        200,
                        200,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "DELETE registrations/me",
                        s -> call(HttpMethod.DELETE, s, "/registrations/me", null),
                        401,
                        204,
                        409,
                        409,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "POST teams",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/teams",
                                        Map.of("name", "Nuevo " + UUID.randomUUID())),
                        401,
                        201,
                        409,
                        409,
                        409,
                        409,
                        409));
        cases.add(
                new Case(
                        "POST teams/join",
                        s -> call(HttpMethod.POST, s, "/teams/join", Map.of("joinCode", s.code())),
                        401,
                        200,
                        409,
                        409,
                        409,
                        409,
                        409));
        cases.add(
                new Case(
                        "GET teams/{id}",
                        s -> call(HttpMethod.GET, s, "/teams/" + s.team(), null),
                        401,
                        404,
                        200,
                        200,
                        200,
                        404,
                        200));
        cases.add(
                new Case(
                        "POST teams/{id}/leave",
                        s -> call(HttpMethod.POST, s, "/teams/" + s.team() + "/leave", null),
                        401,
                        404,
                        204,
                        204,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "POST teams/{id}/captain",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/captain",
                                        Map.of("userId", s.member().id().toString())),
                        401,
                        404,
                        403,
                        200,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "POST teams/{id}/join-code",
                        s -> call(HttpMethod.POST, s, "/teams/" + s.team() + "/join-code", null),
                        401,
                        404,
                        403,
                        200,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "DELETE teams/{id}/members/{id}",
                        s ->
                                call(
                                        HttpMethod.DELETE,
                                        s,
                                        "/teams/"
                                                + s.team()
                                                + "/members/"
                                                + s.test().freshMember(s),
                                        null),
                        401,
                        404,
                        403,
                        204,
                        204,
                        404,
                        204));
        cases.add(
                new Case(
                        "POST teams/{id}/challenges",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/challenges",
                                        Map.of("challengeId", s.challenge().toString())),
                        401,
                        404,
                        403,
                        200,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "DELETE teams/{id}/challenges/{id}",
                        s ->
                                call(
                                        HttpMethod.DELETE,
                                        s,
                                        "/teams/" + s.team() + "/challenges/" + s.test().entered(s),
                                        null),
                        401,
                        404,
                        403,
                        204,
                        404,
                        404,
                        404));
        List<Integer> organizerOnly = List.of(401, 403, 403, 403, 200, 403, 200);
        for (String path :
                List.of(
                        "/teams",
                        "/registrations",
                        "/teams/export",
                        "/registrations/export",
                        "/team-stats")) {
            cases.add(
                    new Case(
                            "GET " + path.substring(1),
                            s -> call(HttpMethod.GET, s, path, null),
                            ints(organizerOnly)));
        }
        for (String path : List.of("/finder/people", "/finder/teams")) {
            cases.add(
                    new Case(
                            "GET " + path.substring(1),
                            s -> call(HttpMethod.GET, s, path, null),
                            401,
                            200,
                            200,
                            200,
                            200,
                            403,
                            200));
        }
        cases.add(
                new Case(
                        "GET gallery/teams (gallery not public yet)",
                        s -> call(HttpMethod.GET, s, "/gallery/teams", null),
                        404,
                        404,
                        404,
                        404,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "GET gallery/teams/{id} (gallery not public yet)",
                        s -> call(HttpMethod.GET, s, "/gallery/teams/" + s.team(), null),
                        404,
                        404,
                        404,
                        404,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "PATCH teams/{id}",
                        s ->
                                call(
                                        HttpMethod.PATCH,
                                        s,
                                        "/teams/" + s.team(),
                                        Map.of("description", "Nueva")),
                        401,
                        404,
                        403,
                        200,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "POST teams/{id}/members",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/members",
                                        Map.of("userId", s.test().registered(s.event()).id())),
                        ints(organizerOnly)));
        cases.add(
                new Case(
                        "POST teams/{id}/members/{id}/move",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/"
                                                + s.team()
                                                + "/members/"
                                                + s.test().freshMember(s)
                                                + "/move",
                                        Map.of("toTeamId", s.test().otherTeam(s))),
                        ints(organizerOnly)));
        cases.add(
                new Case(
                        "POST teams/{id}/invitations",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/invitations",
                                        Map.of(
                                                "email",
                                                "guest-" + UUID.randomUUID() + "@example.pe")),
                        401,
                        404,
                        403,
                        201,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "GET teams/{id}/invitations",
                        s -> call(HttpMethod.GET, s, "/teams/" + s.team() + "/invitations", null),
                        401,
                        404,
                        200,
                        200,
                        200,
                        404,
                        200));
        cases.add(
                new Case(
                        "DELETE teams/{id}/invitations/{id}",
                        s ->
                                call(
                                        HttpMethod.DELETE,
                                        s,
                                        "/teams/"
                                                + s.team()
                                                + "/invitations/"
                                                + s.test().invitation(s, null),
                                        null),
                        401,
                        404,
                        403,
                        204,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "GET invitations (mine)",
                        s -> call(HttpMethod.GET, s, "/invitations", null),
                        401,
                        200,
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "POST invitations/{id}/accept (addressed to the citizen)",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/invitations/" + s.test().citizenInvitation(s) + "/accept",
                                        null),
                        401,
                        200,
                        404,
                        404,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "POST invitations/{id}/decline (addressed to the citizen)",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/invitations/"
                                                + s.test().citizenInvitation(s)
                                                + "/decline",
                                        null),
                        401,
                        204,
                        404,
                        404,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "POST teams/{id}/join-requests",
                        s ->
                                call(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/join-requests",
                                        Map.of()),
                        401,
                        201,
                        409,
                        409,
                        409,
                        409,
                        409));
        cases.add(
                new Case(
                        "GET teams/{id}/join-requests",
                        s -> call(HttpMethod.GET, s, "/teams/" + s.team() + "/join-requests", null),
                        401,
                        404,
                        200,
                        200,
                        200,
                        404,
                        200));
        for (String decision : List.of("approve", "decline")) {
            cases.add(
                    new Case(
                            "POST teams/{id}/join-requests/{id}/" + decision,
                            s ->
                                    call(
                                            HttpMethod.POST,
                                            s,
                                            "/teams/"
                                                    + s.team()
                                                    + "/join-requests/"
                                                    + s.test().joinRequest(s, null)
                                                    + "/"
                                                    + decision,
                                            null),
                            401,
                            404,
                            403,
                            decision.equals("approve") ? 200 : 204,
                            404,
                            404,
                            404));
        }
        cases.add(
                new Case(
                        "GET join-requests (mine)",
                        s -> call(HttpMethod.GET, s, "/join-requests", null),
                        401,
                        200,
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "DELETE join-requests/{id} (the citizen's)",
                        s ->
                                call(
                                        HttpMethod.DELETE,
                                        s,
                                        "/join-requests/" + s.test().joinRequest(s, s.citizen()),
                                        null),
                        401,
                        204,
                        404,
                        404,
                        404,
                        404,
                        404));
        cases.add(
                new Case(
                        "GET registrations/me/export",
                        s -> call(HttpMethod.GET, s, "/registrations/me/export", null),
                        401,
                        200,
                        200,
                        200,
                        200,
                        200,
                        200));
        cases.add(
                new Case(
                        "POST registrations/me/erase",
                        s -> call(HttpMethod.POST, s, "/registrations/me/erase", null),
                        401,
                        204,
                        204,
                        204,
                        204,
                        204,
                        204));
        return cases.stream().map(Arguments::of);
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Another team of the event, with a fresh captain. */
    UUID otherTeam(Setup s) {
        User captain = registered(s.event());
        return UUID.fromString(
                (String)
                        send(
                                        HttpMethod.POST,
                                        "/api/v1/events/" + s.event() + "/teams",
                                        captain.token(),
                                        Map.of("name", "Otro " + UUID.randomUUID()))
                                .expectStatus()
                                .isCreated()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("id"));
    }

    /** A pending invitation from the captain: to the user when given, else to a fresh address. */
    UUID invitation(Setup s, User to) {
        Map<String, Object> body =
                to == null
                        ? Map.of("email", "guest-" + UUID.randomUUID() + "@example.pe")
                        : Map.of("userId", to.id().toString());
        return UUID.fromString(
                (String)
                        send(
                                        HttpMethod.POST,
                                        "/api/v1/events/"
                                                + s.event()
                                                + "/teams/"
                                                + s.team()
                                                + "/invitations",
                                        s.captain().token(),
                                        body)
                                .expectStatus()
                                .isCreated()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("id"));
    }

    /** One invitation to the other citizen, made once per setup. */
    UUID citizenInvitation(Setup s) {
        return s.memo().computeIfAbsent("invitation", k -> invitation(s, s.citizen()));
    }

    /** A pending request to join: from the user when given (once per setup), else a fresh one. */
    UUID joinRequest(Setup s, User from) {
        if (from != null) {
            return s.memo().computeIfAbsent("request", k -> joinRequest(s, from, true));
        }
        return joinRequest(s, registered(s.event()), true);
    }

    private UUID joinRequest(Setup s, User from, boolean unused) {
        return UUID.fromString(
                (String)
                        send(
                                        HttpMethod.POST,
                                        "/api/v1/events/"
                                                + s.event()
                                                + "/teams/"
                                                + s.team()
                                                + "/join-requests",
                                        from.token(),
                                        Map.of())
                                .expectStatus()
                                .isCreated()
                                .expectBody(Map.class)
                                .returnResult()
                                .getResponseBody()
                                .get("id"));
    }

    private static Call call(HttpMethod method, Setup s, String suffix, Object body) {
        return new Call(method, "/api/v1/events/" + s.event() + suffix, body);
    }

    private WebTestClient.ResponseSpec send(
            HttpMethod method, String path, String token, Object body) {
        WebTestClient.RequestBodySpec request = web.method(method).uri(path);
        if (token != null) {
            request.headers(h -> h.setBearerAuth(token));
        }
        return body == null
                ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    User registered(UUID event) {
        User user = fixtures.user("citizen");
        send(HttpMethod.POST, "/api/v1/events/" + event + "/registrations", user.token(), ANSWERS)
                .expectStatus()
                .isCreated();
        return user;
    }

    /** A new member of the team, to be removed. */
    UUID freshMember(Setup s) {
        User member = registered(s.event());
        send(
                        HttpMethod.POST,
                        "/api/v1/events/" + s.event() + "/teams/join",
                        member.token(),
                        Map.of("joinCode", s.code()))
                .expectStatus()
                .isOk();
        return member.id();
    }

    /** The challenge, entered by the captain (again, if a previous caller withdrew it). */
    UUID entered(Setup s) {
        send(
                        HttpMethod.POST,
                        "/api/v1/events/" + s.event() + "/teams/" + s.team() + "/challenges",
                        s.captain().token(),
                        Map.of("challengeId", s.challenge().toString()))
                .expectBody(String.class)
                .returnResult();
        return s.challenge();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void callerGetsExpectedStatus(Case c) {
        Fixtures.Cast cast = fixtures.cast(true);
        UUID challenge = fixtures.challenge(cast.event(), cast.admin(), "Reto de equipos");
        send(
                        HttpMethod.PATCH,
                        "/api/v1/events/" + cast.event(),
                        cast.admin().token(),
                        Map.of("settings", Map.of("teamSizeMax", 20)))
                .expectStatus()
                .isOk();
        User captain = registered(cast.event());
        Map<?, ?> team =
                send(
                                HttpMethod.POST,
                                "/api/v1/events/" + cast.event() + "/teams",
                                captain.token(),
                                Map.of("name", "Equipo " + UUID.randomUUID()))
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        UUID teamId = UUID.fromString((String) team.get("id"));
        String code = (String) team.get("joinCode");
        User member = registered(cast.event());
        send(
                        HttpMethod.POST,
                        "/api/v1/events/" + cast.event() + "/teams/join",
                        member.token(),
                        Map.of("joinCode", code))
                .expectStatus()
                .isOk();
        User citizen = registered(cast.event());
        Setup setup =
                new Setup(
                        cast.event(),
                        teamId,
                        code,
                        challenge,
                        captain,
                        member,
                        citizen,
                        cast.admin(),
                        fixtures,
                        this,
                        new java.util.HashMap<>());
        String[] tokens = {
            null,
            citizen.token(),
            member.token(),
            captain.token(),
            cast.organizer().token(),
            cast.otherOrganizer().token(),
            cast.admin().token()
        };
        String[] callers = {
            "anonymous",
            "another citizen",
            "member",
            "captain",
            "organizer",
            "organizer of another event",
            "admin"
        };
        for (int i = 0; i < tokens.length; i++) {
            Call call = c.call().apply(setup);
            var result =
                    send(call.method(), call.path(), tokens[i], call.body())
                            .expectBody(String.class)
                            .returnResult();
            assertThat(result.getStatus().value())
                    .as(callers[i] + " on " + c + ": " + result.getResponseBody())
                    .isEqualTo(c.expected()[i]);
            if (c.expected()[i] >= 400) {
                assertThat(result.getResponseHeaders().getContentType())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
        }
    }
}
