package org.minka.judging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
 * A published event ready to judge, shared by the judging tests. Built in a second or two:
 *
 * <ul>
 *   <li>challenges {@link #health} and {@link #water};
 *   <li>teams (captain + member), entered in one challenge each, with submissions created and
 *       submitted through the API: {@link #entries} ({@link #healthA}, {@link #healthB}, {@link
 *       #waterA}), each with one counted version; plus {@link #draftOnly} in water, created but
 *       never submitted (not eligible);
 *   <li>judges: {@link #judgeHealth} (scoped to health), {@link #judgeWater} (scoped to water) and
 *       {@link #judgeAll} (no scope: the whole event); {@link #judge} adds more;
 *   <li>{@link #mentor} of water, {@link #organizer}, the {@link #admin} who created the event, and
 *       a {@link #citizen} with no role;
 *   <li>settings {@code judging.judgesPerSubmission = 2} unless given.
 * </ul>
 *
 * <p>After construction SUBMISSION is closed and JUDGING is open; {@link #beforeJudging}, {@link
 * #openJudging} and {@link #closeJudging} move the windows (in SQL, at the database's now()). Teams
 * are written with SQL (as {@code SubmissionScenario} does); everything else goes through the API.
 */
final class JudgingScenario {

    static final String CHALLENGE_DATASET =
            "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa";

    /** A team, its captain and member, the challenge it entered, and its submission. */
    record Entry(UUID team, User captain, User member, UUID challenge, UUID submission) {

        /** The team's users: captain and member. */
        List<User> users() {
            return List.of(captain, member);
        }
    }

    final WebTestClient web;
    final DatabaseClient db;
    final Fixtures fixtures;
    final Api api;
    final User admin;
    final User organizer;
    final User mentor;
    final User citizen;
    final User judgeHealth;
    final User judgeWater;
    final User judgeAll;
    final UUID event;
    final UUID health;
    final UUID water;
    final Entry healthA;
    final Entry healthB;
    final Entry waterA;
    final Entry draftOnly;

    /** Counted entries (submitted), in creation order; grows with {@link #entry}. */
    final List<Entry> entries = new ArrayList<>();

    /** Judges added, in order: judgeHealth, judgeWater, judgeAll, then those of {@link #judge}. */
    final List<User> judges = new ArrayList<>();

    JudgingScenario(WebTestClient web, DatabaseClient db, Fixtures fixtures) {
        this(web, db, fixtures, null);
    }

    /** With these event settings (merged over {@code judging.judgesPerSubmission = 2}). */
    JudgingScenario(
            WebTestClient web, DatabaseClient db, Fixtures fixtures, Map<String, Object> settings) {
        this.web = web;
        this.db = db;
        this.fixtures = fixtures;
        this.api = new Api(web, fixtures);
        admin = fixtures.admin();
        organizer = fixtures.user("organizer");
        mentor = fixtures.user("mentor");
        citizen = fixtures.user("citizen");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("judging", Map.of("judgesPerSubmission", 2));
        if (settings != null) {
            s.putAll(settings);
        }
        event = api.event(admin, s);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        health = fixtures.challenge(event, organizer, "Vacunación");
        water = fixtures.challenge(event, organizer, "Agua potable");
        member(mentor, "MENTOR", water);
        judgeHealth = judge(health);
        judgeWater = judge(water);
        judgeAll = judge();
        openSubmission();
        healthA = entry(health);
        healthB = entry(health);
        waterA = entry(water);
        draftOnly = team(water, fixtures.user("draft-captain"), fixtures.user("draft-member"));
        openJudging();
    }

    /** A new judge of the event, scoped to these challenges (none: the whole event). */
    User judge(UUID... challenges) {
        User judge = fixtures.user("judge");
        member(judge, "JUDGE", challenges);
        judges.add(judge);
        return judge;
    }

    /** Makes an existing user (a team member, a mentor...) a judge too, scoped as given. */
    User alsoJudge(User user, UUID... challenges) {
        member(user, "JUDGE", challenges);
        judges.add(user);
        return user;
    }

    /** Adds the user as an event member with this role, scoped to these challenges (or none). */
    UUID member(User user, String role, UUID... challenges) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        body.put("userId", user.id().toString());
        if (challenges.length > 0) {
            body.put("challengeIds", Arrays.stream(challenges).map(UUID::toString).toList());
        }
        return api.post(organizer, "/api/v1/events/{id}/memberships", body, event).expect(201).id();
    }

    /**
     * A new team in this challenge with one submitted (counted) version. Opens SUBMISSION for the
     * call when needed and puts the windows back as they were.
     */
    Entry entry(UUID challenge) {
        Windows before = windows;
        if (before != Windows.SUBMISSION) {
            openSubmission();
        }
        Entry entry = team(challenge, fixtures.user("captain"), fixtures.user("member"));
        submit(entry);
        entries.add(entry);
        restore(before);
        return entry;
    }

    /** Freezes the entry's draft as its next version (its counted one, from then on). */
    void submitAgain(Entry entry) {
        Windows before = windows;
        openSubmission();
        submit(entry);
        restore(before);
    }

    private void submit(Entry entry) {
        api.post(entry.captain(), "/api/v1/submissions/{id}/submit", null, entry.submission())
                .expect(201);
    }

    private Entry team(UUID challenge, User captain, User member) {
        UUID team = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size,"
                        + " member_count, challenges_entered) values ($1, $2, $3, $4, $5, 5, 2, 1)",
                team,
                event,
                "Equipo " + team,
                captain.id(),
                "J" + team.toString().substring(0, 8));
        sql(
                "insert into team_members (team_id, user_id, event_id, role) values"
                        + " ($1, $2, $3, 'CAPTAIN'), ($1, $4, $3, 'MEMBER')",
                team,
                captain.id(),
                event,
                member.id());
        sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values ($1, $2, $3)",
                team,
                challenge,
                event);
        UUID submission =
                api.post(
                                captain,
                                "/api/v1/events/{e}/submissions",
                                submissionBody(team, challenge),
                                event)
                        .expect(201)
                        .id();
        return new Entry(team, captain, member, challenge, submission);
    }

    static Map<String, Object> submissionBody(UUID team, UUID challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team.toString());
        body.put("challengeId", challenge.toString());
        body.put("title", "Brechas por distrito");
        body.put("summary", "Cruzamos la **vacunación** con el padrón.");
        body.put("links", Map.of("repository", "https://github.com/equipo/brechas"));
        body.put("datasets", List.of(Map.of("url", CHALLENGE_DATASET, "title", "Vacunación")));
        body.put("licence", "CC-BY-4.0");
        return body;
    }

    /** Submission ids of the counted entries in this challenge. */
    List<UUID> submissionsOf(UUID challenge) {
        return entries.stream()
                .filter(e -> e.challenge().equals(challenge))
                .map(Entry::submission)
                .toList();
    }

    /** Submission ids of every counted entry. */
    List<UUID> submissions() {
        return entries.stream().map(Entry::submission).toList();
    }

    /** The path of the event, for AccessMatrix rows: {@code /api/v1/events/<id>}. */
    String eventPath() {
        return "/api/v1/events/" + event;
    }

    // Phase windows, moved in SQL relative to the database's now().

    private enum Windows {
        SUBMISSION,
        BEFORE_JUDGING,
        JUDGING,
        JUDGING_CLOSED
    }

    private Windows windows;

    private void restore(Windows before) {
        switch (before) {
            case SUBMISSION -> openSubmission();
            case BEFORE_JUDGING -> beforeJudging();
            case JUDGING -> openJudging();
            case JUDGING_CLOSED -> closeJudging();
        }
    }

    /** REGISTRATION over, SUBMISSION open, the later phases to come. */
    void openSubmission() {
        phases("-10 days", "-5 days", "-1 hour", "1 day", "1 day", "2 days");
        windows = Windows.SUBMISSION;
    }

    /** SUBMISSION closed a minute ago, JUDGING still to come. */
    void beforeJudging() {
        phases("-10 days", "-5 days", "-2 days", "-1 minute", "1 day", "2 days");
        windows = Windows.BEFORE_JUDGING;
    }

    /** SUBMISSION closed a minute ago, JUDGING open since then for two days more. */
    void openJudging() {
        phases("-10 days", "-5 days", "-2 days", "-1 minute", "-1 minute", "2 days");
        windows = Windows.JUDGING;
    }

    /** JUDGING closed a minute ago (RESULTS open). */
    void closeJudging() {
        phases("-10 days", "-5 days", "-4 days", "-3 days", "-3 days", "-1 minute");
        windows = Windows.JUDGING_CLOSED;
    }

    private void phases(
            String regOpen,
            String regClose,
            String subOpen,
            String subClose,
            String judgingOpen,
            String judgingClose) {
        sql(
                """
                update event_phases set
                  opens_at = now() + cast(case phase when 'REGISTRATION' then $2
                      when 'SUBMISSION' then $4 when 'RESULTS' then $7 else $6 end as interval),
                  closes_at = now() + cast(case phase when 'REGISTRATION' then $3
                      when 'SUBMISSION' then $5 when 'RESULTS' then $8 else $7 end as interval)
                where event_id = $1""",
                event,
                regOpen,
                regClose,
                subOpen,
                subClose,
                judgingOpen,
                judgingClose,
                "10 days");
    }

    /** Runs one statement (setup the API does not offer). */
    void sql(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        spec.then().block();
        if (sql.toLowerCase(java.util.Locale.ROOT).contains("event")) {
            org.minka.event.EventFactsSync.await(db);
        }
    }
}
