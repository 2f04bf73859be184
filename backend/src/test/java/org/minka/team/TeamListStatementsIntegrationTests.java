package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.StatementCounter;
import org.springframework.context.annotation.Import;

/**
 * The organizer's team list loads a page's members, their names and its challenges in one statement
 * each: what a page costs does not grow with its size.
 */
@Import(StatementCounter.class)
class TeamListStatementsIntegrationTests extends IntegrationTest {

    private static final String[] TEAM_READS = {"team_members", "team_challenges", "users"};

    @Test
    void listTeamsWhenPageGrowsThenStatementsStayTheSame() {
        TeamApi api = new TeamApi(web, fixtures);
        User admin = fixtures.admin();
        UUID event = api.event(admin, Map.of("teamSizeMax", 3));
        UUID challenge = fixtures.challenge(event, admin, "Agua en Puno");
        seedTeams(event, challenge, 12);

        List<String> small = statements(api, admin, event, 2);
        List<String> large = statements(api, admin, event, 12);

        assertThat(large).hasSameSizeAs(small);
        assertThat(large).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void listTeamsWhenPagedThenEachTeamHasItsOwnMembersAndChallenges() {
        TeamApi api = new TeamApi(web, fixtures);
        User admin = fixtures.admin();
        UUID event = api.event(admin, Map.of("teamSizeMax", 3));
        UUID challenge = fixtures.challenge(event, admin, "Agua en Puno");
        seedTeams(event, challenge, 5);

        Api.Reply page = api.get(admin, "/api/v1/events/{e}/teams?limit=5", event).expect(200);

        for (int i = 0; i < 5; i++) {
            String team = "$.items[" + i + "]";
            List<String> names = page.json(team + ".members[*].displayName");
            String name = page.json(team + ".name");
            assertThat(names).containsExactly(name + " captain", name + " member");
            assertThat(page.<List<String>>json(team + ".members[*].role"))
                    .containsExactly("CAPTAIN", "MEMBER");
            assertThat(page.<List<String>>json(team + ".challengeIds"))
                    .containsExactly(challenge.toString());
        }
    }

    /** The page's statements that read team members, challenges or names. */
    private List<String> statements(TeamApi api, User admin, UUID event, int limit) {
        StatementCounter.STATEMENTS.clear();
        Api.Reply page =
                api.get(admin, "/api/v1/events/{e}/teams?limit=" + limit, event).expect(200);
        assertThat(page.<List<Object>>json("$.items")).hasSize(limit);
        return StatementCounter.naming(TEAM_READS);
    }

    /** Teams of two members each (captain first), all in the challenge, written in SQL. */
    private void seedTeams(UUID event, UUID challenge, int teams) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        db.sql(
                        """
                        with people as (
                          insert into users (issuer, subject, email, email_verified, name)
                          select 'seed', :tag || '-' || t || '-' || r, :tag || t || r || '@example.pe',
                                 true, 'Equipo ' || :tag || '-' || lpad(t::text, 2, '0') || ' '
                                 || case r when 0 then 'captain' else 'member' end
                          from generate_series(1, :teams) t, generate_series(0, 1) r
                          returning id, subject, name),
                        reg as (
                          insert into registrations (event_id, user_id, region, terms_version,
                                                     consented_at, teams_joined)
                          select :event, id, 'Puno', '1', now(), 1 from people returning user_id),
                        made as (
                          insert into teams (event_id, name, captain_id, join_code, max_size,
                                             member_count, challenges_entered, created_at)
                          select :event, 'Equipo ' || :tag || '-' || lpad(t::text, 2, '0'),
                                 (select id from people where subject = :tag || '-' || t || '-0'),
                                 :tag || '-' || t, 3, 2, 1, now() + t * interval '1 ms'
                          from generate_series(1, :teams) t returning id, join_code),
                        seated as (
                          insert into team_members (team_id, event_id, user_id, role, joined_at)
                          select m.id, :event, p.id,
                                 case when p.subject like '%-0' then 'CAPTAIN' else 'MEMBER' end,
                                 now() + case when p.subject like '%-0' then interval '0'
                                              else interval '1 s' end
                          from made m join people p
                            on p.subject like m.join_code || '-%'
                          returning team_id)
                        insert into team_challenges (team_id, challenge_id, event_id)
                        select id, :challenge, :event from made
                        """)
                .bind("tag", tag)
                .bind("teams", teams)
                .bind("event", event)
                .bind("challenge", challenge)
                .then()
                .block();
    }
}
