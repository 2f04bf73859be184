package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpHeaders;

/** "My teams": a citizen's own teams in one event and across events, paged, by role. */
class MyTeamsIntegrationTests extends IntegrationTest {

    private static final String IN_EVENT = "/api/v1/events/{e}/teams/mine";
    private static final String EVERYWHERE = "/api/v1/me/teams";

    @Test
    void listMyTeamsWhenAnonymousThen401WithChallenge() {
        TeamApi api = new TeamApi(web, fixtures);
        UUID event = api.event(fixtures.admin(), null);

        for (Api.Reply reply : List.of(api.get(null, IN_EVENT, event), api.get(null, EVERYWHERE))) {
            reply.expect(401);
            assertThat(reply.headers().getContentType().toString())
                    .startsWith("application/problem+json");
            assertThat(reply.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        }
    }

    @Test
    void listMyTeamsWhenCitizenHasNoTeamThenEmptyPages() {
        TeamApi api = new TeamApi(web, fixtures);
        UUID event = api.event(fixtures.admin(), null);
        User citizen = api.registered(event);

        assertThat(api.get(citizen, IN_EVENT, event).expect(200).<List<Object>>json("$.items"))
                .isEmpty();
        assertThat(api.get(citizen, EVERYWHERE).expect(200).<List<Object>>json("$.items"))
                .isEmpty();
    }

    @Test
    void listMyTeamsWhenCitizenIsInTeamsOfTwoEventsThenEachListShowsItsOwn() {
        TeamApi api = new TeamApi(web, fixtures);
        User admin = fixtures.admin();
        UUID first = api.event(admin, Map.of("allowMultipleTeams", true));
        UUID second = api.event(admin, null);
        User ana = api.registered(first);
        api.post(ana, "/api/v1/events/{e}/registrations", TeamApi.ANSWERS, second).expect(201);
        Api.Reply mine = api.team(first, ana, Map.of("name", "Datavengers"));
        User luis = api.registered(first);
        String other = api.team(first, luis, Map.of("name", "Inca Data")).json("$.joinCode");
        api.join(first, ana, other);
        api.team(second, ana, Map.of("name", "Piura Abierta"));
        api.team(second, api.registered(second), Map.of("name", "Not mine"));

        Api.Reply inFirst = api.get(ana, IN_EVENT, first).expect(200);
        assertThat(inFirst.<List<String>>json("$.items[*].name"))
                .containsExactly("Datavengers", "Inca Data");
        assertThat(inFirst.<String>json("$.items[0].joinCode"))
                .isEqualTo(mine.<String>json("$.joinCode"));
        assertThat(inFirst.<List<String>>json("$.items[1].members[*].email"))
                .containsExactly(luis.email(), ana.email());

        Api.Reply page = api.get(ana, EVERYWHERE + "?limit=2").expect(200);
        assertThat(page.<List<String>>json("$.items[*].name"))
                .containsExactly("Datavengers", "Inca Data");
        String next = page.json("$.nextCursor");
        assertThat(next).isNotNull();
        Api.Reply rest = api.get(ana, EVERYWHERE + "?limit=2&cursor=" + next).expect(200);
        assertThat(rest.<List<String>>json("$.items[*].name")).containsExactly("Piura Abierta");
        assertThat(rest.<String>json("$.nextCursor")).isNull();

        assertThat(api.get(luis, EVERYWHERE).expect(200).<List<String>>json("$.items[*].name"))
                .containsExactly("Inca Data");
    }

    @Test
    void listMyTeamsWhenOrganizerWithoutTeamsThenEmptyNotTheEventsTeams() {
        TeamApi api = new TeamApi(web, fixtures);
        User admin = fixtures.admin();
        UUID event = api.event(admin, null);
        api.team(event, api.registered(event));

        assertThat(api.get(admin, IN_EVENT, event).expect(200).<List<Object>>json("$.items"))
                .isEmpty();
        assertThat(
                        api.get(admin, "/api/v1/events/{e}/teams", event)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .hasSize(1);
    }

    @Test
    void listMyTeamsInEventWhenEventUnknownThen404() {
        TeamApi api = new TeamApi(web, fixtures);
        User citizen = fixtures.user("citizen");

        api.get(citizen, IN_EVENT, UUID.randomUUID()).problem(404, "not-found");
    }
}
