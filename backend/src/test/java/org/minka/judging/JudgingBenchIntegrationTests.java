package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.minka.security.CurrentUser;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Flux;

/**
 * On demand only ({@code make bench-judging}: {@code -Dminka.bench.judging=true}): a national-scale
 * event built in SQL (150 challenges, 1,000 counted submissions of 1,000 teams of three, 60 judges
 * with realistic scopes, mentor, team and declared conflicts, the default rubric of 5 criteria, 3
 * judges per submission, finals of 15 judges x 10 finalists in 10 challenges), then the judging
 * module's real services timed, several runs: the assignment run, the load of every judge's
 * submitted score (SQL, as judges would over days), round 1's aggregation, and Schulze on the 10
 * finals. Prints one line per run, then the medians on the last line. Not part of make test.
 */
@EnabledIfSystemProperty(named = "minka.bench.judging", matches = "true")
class JudgingBenchIntegrationTests extends IntegrationTest {

    private static final int CHALLENGES = 150;
    private static final int FINALS = 10;
    private static final int SUBMISSIONS = 1_000;
    private static final int JUDGES = 60;
    private static final int EVENT_WIDE = 10;
    private static final int RUNS = Integer.getInteger("minka.bench.runs", 5);

    @Autowired AssignmentService assignments;
    @Autowired RankingService ranking;
    @Autowired FinalBallotService finals;
    @Autowired Rubrics rubrics;

    private String tag;
    private UUID event;

    @Test
    void judgingAtNationalScale() {
        User admin = firstUser();
        event =
                new Api(web, fixtures)
                        .event(
                                admin,
                                Map.of(
                                        "judging",
                                        Map.of(
                                                "judgesPerSubmission",
                                                3,
                                                "finalistsPerChallenge",
                                                FINALS)));
        tag = UUID.randomUUID().toString().substring(0, 8);
        seed(admin);
        UUID rubric = rubrics.eventRubric(event).block().id();
        CurrentUser organizer =
                new CurrentUser(admin.id(), "bench", "bench", admin.email(), true, "Admin", true);
        List<long[]> runs = new ArrayList<>();
        for (int run = 0; run < RUNS + 1; run++) {
            sql("delete from judging_scores where event_id = $1", event);
            sql("delete from judging_assignments where event_id = $1", event);
            long seed = 7 + run;
            long assign = millis(() -> assignments.run(event, seed, organizer).block());
            long load = millis(() -> loadScores(rubric));
            RankingService.Round1[] round1 = new RankingService.Round1[1];
            long aggregate = millis(() -> round1[0] = ranking.round1(event).block());
            if (run == 0) {
                seedFinals(admin, round1[0]);
            }
            List<FinalistRanking> results = new ArrayList<>();
            long schulze = millis(() -> results.addAll(schulze()));
            check(round1[0], results);
            long total = assign + aggregate + schulze;
            if (run > 0) {
                runs.add(new long[] {assign, load, aggregate, schulze, total});
                System.out.println(
                        line("judging-bench-run " + run + ":", runs.get(runs.size() - 1)));
            }
        }
        long[] median = new long[5];
        for (int i = 0; i < 5; i++) {
            List<Long> values = new ArrayList<>();
            for (long[] r : runs) {
                values.add(r[i]);
            }
            Collections.sort(values);
            median[i] = values.get(values.size() / 2);
        }
        AssignmentView view = assignments.assignments(event, organizer).block();
        for (AssignmentView.Pool pool : view.pools()) {
            System.out.printf(
                    "judging-bench-pool: judges=%d min_load=%d max_load=%d spread=%d%n",
                    pool.judgeIds().size(), pool.minLoad(), pool.maxLoad(), pool.spread());
        }
        System.out.println(line("judging-bench:", median));
    }

    /**
     * The first request after start-up can outlast the client's 30 s on a loaded machine (the
     * issuer's keys are fetched, springdoc initialises): try it up to three times.
     */
    private User firstUser() {
        for (int attempt = 1; ; attempt++) {
            try {
                return fixtures.admin();
            } catch (IllegalStateException slow) {
                if (attempt == 3) {
                    throw slow;
                }
            }
        }
    }

    private static String line(String head, long[] t) {
        return String.format(
                "%s submissions=%d judges=%d assign_ms=%d score_load_ms=%d aggregate_ms=%d"
                        + " schulze_ms=%d total_ms=%d",
                head, SUBMISSIONS, JUDGES, t[0], t[1], t[2], t[3], t[4]);
    }

    private static long millis(Runnable step) {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void check(RankingService.Round1 round1, List<FinalistRanking> results) {
        assertThat(count("select count(*) from judging_assignments where event_id = $1", event))
                .isEqualTo(3L * SUBMISSIONS);
        int ranked = round1.result().byChallenge().values().stream().mapToInt(List::size).sum();
        assertThat(ranked).isEqualTo(SUBMISSIONS);
        assertThat(results).hasSize(FINALS);
    }

    private List<FinalistRanking> schulze() {
        return Flux.fromIterable(finalChallenges())
                .concatMap(c -> finals.result(c, FinalistRanking.Method.SCHULZE))
                .collectList()
                .block();
    }

    private List<UUID> finalChallenges() {
        return db.sql("select challenge_id from judging_finals where event_id = $1")
                .bind(0, event)
                .map((row, meta) -> row.get(0, UUID.class))
                .all()
                .collectList()
                .block();
    }

    /** Every assignment gets a submitted score, values drawn from a hash, total as the rubric's. */
    private void loadScores(UUID rubric) {
        sql(
                """
                insert into judging_scores (event_id, challenge_id, submission_id, version_number,
                  judge_id, rubric_id, marks, status, total, submitted_at)
                select a.event_id, a.challenge_id, a.submission_id, a.version_number, a.judge_id,
                  $2, m.marks, 'SUBMITTED', m.total, now()
                from judging_assignments a
                cross join lateral (
                  select jsonb_object_agg(c ->> 'key', jsonb_build_object('value', v.value)) marks,
                    round(sum((c ->> 'weight')::numeric * (v.value - (c ->> 'min')::int)
                      / ((c ->> 'max')::int - (c ->> 'min')::int)), 4) total
                  from judging_rubrics r
                  cross join jsonb_array_elements(r.criteria) c
                  cross join lateral (
                    select (c ->> 'min')::int
                      + abs(hashtext(a.submission_id::text || a.judge_id::text || (c ->> 'key')))
                        % ((c ->> 'max')::int - (c ->> 'min')::int + 1) as value) v
                  where r.id = $2) m
                where a.event_id = $1""",
                event, rubric);
    }

    /**
     * Challenges 1..150 (1..10 hold the finals, 12 submissions each; the rest share 880); 1,000
     * teams of three citizens; judges 1..10 event-wide, 11..20 scoped to the finals' challenges and
     * six others, 21..60 to six challenges each; judges 21..25 also mentor a challenge, judges
     * 26..28 are members of a team, and 30 declared conflicts.
     */
    private void seed(User admin) {
        sql(
                """
                insert into challenges (event_id, title, created_at)
                select $1, 'Reto ' || c, now() + c * interval '1 ms'
                from generate_series(1, $2) c""",
                event,
                CHALLENGES);
        sql(
                """
                insert into users (issuer, subject, email, email_verified, name)
                select 'bench', $1 || '-' || u, 'persona' || u || '.' || $1 || '@example.pe',
                  true, 'Persona ' || u
                from generate_series(1, $2) u""",
                tag,
                3 * SUBMISSIONS + JUDGES);
        // submission s (1..1000) of team s in challenge number n(s): 12 each in 1..10, then round
        // robin over 11..150
        sql(
                """
                insert into teams (event_id, name, captain_id, join_code, max_size, member_count,
                  challenges_entered)
                select $1, 'Equipo ' || t, u.id, $2 || '-T' || t, 5, 3, 1
                from generate_series(1, $3) t
                join users u on u.issuer = 'bench' and u.subject = $2 || '-' || (3 * t - 2)""",
                event,
                tag,
                SUBMISSIONS);
        sql(
                """
                insert into team_members (team_id, event_id, user_id, role)
                select t.id, $1, u.id, case when r = 0 then 'CAPTAIN' else 'MEMBER' end
                from teams t cross join generate_series(0, 2) r
                join users u on u.issuer = 'bench'
                  and u.subject = $2 || '-' || (3 * split_part(t.join_code, '-T', 2)::int - 2 + r)
                where t.event_id = $1""",
                event,
                tag);
        sql(
                """
                with numbered as (
                  select id, row_number() over (order by created_at, id) n
                  from challenges where event_id = $1),
                teamed as (
                  select t.id team_id, t.captain_id, split_part(t.join_code, '-T', 2)::int s
                  from teams t where t.event_id = $1)
                insert into submissions (event_id, team_id, challenge_id, title, licence,
                  latest_version, created_by)
                select $1, t.team_id, c.id, 'Entrega ' || t.s, 'CC-BY-4.0', 1, t.captain_id
                from teamed t join numbered c on c.n = case when t.s <= 120
                  then (t.s - 1) / 12 + 1 else 11 + (t.s - 121) % 140 end""",
                event);
        sql(
                """
                insert into submission_versions (submission_id, number, title, summary, links,
                  datasets, licence, artifact_ids, submitted_by, submitted_at)
                select s.id, 1, s.title, '', '{}', '[]', s.licence, '{}', s.created_by,
                  now() - interval '3 days' + (random() * interval '2 days')
                from submissions s where s.event_id = $1""",
                event);
        sql(
                """
                with numbered as (
                  select id, row_number() over (order by created_at, id) n
                  from challenges where event_id = $1),
                judges as (
                  select u.id, split_part(u.subject, '-', 2)::int - $3 j
                  from users u where u.issuer = 'bench' and u.subject like $2 || '-%'
                    and split_part(u.subject, '-', 2)::int > $3)
                insert into event_memberships (event_id, user_id, role, challenge_ids, status)
                select $1, j.id, 'JUDGE',
                  case when j.j <= 10 then '{}'::uuid[]
                  else array(select c.id from numbered c
                             where (j.j <= 20 and c.n <= 10)
                                or c.n = any (array(select 11 + ((j.j - 11) * 6 + k) % 140
                                                    from generate_series(0, 5) k))) end,
                  'ACTIVE'
                from judges j""",
                event, tag, 3 * SUBMISSIONS);
        sql(
                """
                with numbered as (
                  select id, row_number() over (order by created_at, id) n
                  from challenges where event_id = $1)
                insert into event_memberships (event_id, user_id, role, challenge_ids, status)
                select $1, u.id, 'MENTOR', array[(select id from numbered where n = 30 + j)],
                  'ACTIVE'
                from generate_series(21, 25) j
                join users u on u.issuer = 'bench' and u.subject = $2 || '-' || ($3 + j)""",
                event,
                tag,
                3 * SUBMISSIONS);
        sql(
                """
                insert into team_members (team_id, event_id, user_id, role)
                select t.id, $1, u.id, 'MEMBER'
                from generate_series(26, 28) j
                join users u on u.issuer = 'bench' and u.subject = $2 || '-' || ($3 + j)
                join teams t on t.event_id = $1 and t.join_code = $2 || '-T' || (200 + j)""",
                event,
                tag,
                3 * SUBMISSIONS);
        sql(
                """
                insert into judging_conflicts (event_id, submission_id, judge_id, source, reason,
                  created_by)
                select $1, s.id, m.user_id, 'DECLARED', 'Asesoró al equipo', $2
                from (select id, row_number() over (order by id) n from submissions
                      where event_id = $1) s
                join (select user_id, row_number() over (order by user_id) n
                      from event_memberships where event_id = $1 and role = 'JUDGE') m
                  on m.n = 1 + (s.n * 7) % 60
                where s.n % 33 = 0""",
                event, admin.id());
        sql(
                "update event_phases set opens_at = now() - interval '1 day',"
                        + " closes_at = now() + interval '1 day'"
                        + " where event_id = $1 and phase = 'JUDGING'",
                event);
    }

    /**
     * Finals in challenges 1..10: the ten best of round 1 are finalists; 15 of the challenge's
     * judges without a conflict with them rank them, each near round 1's order.
     */
    private void seedFinals(User admin, RankingService.Round1 round1) {
        for (UUID challenge : finalsChallenges()) {
            List<UUID> top =
                    round1.result().challenge(challenge).stream()
                            .limit(FINALS)
                            .map(Aggregation.Ranked::submissionId)
                            .toList();
            sql(
                    "insert into judging_finals (challenge_id, event_id, confirmed_by, reason)"
                            + " values ($1, $2, $3, 'Banco de pruebas')",
                    challenge,
                    event,
                    admin.id());
            sql(
                    """
                    insert into judging_finalists (challenge_id, submission_id, position, source)
                    select $1, f.id, f.p, 'ORGANIZER'
                    from unnest($2::uuid[]) with ordinality as f (id, p)""",
                    challenge,
                    top.toArray(UUID[]::new));
            sql(
                    """
                    insert into judging_final_ballots (event_id, challenge_id, judge_id, ranking)
                    select $1, $2, j.user_id,
                      array(select f.submission_id from judging_finalists f
                            where f.challenge_id = $2
                            order by f.position + abs(hashtext(j.user_id::text
                                                              || f.submission_id::text)) % 4,
                                     f.position)
                    from (select m.user_id from event_memberships m
                          where m.event_id = $1 and m.role = 'JUDGE'
                            and (cardinality(m.challenge_ids) = 0 or $2 = any (m.challenge_ids))
                            and not exists (
                              select 1 from judging_conflicts c
                              join judging_finalists f on f.submission_id = c.submission_id
                              where f.challenge_id = $2 and c.judge_id = m.user_id
                                and c.lifted_at is null)
                          order by m.user_id limit 15) j""",
                    event, challenge);
        }
        assertThat(count("select count(*) from judging_final_ballots where event_id = $1", event))
                .isEqualTo(15L * FINALS);
    }

    private List<UUID> finalsChallenges() {
        return db.sql(
                        "select id from challenges where event_id = $1"
                                + " order by created_at, id limit $2")
                .bind(0, event)
                .bind(1, FINALS)
                .map((row, meta) -> row.get(0, UUID.class))
                .all()
                .collectList()
                .block();
    }

    private void sql(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        spec.then().block(java.time.Duration.ofMinutes(5));
        if (sql.toLowerCase(java.util.Locale.ROOT).contains("event")) {
            org.minka.event.EventFactsSync.await(db);
        }
    }
}
