package org.minka.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An event at the end of its cycle, for the certificate runs: one challenge; two teams that
 * submitted ({@link #teamA}: captain and member; {@link #teamB}: captain and member) and one that
 * only drafted ({@link #drafter}); a mentor who claimed a help request and one who did nothing; a
 * judge who scored a submission through the API and one who did nothing; an organizer, the admin
 * who created the event and a citizen. After construction RESULTS is open. Teams, the help request
 * and the judge's assignment are written in SQL; submissions and the score go through the API.
 */
final class EventCertificateScenario {

    static final String CHALLENGE_DATASET =
            "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa";

    /** A team, its two people and its submission. */
    record Team(UUID id, String name, User captain, User member, UUID submission) {

        List<User> users() {
            return List.of(captain, member);
        }
    }

    final DatabaseClient db;
    final Api api;
    final User admin;
    final User organizer;
    final User mentor;
    final User idleMentor;
    final User judge;
    final User idleJudge;
    final User citizen;
    final UUID event;
    final UUID challenge;
    final Team teamA;
    final Team teamB;
    final Team drafter;

    EventCertificateScenario(WebTestClient web, DatabaseClient db, Fixtures fixtures) {
        this.db = db;
        this.api = new Api(web, fixtures);
        admin = fixtures.admin();
        organizer = fixtures.user("organizer");
        mentor = fixtures.user("mentor");
        idleMentor = fixtures.user("idle-mentor");
        judge = fixtures.user("judge");
        idleJudge = fixtures.user("idle-judge");
        citizen = fixtures.user("citizen");
        event = api.event(admin, null);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        challenge = fixtures.challenge(event, organizer, "Agua potable");
        fixtures.addMember(event, admin, mentor, "MENTOR");
        fixtures.addMember(event, admin, idleMentor, "MENTOR");
        fixtures.addMember(event, admin, judge, "JUDGE");
        fixtures.addMember(event, admin, idleJudge, "JUDGE");
        phases("-10 days", "-5 days", "-1 hour", "1 day", "1 day", "2 days");
        teamA = team(fixtures, true);
        teamB = team(fixtures, true);
        drafter = team(fixtures, false);
        phases("-10 days", "-5 days", "-2 days", "-1 minute", "-1 minute", "2 days");
        score(judge, teamA.submission());
        helpRequestClaimed();
        openResults();
    }

    /** The people due a participation certificate: the members of teams that submitted. */
    List<User> participants() {
        return List.of(teamA.captain(), teamA.member(), teamB.captain(), teamB.member());
    }

    String runs() {
        return "/api/v1/events/" + event + "/certificates/runs";
    }

    private Team team(Fixtures fixtures, boolean submit) {
        User captain = fixtures.user("captain");
        User member = fixtures.user("member");
        UUID team = UUID.randomUUID();
        String name = "Equipo " + team.toString().substring(0, 8);
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size,"
                        + " member_count, challenges_entered) values ($1, $2, $3, $4, $5, 5, 2, 1)",
                team,
                event,
                name,
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
                api.post(captain, "/api/v1/events/{e}/submissions", submission(team), event)
                        .expect(201)
                        .id();
        if (submit) {
            api.post(captain, "/api/v1/submissions/{id}/submit", null, submission).expect(201);
        }
        return new Team(team, name, captain, member, submission);
    }

    private Map<String, Object> submission(UUID team) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team.toString());
        body.put("challengeId", challenge.toString());
        body.put("title", "Brechas de agua por distrito");
        body.put("summary", "Cruzamos el acceso al agua con el padrón.");
        body.put("links", Map.of("repository", "https://github.com/equipo/agua"));
        body.put("datasets", List.of(Map.of("url", CHALLENGE_DATASET, "title", "Vacunación")));
        body.put("licence", "CC-BY-4.0");
        return body;
    }

    /** The judge, assigned in SQL, scores and submits through the API (JUDGING open). */
    private void score(User who, UUID submission) {
        sql(
                "insert into judging_assignments (event_id, challenge_id, submission_id,"
                        + " version_number, judge_id)"
                        + " select s.event_id, s.challenge_id, s.id, s.latest_version, $2"
                        + " from submissions s where s.id = $1",
                submission,
                who.id());
        String path = "/api/v1/events/" + event + "/judging/scores/" + submission;
        Map<String, Object> marks = new LinkedHashMap<>();
        for (String key :
                List.of("impact", "open_data", "innovation", "technical", "presentation")) {
            marks.put(key, Map.of("value", 4));
        }
        api.call(HttpMethod.PUT, who, path, Map.of("marks", marks)).expect(200);
        api.post(who, path + "/submit", null).expect(200);
    }

    /** A member of team A asked for help; the mentor claimed it; the member commented on it. */
    private void helpRequestClaimed() {
        UUID request = UUID.randomUUID();
        sql(
                "insert into help_requests (id, event_id, challenge_id, team_id, opened_by, topic,"
                        + " body, status, claimed_by, claimed_at) values ($1, $2, $3, $4, $5,"
                        + " 'Datos', '¿Cómo cruzamos los ubigeos?', 'CLAIMED', $6, now())",
                request,
                event,
                challenge,
                teamA.id(),
                teamA.member().id(),
                mentor.id());
        sql(
                "insert into comments (event_id, thread_type, thread_id, author_id, body)"
                        + " values ($1, 'HELP_REQUEST', $2, $3, 'Gracias')",
                event,
                request,
                teamA.member().id());
    }

    /** JUDGING closed a minute ago, RESULTS open for ten days. */
    void openResults() {
        phases("-10 days", "-5 days", "-4 days", "-3 days", "-3 days", "-1 minute");
    }

    /** JUDGING still open, RESULTS to come. */
    void beforeResults() {
        phases("-10 days", "-5 days", "-2 days", "-1 minute", "-1 minute", "2 days");
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

    void sql(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        spec.then().block();
        // an event's tables changed behind the application's back: wait until its caches forgot
        org.minka.event.EventFactsSync.await(db);
    }
}
