package org.minka.voting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A published event in VOTING, shared by the voting tests. Challenges {@link #health} and {@link
 * #water} come through the API; teams and their submitted (counted) versions are written in SQL (as
 * the judging scenario does), so that hundreds of submissions take one statement. The {@link
 * #organizer} organizes it; {@link #entries} holds teams with a captain and a member. Phase windows
 * move in SQL, relative to the database's now().
 */
public final class VotingScenario {

    /** A team with its captain and member, the challenge it entered, and its submission. */
    public record Entry(UUID team, User captain, User member, UUID challenge, UUID submission) {}

    public final WebTestClient web;
    public final DatabaseClient db;
    public final Fixtures fixtures;
    public final Api api;
    public final User admin;
    public final User organizer;
    public final UUID event;
    public final UUID health;
    public final UUID water;
    public final List<Entry> entries = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** With these event settings ({@code voting} etc.), and two entries in health, one in water. */
    public VotingScenario(
            WebTestClient web, DatabaseClient db, Fixtures fixtures, Map<String, Object> settings) {
        this.web = web;
        this.db = db;
        this.fixtures = fixtures;
        this.api = new Api(web, fixtures);
        admin = fixtures.admin();
        organizer = fixtures.user("organizer");
        event = api.event(admin, settings);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        health = fixtures.challenge(event, organizer, "Vacunación");
        water = fixtures.challenge(event, organizer, "Agua potable");
        entry(health);
        entry(health);
        entry(water);
        openVoting();
    }

    /** Voting settings as the event body takes them. */
    public static Map<String, Object> voting(Object... keyValues) {
        Map<String, Object> voting = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            voting.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Map.of("voting", voting);
    }

    /** A new team in the challenge (captain and member) with a submitted version. */
    public Entry entry(UUID challenge) {
        User captain = fixtures.user("captain");
        User member = fixtures.user("member");
        UUID team = team(challenge, captain);
        sql(
                "insert into team_members (team_id, user_id, event_id, role) values"
                        + " ($1, $2, $3, 'CAPTAIN'), ($1, $4, $3, 'MEMBER')",
                team,
                captain.id(),
                event,
                member.id());
        UUID submission = submission(team, challenge, captain.id(), 1);
        Entry entry = new Entry(team, captain, member, challenge, submission);
        entries.add(entry);
        return entry;
    }

    /** A submission that was created but never submitted (a draft). */
    public UUID draft(UUID challenge) {
        return submission(team(challenge, organizer), challenge, organizer.id(), 0);
    }

    /** {@code n} more submitted submissions in the challenge, one team each, in one statement. */
    public List<UUID> submissions(UUID challenge, int n) {
        String prefix = "Lote " + run + "-" + UUID.randomUUID().toString().substring(0, 6);
        return db.sql(
                        """
                        with t as (
                            insert into teams (id, event_id, name, captain_id, join_code,
                                               max_size, member_count, challenges_entered)
                            select gen_random_uuid(), $1, $3 || ' ' || g, $2,
                                   'V' || substr(md5($3 || g), 1, 12), 5, 0, 1
                            from generate_series(1, $4) g
                            returning id),
                        s as (
                            insert into submissions (event_id, team_id, challenge_id, title,
                                                     licence, latest_version, created_by)
                            select $1, t.id, $5, 'Propuesta', 'CC-BY-4.0', 1, $2 from t
                            returning id)
                        insert into submission_versions (submission_id, number, title, summary,
                            links, datasets, licence, artifact_ids, submitted_by)
                        select s.id, 1, 'Propuesta', '', '{}', '[]', 'CC-BY-4.0', '{}', $2
                        from s returning submission_id""")
                .bind(0, event)
                .bind(1, organizer.id())
                .bind(2, prefix)
                .bind(3, n)
                .bind(4, challenge)
                .map((row, meta) -> row.get(0, UUID.class))
                .all()
                .collectList()
                .block();
    }

    private UUID team(UUID challenge, User captain) {
        UUID team = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size,"
                        + " member_count, challenges_entered) values ($1, $2, $3, $4, $5, 5, 2, 1)",
                team,
                event,
                "Equipo " + team,
                captain.id(),
                "V" + team.toString().substring(0, 8));
        sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values ($1, $2, $3)",
                team,
                challenge,
                event);
        return team;
    }

    private UUID submission(UUID team, UUID challenge, UUID by, int version) {
        UUID id = UUID.randomUUID();
        sql(
                "insert into submissions (id, event_id, team_id, challenge_id, title, licence,"
                        + " latest_version, created_by) values ($1, $2, $3, $4, 'Brechas',"
                        + " 'CC-BY-4.0', $5, $6)",
                id,
                event,
                team,
                challenge,
                version,
                by);
        if (version > 0) {
            sql(
                    "insert into submission_versions (submission_id, number, title, summary,"
                            + " links, datasets, licence, artifact_ids, submitted_by) values"
                            + " ($1, 1, 'Brechas', '', '{}', '[]', 'CC-BY-4.0', '{}', $2)",
                    id,
                    by);
        }
        return id;
    }

    /** The voter's cast for the submission, through the API (no Idempotency-Key). */
    public WebTestClient.ResponseSpec cast(User voter, UUID submission) {
        return web.post()
                .uri(eventPath() + "/voting/ballots")
                .headers(h -> h.setBearerAuth(voter.token()))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("submissionId", submission.toString()))
                .exchange();
    }

    /** The event's path: {@code /api/v1/events/<id>}. */
    public String eventPath() {
        return "/api/v1/events/" + event;
    }

    /** VOTING open since an hour ago for two more days (JUDGING around it). */
    public void openVoting() {
        phases("-1 hour", "2 days", "10 days", "20 days");
    }

    /** VOTING opens tomorrow. */
    public void beforeVoting() {
        phases("1 day", "2 days", "10 days", "20 days");
    }

    /** VOTING closed a minute ago; RESULTS open. */
    public void closeVoting() {
        phases("-3 days", "-1 minute", "-1 minute", "10 days");
    }

    /** Every window over: RESULTS closed a minute ago (the event is archived). */
    public void archive() {
        phases("-5 days", "-4 days", "-3 days", "-1 minute");
    }

    private void phases(String votingOpens, String votingCloses, String resultsOpen, String end) {
        sql(
                """
                update event_phases set
                  opens_at = now() + cast(case phase when 'REGISTRATION' then '-40 days'
                      when 'SUBMISSION' then '-30 days' when 'JUDGING' then '-20 days'
                      when 'VOTING' then $2 else $4 end as interval),
                  closes_at = now() + cast(case phase when 'REGISTRATION' then '-30 days'
                      when 'SUBMISSION' then '-20 days' when 'JUDGING' then $4
                      when 'VOTING' then $3 else $5 end as interval)
                where event_id = $1""",
                event,
                votingOpens,
                votingCloses,
                resultsOpen,
                end);
    }

    /** Runs one statement (setup the API does not offer). */
    public void sql(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        spec.then().block();
        if (sql.toLowerCase(java.util.Locale.ROOT).contains("event")) {
            org.minka.event.EventFactsSync.await(db);
        }
    }

    /** One number from SQL. */
    public long count(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        return spec.map((row, meta) -> ((Number) row.get(0)).longValue()).one().block();
    }
}
