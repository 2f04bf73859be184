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
            TeamAccessIntegrationTests test) {}

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
        return cases.stream().map(Arguments::of);
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

    private User registered(UUID event) {
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
                        this);
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
