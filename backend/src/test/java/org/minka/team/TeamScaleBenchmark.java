package org.minka.team;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;

/**
 * On demand only ({@code -Dtest=TeamScaleBenchmark -Dminka.bench.teams=true}): an event at Peru's
 * size, seeded in SQL (2,600 citizens, 800 teams, 150 challenges), and the median time of the
 * organizer's team list, team search and the two CSV exports over HTTP. Not part of make test.
 */
@EnabledIfSystemProperty(named = "minka.bench.teams", matches = "true")
class TeamScaleBenchmark extends IntegrationTest {

    private static final int CITIZENS = 2_600;
    private static final int TEAMS = 800;
    private static final int CHALLENGES = 150;
    private static final int RUNS = Integer.getInteger("minka.bench.runs", 15);

    @Test
    void organizerViewsAtPeruSize() {
        TeamApi api = new TeamApi(web, fixtures);
        User admin = fixtures.admin();
        UUID event = api.event(admin, Map.of("teamSizeMax", 5, "challengesPerTeam", 3));
        seed(event);
        String base = "/api/v1/events/" + event;

        List<String> report = new ArrayList<>();
        report.add(time("team list, 20 per page", () -> get(api, admin, base + "/teams")));
        report.add(
                time("team list, 100 per page", () -> get(api, admin, base + "/teams?limit=100")));
        report.add(
                time("team search by member name", () -> get(api, admin, base + "/teams?q=0042")));
        report.add(
                time(
                        "registrations CSV (2,600 rows)",
                        () -> get(api, admin, base + "/registrations/export")));
        report.add(time("teams CSV (800 rows)", () -> get(api, admin, base + "/teams/export")));
        report.add(
                time("registrations, 20 per page", () -> get(api, admin, base + "/registrations")));
        report.add(
                time(
                        "registrations search by name",
                        () -> get(api, admin, base + "/registrations?q=0042")));
        report.add(time("team stats", () -> get(api, admin, base + "/team-stats")));
        report.add(time("submissions, 20 per page", () -> get(api, admin, base + "/submissions")));
        report.add(
                time(
                        "help-request queue, 20 per page",
                        () -> get(api, admin, base + "/help-requests")));
        report.add(time("audit log, 20 per page", () -> get(api, admin, base + "/audit-log")));
        report.forEach(System.out::println);
    }

    private static int get(TeamApi api, User admin, String path) {
        return api.get(admin, path).expect(200).body().length();
    }

    private static String time(String what, Supplier<Integer> call) {
        for (int i = 0; i < 3; i++) {
            call.get();
        }
        List<Long> micros = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            bytes = call.get();
            micros.add((System.nanoTime() - start) / 1_000);
        }
        Collections.sort(micros);
        return String.format(
                "BENCH %-32s median %6.1f ms  (min %6.1f, max %6.1f, %d bytes, %d runs)",
                what,
                micros.get(RUNS / 2) / 1000.0,
                micros.get(0) / 1000.0,
                micros.get(RUNS - 1) / 1000.0,
                bytes,
                RUNS);
    }

    private void seed(UUID event) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        db.sql(
                        """
                        insert into challenges (event_id, title, created_at)
                        select :event, 'Reto ' || c, now() + c * interval '1 ms'
                        from generate_series(1, :challenges) c
                        """)
                .bind("event", event)
                .bind("challenges", CHALLENGES)
                .then()
                .block();
        db.sql(
                        """
                        insert into users (issuer, subject, email, email_verified, name)
                        select 'bench', :tag || '-' || u, 'persona' || lpad(u::text, 4, '0')
                               || '.' || :tag || '@example.pe', true,
                               'Persona ' || lpad(u::text, 4, '0')
                        from generate_series(1, :citizens) u
                        """)
                .bind("tag", tag)
                .bind("citizens", CITIZENS)
                .then()
                .block();
        db.sql(
                        """
                        insert into registrations (event_id, user_id, region, age_bracket, skills,
                                                   terms_version, consented_at, created_at)
                        select :event, id, 'Cusco', '25-34', array['python', 'sql'], '1', now(),
                               now() + (split_part(subject, '-', 2))::int * interval '1 ms'
                        from users where issuer = 'bench' and subject like :tag || '-%'
                        """)
                .bind("event", event)
                .bind("tag", tag)
                .then()
                .block();
        // team t (1..800) holds citizens 3t-2, 3t-1 and 3t; the first is its captain
        db.sql(
                        """
                        insert into teams (event_id, name, captain_id, join_code, max_size,
                                           member_count, challenges_entered, created_at)
                        select :event, 'Equipo ' || t,
                               (select id from users where issuer = 'bench'
                                  and subject = :tag || '-' || (3 * t - 2)),
                               :tag || '-T' || t, 5, 3, 2, now() + t * interval '1 ms'
                        from generate_series(1, :teams) t
                        """)
                .bind("event", event)
                .bind("tag", tag)
                .bind("teams", TEAMS)
                .then()
                .block();
        db.sql(
                        """
                        insert into team_members (team_id, event_id, user_id, role, joined_at)
                        select t.id, :event, u.id,
                               case when r = 0 then 'CAPTAIN' else 'MEMBER' end,
                               now() + r * interval '1 s'
                        from teams t, generate_series(0, 2) r, users u
                        where t.event_id = :event
                          and u.issuer = 'bench'
                          and u.subject = :tag || '-'
                              || (3 * (split_part(t.join_code, '-T', 2))::int - 2 + r)
                        """)
                .bind("event", event)
                .bind("tag", tag)
                .then()
                .block();
        db.sql(
                        """
                        update registrations set teams_joined = 1 where event_id = :event
                          and user_id in (select user_id from team_members where event_id = :event)
                        """)
                .bind("event", event)
                .then()
                .block();
        db.sql(
                        """
                        insert into team_challenges (team_id, challenge_id, event_id)
                        select t.id, c.id, :event
                        from (select id, row_number() over (order by created_at) as n
                                from teams where event_id = :event) t
                        join (select id, row_number() over (order by created_at) - 1 as n
                                from challenges where event_id = :event) c
                          on c.n in (t.n % :challenges, (t.n + 1) % :challenges)
                        """)
                .bind("event", event)
                .bind("challenges", CHALLENGES)
                .then()
                .block();
        // 600 submissions (teams 1..600, each in its first challenge) with one submitted version,
        // and 200 help requests (teams 1..200), as in the Peru-size run of issue 12
        db.sql(
                        """
                        insert into submissions (event_id, team_id, challenge_id, title, licence,
                                                 latest_version, created_by, created_at)
                        select :event, t.id, tc.challenge_id, 'Análisis ' || t.name, 'CC-BY-4.0',
                               1, t.captain_id, t.created_at
                        from teams t
                        join lateral (select challenge_id from team_challenges
                                       where team_id = t.id order by challenge_id limit 1) tc
                          on true
                        where t.event_id = :event
                          and (split_part(t.join_code, '-T', 2))::int <= 600
                        """)
                .bind("event", event)
                .then()
                .block();
        db.sql(
                        """
                        insert into submission_versions (submission_id, number, title, summary,
                                                         links, datasets, licence, artifact_ids,
                                                         submitted_by)
                        select id, 1, title, summary, links, datasets, licence, '{}', created_by
                        from submissions where event_id = :event
                        """)
                .bind("event", event)
                .then()
                .block();
        db.sql(
                        """
                        insert into help_requests (event_id, challenge_id, team_id, opened_by,
                                                   topic, body, created_at)
                        select :event, tc.challenge_id, t.id, t.captain_id, 'DATA',
                               'No encontramos el diccionario de datos', t.created_at
                        from teams t
                        join lateral (select challenge_id from team_challenges
                                       where team_id = t.id order by challenge_id limit 1) tc
                          on true
                        where t.event_id = :event
                          and (split_part(t.join_code, '-T', 2))::int <= 200
                        """)
                .bind("event", event)
                .then()
                .block();
        db.sql("analyze").then().block();
    }
}
