package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;

/** The team finder shows only people and teams marked looking, and only what people chose. */
class FinderIntegrationTests extends IntegrationTest {

    private Api api;
    private User admin;
    private UUID event;
    private UUID challenge;

    @BeforeEach
    void setUpEvent() {
        api = new Api(web, fixtures);
        admin = fixtures.admin();
        event = api.event(admin, Map.of("teamSizeMax", 3));
        challenge = fixtures.challenge(event, admin, "Calidad del aire");
    }

    private User looking(
            String region, List<String> skills, List<String> shows, List<UUID> interests) {
        return api.registered(
                event,
                Map.of(
                        "region",
                        region,
                        "skills",
                        skills,
                        "termsVersion",
                        "2026-11",
                        "lookingForTeam",
                        true,
                        "finderBio",
                        "Busco equipo",
                        "finderShows",
                        shows,
                        "interests",
                        interests.stream().map(UUID::toString).toList()));
    }

    private Api.Reply people(User user, String query) {
        return api.get(user, "/api/v1/events/{e}/finder/people" + query, event);
    }

    private List<String> peopleIds(User user, String query) {
        return people(user, query).expect(200).json("$.items[*].userId");
    }

    @Test
    void peopleShowOnlyWhatTheyChoseAndFiltersNeverMatchHiddenAnswers() {
        User open =
                looking(
                        "Cusco",
                        List.of("Python", "SIG"),
                        List.of("region", "skills"),
                        List.of(challenge));
        User shy = looking("Cusco", List.of("python"), List.of(), List.of());
        User notLooking = api.registered(event);

        Api.Reply all = people(notLooking, "").expect(200);
        assertThat(all.<List<String>>json("$.items[*].userId"))
                .containsExactly(open.id().toString(), shy.id().toString());
        assertThat(all.<String>json("$.items[0].region")).isEqualTo("Cusco");
        assertThat(all.<List<String>>json("$.items[0].skills")).containsExactly("Python", "SIG");
        assertThat(all.<Object>json("$.items[1].region")).isNull();
        assertThat(all.<Object>json("$.items[1].skills")).isNull();
        assertThat(all.<Object>json("$.items[1].ageBracket")).isNull();
        assertThat(all.body()).doesNotContain("@example.org");

        assertThat(peopleIds(notLooking, "?skill=PYTHON")).containsExactly(open.id().toString());
        assertThat(peopleIds(notLooking, "?region=Cusco")).containsExactly(open.id().toString());
        assertThat(peopleIds(notLooking, "?challenge=" + challenge))
                .containsExactly(open.id().toString());
        assertThat(peopleIds(notLooking, "?region=Lima")).isEmpty();
    }

    @Test
    void peopleWhoJoinedATeamThenLeaveTheFinderUnlessTheEventAllowsMoreTeams() {
        User seated = looking("Lima", List.of("r"), List.of("skills"), List.of());
        User captain = api.registered(event);
        api.join(event, seated, api.team(event, captain).json("$.joinCode"));
        assertThat(peopleIds(captain, "")).isEmpty();
    }

    @Test
    void peoplePagedWithCursor() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add(looking("Lima", List.of("r"), List.of(), List.of()).id().toString());
        }
        User reader = api.registered(event);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Reply page =
                    people(reader, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                            .expect(200);
            seen.addAll(page.json("$.items[*].userId"));
            cursor = page.json("$.nextCursor");
            if (cursor != null) {
                assertThat(page.headers().getFirst("Link")).contains("rel=\"next\"");
            }
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void teamsLookingWithSeatsLeftFilteredBySkillRegionAndChallenge() {
        User captain = api.registered(event);
        UUID wanted =
                api.team(
                                event,
                                captain,
                                Map.of(
                                        "name",
                                        "Aire limpio",
                                        "lookingForMembers",
                                        true,
                                        "skillsWanted",
                                        List.of("Estadística"),
                                        "region",
                                        "Arequipa"))
                        .id();
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        Map.of("challengeId", challenge.toString()),
                        event,
                        wanted)
                .expect(200);
        User other = api.registered(event);
        api.team(event, other, Map.of("name", "Sin búsqueda"));
        User full = api.registered(event);
        Api.Reply fullTeam =
                api.team(event, full, Map.of("name", "Completo", "lookingForMembers", true));
        api.join(event, api.registered(event), fullTeam.json("$.joinCode"));
        api.join(event, api.registered(event), fullTeam.json("$.joinCode"));

        User reader = api.registered(event);
        String base = "/api/v1/events/{e}/finder/teams";
        assertThat(api.get(reader, base, event).expect(200).<List<String>>json("$.items[*].teamId"))
                .containsExactly(wanted.toString());
        Api.Reply found =
                api.get(
                                reader,
                                base + "?skill=estadística&region=Arequipa&challenge=" + challenge,
                                event)
                        .expect(200);
        assertThat(found.<List<String>>json("$.items[*].teamId"))
                .containsExactly(wanted.toString());
        assertThat(found.body()).doesNotContain("joinCode").doesNotContain("@example.org");
        assertThat(
                        api.get(reader, base + "?skill=java", event)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .isEmpty();
    }

    @Test
    void finderForRegisteredCitizensAndOrganizersOnly() {
        api.get(null, "/api/v1/events/{e}/finder/people", event).problem(401, "unauthorized");
        api.get(fixtures.user("citizen"), "/api/v1/events/{e}/finder/people", event)
                .problem(403, "forbidden");
        api.get(fixtures.user("citizen"), "/api/v1/events/{e}/finder/teams", event)
                .problem(403, "forbidden");
        api.get(admin, "/api/v1/events/{e}/finder/teams", event).expect(200);
        User reader = api.registered(event);
        people(reader, "?limit=0").problem(400, "validation-failed");
        people(reader, "?cursor=nonsense").problem(400, "invalid-cursor");
        people(reader, "?challenge=not-a-uuid").problem(400, "malformed-request");
        people(reader, "?skill=" + "x".repeat(41)).expect(400);
        api.get(reader, "/api/v1/events/{e}/finder/people", UUID.randomUUID())
                .problem(404, "not-found");
    }

    @Test
    void registrationWithFinderFieldsValidated() {
        User citizen = fixtures.user("citizen");
        String path = "/api/v1/events/{e}/registrations";
        api.post(
                        citizen,
                        path,
                        Map.of(
                                "region",
                                "Lima",
                                "termsVersion",
                                "1",
                                "finderShows",
                                List.of("email")),
                        event)
                .problem(400, "validation-failed");
        api.post(
                        citizen,
                        path,
                        Map.of("region", "Lima", "termsVersion", "1", "finderBio", "x".repeat(281)),
                        event)
                .problem(400, "validation-failed");
        api.post(
                        citizen,
                        path,
                        Map.of(
                                "region",
                                "Lima",
                                "termsVersion",
                                "1",
                                "interests",
                                List.of(UUID.randomUUID().toString())),
                        event)
                .problem(422, "unknown-challenge");
        assertThat(count("select count(*) from registrations where user_id = $1", citizen.id()))
                .isZero();
    }
}
