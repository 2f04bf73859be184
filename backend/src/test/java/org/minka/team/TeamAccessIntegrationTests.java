package org.minka.team;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every team endpoint, called in column order by: anonymous, another registered citizen, a team
 * member, the captain, an organizer of the event, an organizer of another event, and an admin.
 */
class TeamAccessIntegrationTests extends IntegrationTest {

    private static final Map<String, Object> ANSWERS =
            Map.of("region", "Lima", "skills", List.of("r"), "termsVersion", "2026-11");

    record Setup(
            UUID event,
            UUID team,
            String code,
            UUID challenge,
            User captain,
            User member,
            User citizen,
            User organizer,
            User otherOrganizer,
            User admin,
            Fixtures fixtures,
            TeamAccessIntegrationTests test,
            Map<String, UUID> memo) {}

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                                                 anonymous citizen member captain organizer other-organizer admin
            POST registrations                                   401       409     409    409     201       201             201
            GET registrations/me                                 401       200     200    200     404       404             404
            PUT registrations/me                                 401       200     200    200     404       404             404
            DELETE registrations/me                              401       204     409    409     404       404             404
            POST teams                                           401       201     409    409     409       409             409
            POST teams/join                                      401       200     409    409     409       409             409
            GET teams/{id}                                       401       404     200    200     200       404             200
            PATCH teams/{id}                                     401       404     403    200     404       404             404
            POST teams/{id}/leave                                401       404     204    204     404       404             404
            POST teams/{id}/captain                              401       404     403    200     404       404             404
            POST teams/{id}/join-code                            401       404     403    200     404       404             404
            DELETE teams/{id}/members/{id}                       401       404     403    204     204       404             204
            POST teams/{id}/challenges                           401       404     403    200     404       404             404
            DELETE teams/{id}/challenges/{id}                    401       404     403    204     404       404             404
            GET teams                                            401       403     403    403     200       403             200
            GET registrations                                    401       403     403    403     200       403             200
            GET teams/export                                     401       403     403    403     200       403             200
            GET registrations/export                             401       403     403    403     200       403             200
            GET team-stats                                       401       403     403    403     200       403             200
            POST teams/{id}/members                              401       403     403    403     200       403             200
            POST teams/{id}/members/{id}/move                    401       403     403    403     200       403             200
            GET finder/people                                    401       200     200    200     200       403             200
            GET finder/teams                                     401       200     200    200     200       403             200
            GET gallery/teams (gallery not public yet)           404       404     404    404     404       404             404
            GET gallery/teams/{id} (gallery not public yet)      404       404     404    404     404       404             404
            POST teams/{id}/invitations                          401       404     403    201     404       404             404
            GET teams/{id}/invitations                           401       404     200    200     200       404             200
            DELETE teams/{id}/invitations/{id}                   401       404     403    204     404       404             404
            GET invitations (mine)                               401       200     200    200     200       200             200
            POST invitations/{id}/accept (to the citizen)        401       200     404    404     404       404             404
            POST invitations/{id}/decline (to the citizen)       401       204     404    404     404       404             404
            POST teams/{id}/join-requests                        401       201     409    409     409       409             409
            GET teams/{id}/join-requests                         401       404     200    200     200       404             200
            POST teams/{id}/join-requests/{id}/approve           401       404     403    200     404       404             404
            POST teams/{id}/join-requests/{id}/decline           401       404     403    204     404       404             404
            GET join-requests (mine)                             401       200     200    200     200       200             200
            DELETE join-requests/{id} (the citizen's)            401       204     404    404     404       404             404
            GET registrations/me/export                          401       200     200    200     200       200             200
            POST registrations/me/erase                          401       204     204    204     204       204             204
            """);

    static {
        MATRIX.write("POST registrations", s -> on(HttpMethod.POST, s, "/registrations", ANSWERS))
                .read("GET registrations/me", s -> on(HttpMethod.GET, s, "/registrations/me"))
                .write(
                        "PUT registrations/me",
                        s -> on(HttpMethod.PUT, s, "/registrations/me", ANSWERS))
                .write(
                        "DELETE registrations/me",
                        s -> on(HttpMethod.DELETE, s, "/registrations/me"))
                .write(
                        "POST teams",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/teams",
                                        Map.of("name", "Nuevo " + UUID.randomUUID())))
                .write(
                        "POST teams/join",
                        s -> on(HttpMethod.POST, s, "/teams/join", Map.of("joinCode", s.code())))
                .read("GET teams/{id}", s -> on(HttpMethod.GET, s, "/teams/" + s.team()))
                .write(
                        "PATCH teams/{id}",
                        s ->
                                on(
                                        HttpMethod.PATCH,
                                        s,
                                        "/teams/" + s.team(),
                                        Map.of("description", "Nueva")))
                .write(
                        "POST teams/{id}/leave",
                        s -> on(HttpMethod.POST, s, "/teams/" + s.team() + "/leave"))
                .write(
                        "POST teams/{id}/captain",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/captain",
                                        Map.of("userId", s.member().id().toString())))
                .write(
                        "POST teams/{id}/join-code",
                        s -> on(HttpMethod.POST, s, "/teams/" + s.team() + "/join-code"))
                .write(
                        "DELETE teams/{id}/members/{id}",
                        s ->
                                on(
                                        HttpMethod.DELETE,
                                        s,
                                        "/teams/"
                                                + s.team()
                                                + "/members/"
                                                + s.test().freshMember(s)))
                .write(
                        "POST teams/{id}/challenges",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/challenges",
                                        Map.of("challengeId", s.challenge().toString())))
                .write(
                        "DELETE teams/{id}/challenges/{id}",
                        s ->
                                on(
                                        HttpMethod.DELETE,
                                        s,
                                        "/teams/"
                                                + s.team()
                                                + "/challenges/"
                                                + s.test().entered(s)))
                .read(
                        "GET gallery/teams (gallery not public yet)",
                        s -> on(HttpMethod.GET, s, "/gallery/teams"))
                .read(
                        "GET gallery/teams/{id} (gallery not public yet)",
                        s -> on(HttpMethod.GET, s, "/gallery/teams/" + s.team()))
                .write(
                        "POST teams/{id}/members",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/members",
                                        Map.of("userId", s.test().registered(s.event()).id())))
                .write(
                        "POST teams/{id}/members/{id}/move",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/"
                                                + s.team()
                                                + "/members/"
                                                + s.test().freshMember(s)
                                                + "/move",
                                        Map.of("toTeamId", s.test().otherTeam(s))))
                .write(
                        "POST teams/{id}/invitations",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/invitations",
                                        Map.of(
                                                "email",
                                                "guest-" + UUID.randomUUID() + "@example.pe")))
                .read(
                        "GET teams/{id}/invitations",
                        s -> on(HttpMethod.GET, s, "/teams/" + s.team() + "/invitations"))
                .write(
                        "DELETE teams/{id}/invitations/{id}",
                        s ->
                                on(
                                        HttpMethod.DELETE,
                                        s,
                                        "/teams/"
                                                + s.team()
                                                + "/invitations/"
                                                + s.test().invitation(s, null)))
                .read("GET invitations (mine)", s -> on(HttpMethod.GET, s, "/invitations"))
                .write(
                        "POST invitations/{id}/accept (to the citizen)",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/invitations/"
                                                + s.test().citizenInvitation(s)
                                                + "/accept"))
                .write(
                        "POST invitations/{id}/decline (to the citizen)",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/invitations/"
                                                + s.test().citizenInvitation(s)
                                                + "/decline"))
                .write(
                        "POST teams/{id}/join-requests",
                        s ->
                                on(
                                        HttpMethod.POST,
                                        s,
                                        "/teams/" + s.team() + "/join-requests",
                                        Map.of()))
                .read(
                        "GET teams/{id}/join-requests",
                        s -> on(HttpMethod.GET, s, "/teams/" + s.team() + "/join-requests"))
                .read("GET join-requests (mine)", s -> on(HttpMethod.GET, s, "/join-requests"))
                .write(
                        "DELETE join-requests/{id} (the citizen's)",
                        s ->
                                on(
                                        HttpMethod.DELETE,
                                        s,
                                        "/join-requests/" + s.test().joinRequest(s, s.citizen())))
                .read(
                        "GET registrations/me/export",
                        s -> on(HttpMethod.GET, s, "/registrations/me/export"))
                .write(
                        "POST registrations/me/erase",
                        s -> on(HttpMethod.POST, s, "/registrations/me/erase"));
        for (String path :
                List.of(
                        "teams",
                        "registrations",
                        "teams/export",
                        "registrations/export",
                        "team-stats",
                        "finder/people",
                        "finder/teams")) {
            MATRIX.read("GET " + path, s -> on(HttpMethod.GET, s, "/" + path));
        }
        for (String decision : List.of("approve", "decline")) {
            MATRIX.write(
                    "POST teams/{id}/join-requests/{id}/" + decision,
                    s ->
                            on(
                                    HttpMethod.POST,
                                    s,
                                    "/teams/"
                                            + s.team()
                                            + "/join-requests/"
                                            + s.test().joinRequest(s, null)
                                            + "/"
                                            + decision));
        }
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private static Call on(HttpMethod method, Setup s, String suffix) {
        return on(method, s, suffix, null);
    }

    private static Call on(HttpMethod method, Setup s, String suffix, Object body) {
        return Call.json(method, "/api/v1/events/" + s.event() + suffix, body);
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

    /** An event open for registration with a challenge, a team of two, and another citizen. */
    private Setup setup() {
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
        return new Setup(
                cast.event(),
                teamId,
                code,
                challenge,
                captain,
                member,
                citizen,
                cast.organizer(),
                cast.otherOrganizer(),
                cast.admin(),
                fixtures,
                this,
                new java.util.concurrent.ConcurrentHashMap<>());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callerGetsExpectedStatus(String row) {
        Setup s = MATRIX.scenario(row, "team", this::setup);
        MATRIX.verify(
                web,
                row,
                s,
                null,
                s.citizen().token(),
                s.member().token(),
                s.captain().token(),
                s.organizer().token(),
                s.otherOrganizer().token(),
                s.admin().token());
    }
}
