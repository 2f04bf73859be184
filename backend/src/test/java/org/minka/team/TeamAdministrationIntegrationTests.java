package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Organizers list, search, export and count; they alone change members once the team is locked;
 * captains edit their team; public pages follow the gallery.
 */
class TeamAdministrationIntegrationTests extends IntegrationTest {

    private Api api;
    private User admin;
    private UUID event;
    private UUID challenge;

    @BeforeEach
    void setUpEvent() {
        api = new Api(web, fixtures);
        admin = fixtures.admin();
        event = api.event(admin, Map.of("teamSizeMax", 2, "teamSizeMin", 2));
        challenge = fixtures.challenge(event, admin, "Dengue en Piura");
    }

    private long audited(String action) {
        return count(
                "select count(*) from audit_log where event_id = $1 and action = $2",
                event,
                action);
    }

    @Test
    void organizerListsSearchesAndCountsTeamsAndRegistrations() {
        User ana = api.registered(event, Map.of("region", "Piura", "termsVersion", "1"));
        UUID datavengers = api.team(event, ana, Map.of("name", "Datavengers")).id();
        api.post(
                        ana,
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        Map.of("challengeId", challenge.toString()),
                        event,
                        datavengers)
                .expect(200);
        User luis = api.registered(event, Map.of("region", "Cusco", "termsVersion", "1"));
        api.team(event, luis, Map.of("name", "Inca Data"));
        api.registered(event, Map.of("region", "Cusco", "termsVersion", "1"));

        String teams = "/api/v1/events/{e}/teams";
        assertThat(
                        api.get(admin, teams + "?q=venger", event)
                                .expect(200)
                                .<List<String>>json("$.items[*].name"))
                .containsExactly("Datavengers");
        Api.Reply byMember = api.get(admin, teams + "?q=" + luis.email(), event).expect(200);
        assertThat(byMember.<List<String>>json("$.items[*].name")).containsExactly("Inca Data");
        assertThat(byMember.<List<String>>json("$.items[0].members[*].email"))
                .containsExactly(luis.email());
        assertThat(
                        api.get(admin, teams + "?challenge=" + challenge, event)
                                .expect(200)
                                .<List<String>>json("$.items[*].name"))
                .containsExactly("Datavengers");
        Api.Reply page = api.get(admin, teams + "?limit=1", event).expect(200);
        assertThat(page.<List<Object>>json("$.items")).hasSize(1);
        assertThat(page.<String>json("$.nextCursor")).isNotNull();
        assertThat(
                        api.get(admin, teams + "?q=%25", event)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .isEmpty();

        String registrations = "/api/v1/events/{e}/registrations";
        assertThat(
                        api.get(admin, registrations + "?region=Cusco", event)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .hasSize(2);
        assertThat(
                        api.get(admin, registrations + "?region=Cusco&inTeam=false", event)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .hasSize(1);
        assertThat(
                        api.get(admin, registrations + "?q=" + ana.email(), event)
                                .expect(200)
                                .<List<String>>json("$.items[0].teamNames"))
                .containsExactly("Datavengers");

        Api.Reply stats = api.get(admin, "/api/v1/events/{e}/team-stats", event).expect(200);
        assertThat(stats.<Integer>json("$.registrations")).isEqualTo(3);
        assertThat(stats.<Integer>json("$.teams")).isEqualTo(2);
        assertThat(stats.<Integer>json("$.participantsInTeams")).isEqualTo(2);
        assertThat(
                        stats.<List<Integer>>json(
                                "$.perChallenge[?(@.title == 'Dengue en Piura')].teams"))
                .containsExactly(1);
        assertThat(stats.<List<Integer>>json("$.perRegion[?(@.region == 'Cusco')].registrations"))
                .containsExactly(2);
        assertThat(stats.<List<Integer>>json("$.perRegion[?(@.region == 'Cusco')].inTeams"))
                .containsExactly(1);
        assertThat(stats.<Integer>json("$.teamsBelowMinimum")).isZero();
        api.closeRegistration(event, admin);
        assertThat(
                        api.get(admin, "/api/v1/events/{e}/team-stats", event)
                                .expect(200)
                                .<Integer>json("$.teamsBelowMinimum"))
                .isEqualTo(2);
        assertThat(
                        api.get(admin, teams + "?belowMinimum=true", event)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .hasSize(2);
    }

    @Test
    void organizerExportsCsvSafeForSpreadsheets() {
        User captain = api.registered(event);
        api.team(event, captain, Map.of("name", "=HYPERLINK(\"http://evil\")", "region", "Lima"));
        api.registered(
                event,
                Map.of("region", "Áncash", "termsVersion", "1", "skills", List.of("a,b", "@x")));

        Api.Reply teams = api.get(admin, "/api/v1/events/{e}/teams/export", event).expect(200);
        assertThat(
                        teams.headers()
                                .getContentType()
                                .isCompatibleWith(MediaType.parseMediaType("text/csv")))
                .isTrue();
        assertThat(teams.headers().getContentDisposition().getFilename())
                .isEqualTo("teams-" + event + ".csv");
        List<String> lines = teams.body().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFteam_id,name,region,members");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .contains("\"'=HYPERLINK(\"\"http://evil\"\")\"")
                .contains(captain.email() + "> (captain)");

        Api.Reply registrations =
                api.get(admin, "/api/v1/events/{e}/registrations/export", event).expect(200);
        List<String> rows = registrations.body().lines().toList();
        assertThat(rows).hasSize(3);
        assertThat(registrations.body()).contains("Áncash").contains("\"a,b; @x\"");

        api.get(captain, "/api/v1/events/{e}/teams/export", event).problem(403, "forbidden");
        api.get(null, "/api/v1/events/{e}/registrations/export", event)
                .problem(401, "unauthorized");
    }

    @Test
    void afterCloseOnlyOrganizersChangeMembersAndEachChangeIsAudited() {
        User captain = api.registered(event);
        Api.Reply first = api.team(event, captain);
        User member = api.registered(event);
        api.join(event, member, first.json("$.joinCode"));
        User other = api.registered(event);
        UUID second = api.team(event, other).id();
        User loner = api.registered(event);
        api.closeRegistration(event, admin);

        api.post(member, "/api/v1/events/{e}/teams/{t}/leave", null, event, first.id())
                .problem(409, "phase-closed");
        api.call(
                        HttpMethod.DELETE,
                        captain,
                        "/api/v1/events/{e}/teams/{t}/members/{u}",
                        null,
                        event,
                        first.id(),
                        member.id())
                .problem(409, "phase-closed");
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/members",
                        Map.of("userId", loner.id().toString()),
                        event,
                        first.id())
                .problem(403, "forbidden");

        api.post(
                        admin,
                        "/api/v1/events/{e}/teams/{t}/members",
                        Map.of("userId", loner.id().toString()),
                        event,
                        first.id())
                .problem(409, "team-full");
        api.post(
                        admin,
                        "/api/v1/events/{e}/teams/{t}/members/{u}/move",
                        Map.of("toTeamId", second.toString()),
                        event,
                        first.id(),
                        member.id())
                .expect(200);
        assertThat(
                        count(
                                "select count(*) from team_members where team_id = $1 and user_id = $2",
                                second,
                                member.id()))
                .isEqualTo(1);
        assertThat(audited("team.member.moved")).isEqualTo(1);
        api.post(
                        admin,
                        "/api/v1/events/{e}/teams/{t}/members",
                        Map.of("userId", loner.id().toString()),
                        event,
                        first.id())
                .expect(200);
        assertThat(audited("team.member.added")).isEqualTo(1);
        api.post(
                        admin,
                        "/api/v1/events/{e}/teams/{t}/members",
                        Map.of("userId", loner.id().toString()),
                        event,
                        first.id())
                .problem(409, "already-member");
        api.post(
                        admin,
                        "/api/v1/events/{e}/teams/{t}/members",
                        Map.of("userId", fixtures.user("x").id().toString()),
                        event,
                        second)
                .problem(409, "not-registered");
        api.post(
                        admin,
                        "/api/v1/events/{e}/teams/{t}/members/{u}/move",
                        Map.of("toTeamId", UUID.randomUUID().toString()),
                        event,
                        first.id(),
                        loner.id())
                .problem(400, "validation-failed");
        api.post(
                        admin,
                        "/api/v1/events/{e}/teams/{t}/members/{u}/move",
                        Map.of("toTeamId", second.toString()),
                        event,
                        first.id(),
                        member.id())
                .problem(422, "not-a-member");
        assertThat(count("select count(*) from team_members where team_id = $1", first.id()))
                .isEqualTo(2);
        assertThat(count("select count(*) from team_members where team_id = $1", second))
                .isEqualTo(2);
        assertThat(audited("team.member.added")).isEqualTo(1);
    }

    @Test
    void captainUpdatesTeamWithOptimisticLocking() {
        User captain = api.registered(event);
        Api.Reply team = api.team(event, captain);
        User member = api.registered(event);
        api.join(event, member, team.json("$.joinCode"));
        User rival = api.registered(event);
        api.team(event, rival, Map.of("name", "Ocupado"));
        String path = "/api/v1/events/{e}/teams/{t}";

        api.call(
                        HttpMethod.PATCH,
                        member,
                        path,
                        Map.of("lookingForMembers", true),
                        event,
                        team.id())
                .problem(403, "forbidden");
        api.call(HttpMethod.PATCH, rival, path, Map.of("lookingForMembers", true), event, team.id())
                .problem(404, "not-found");
        api.call(HttpMethod.PATCH, captain, path, Map.of("name", "OCUPADO"), event, team.id())
                .problem(409, "team-name-taken");
        api.call(HttpMethod.PATCH, captain, path, Map.of("region", "Narnia"), event, team.id())
                .problem(400, "validation-failed");
        api.call(HttpMethod.PATCH, captain, path, Map.of("name", " "), event, team.id())
                .problem(400, "validation-failed");

        Api.Reply updated =
                api.call(
                                HttpMethod.PATCH,
                                captain,
                                path,
                                Map.of(
                                        "description",
                                        "Nuevo",
                                        "skillsWanted",
                                        List.of("sql"),
                                        "region",
                                        "Tacna"),
                                event,
                                team.id())
                        .expect(200);
        assertThat(updated.<String>json("$.description")).isEqualTo("Nuevo");
        assertThat(updated.<String>json("$.region")).isEqualTo("Tacna");
        assertThat(updated.<String>json("$.name")).isEqualTo(team.<String>json("$.name"));
        String etag = updated.headers().getETag();
        assertThat(etag).isNotNull();

        var stale =
                web.patch()
                        .uri(path, event, team.id())
                        .headers(h -> h.setBearerAuth(captain.token()))
                        .header("If-Match", "\"0\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("description", "Perdido"))
                        .exchange()
                        .expectBody(String.class)
                        .returnResult();
        assertThat(stale.getStatus().value()).isEqualTo(412);
        web.patch()
                .uri(path, event, team.id())
                .headers(h -> h.setBearerAuth(captain.token()))
                .header("If-Match", etag)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("region", ""))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.region")
                .doesNotExist();
        assertThat(
                        count(
                                "select count(*) from teams where id = $1 and description = 'Nuevo'",
                                team.id()))
                .isEqualTo(1);
    }

    @Test
    void publicTeamPagesOnlyOnceTheGalleryIsPublic() {
        User captain = api.registered(event);
        Api.Reply team = api.team(event, captain, Map.of("name", "Visibles"));
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        Map.of("challengeId", challenge.toString()),
                        event,
                        team.id())
                .expect(200);
        String one = "/api/v1/events/{e}/gallery/teams/{t}";
        String all = "/api/v1/events/{e}/gallery/teams";
        api.get(null, one, event, team.id()).problem(404, "not-found");
        api.get(captain, all, event).problem(404, "not-found");

        api.closeSubmission(event, admin);
        Api.Reply page = api.get(null, one, event, team.id()).expect(200);
        assertThat(page.<String>json("$.name")).isEqualTo("Visibles");
        assertThat(page.<List<String>>json("$.challengeIds")).containsExactly(challenge.toString());
        assertThat(page.<List<String>>json("$.members")).hasSize(1);
        assertThat(page.body())
                .doesNotContain("@example.org")
                .doesNotContain("joinCode")
                .doesNotContain(captain.id().toString());
        assertThat(api.get(null, all, event).expect(200).<List<String>>json("$.items[*].name"))
                .containsExactly("Visibles");
        api.get(null, one, event, UUID.randomUUID()).problem(404, "not-found");
        api.get(null, all + "?limit=500", event).problem(400, "validation-failed");

        api.call(
                        HttpMethod.PATCH,
                        admin,
                        "/api/v1/events/{e}",
                        Map.of("settings", Map.of("galleryPublic", false)),
                        event)
                .expect(200);
        api.get(null, one, event, team.id()).problem(404, "not-found");
    }

    @Test
    void personalDataExportedAndErasedAtAnyPhase() {
        User captain =
                api.registered(
                        event,
                        Map.of("region", "Puno", "ageBracket", "18-24", "termsVersion", "1"));
        Api.Reply team = api.team(event, captain);
        User member = api.registered(event);
        api.join(event, member, team.json("$.joinCode"));
        User other = api.registered(event);
        UUID otherTeam = api.team(event, other).id();
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/join-requests",
                        Map.of("message", "hola"),
                        event,
                        otherTeam)
                .expect(201);

        Api.Reply export =
                api.get(captain, "/api/v1/events/{e}/registrations/me/export", event).expect(200);
        assertThat(export.<String>json("$.registration.region")).isEqualTo("Puno");
        assertThat(export.<String>json("$.email")).isEqualTo(captain.email());
        assertThat(export.<List<String>>json("$.teams[*].id"))
                .containsExactly(team.id().toString());
        assertThat(export.<List<String>>json("$.joinRequests[*].message")).containsExactly("hola");

        api.closeRegistration(event, admin);
        api.post(captain, "/api/v1/events/{e}/registrations/me/erase", null, event).expect(204);
        assertThat(count("select count(*) from registrations where user_id = $1", captain.id()))
                .isZero();
        assertThat(
                        count(
                                "select count(*) from team_join_requests where user_id = $1",
                                captain.id()))
                .isZero();
        assertThat(count("select count(*) from team_members where user_id = $1", captain.id()))
                .isZero();
        assertThat(
                        count(
                                "select count(*) from teams where id = $1 and captain_id = $2 and member_count = 1",
                                team.id(),
                                member.id()))
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from team_members where team_id = $1 and user_id = $2 and role = 'CAPTAIN'",
                                team.id(),
                                member.id()))
                .isEqualTo(1);
        assertThat(audited("registration.erased")).isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and details::text like '%' || $2 || '%'",
                                event, captain.email()))
                .isZero();
        Api.Reply after =
                api.get(captain, "/api/v1/events/{e}/registrations/me/export", event).expect(200);
        assertThat(after.<Object>json("$.registration")).isNull();
        assertThat(after.<List<Object>>json("$.teams")).isEmpty();

        api.post(member, "/api/v1/events/{e}/registrations/me/erase", null, event).expect(204);
        assertThat(count("select count(*) from teams where id = $1", team.id())).isZero();
        api.post(null, "/api/v1/events/{e}/registrations/me/erase", null, event)
                .problem(401, "unauthorized");
        api.get(member, "/api/v1/events/{e}/registrations/me/export", UUID.randomUUID())
                .problem(404, "not-found");
    }

    @Test
    void oneTeamPerCitizenUnlessTheEventAllowsMore() {
        User captain = api.registered(event);
        String first = api.team(event, captain).json("$.joinCode");
        User other = api.registered(event);
        String second = api.team(event, other).json("$.joinCode");
        User citizen = api.registered(event);
        api.join(event, citizen, first);
        api.post(citizen, "/api/v1/events/{e}/teams/join", Map.of("joinCode", second), event)
                .problem(409, "team-limit-reached");

        api.call(
                        HttpMethod.PATCH,
                        admin,
                        "/api/v1/events/{e}",
                        Map.of("settings", Map.of("allowMultipleTeams", true)),
                        event)
                .expect(200);
        api.join(event, citizen, second);
        assertThat(count("select count(*) from team_members where user_id = $1", citizen.id()))
                .isEqualTo(2);
    }
}
