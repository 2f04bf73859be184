package org.minka.submission;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An event with SUBMISSION open, a challenge, a team that entered it (captain and member), and the
 * other callers: organizer, mentor of the challenge, mentor of another challenge, judge, a citizen.
 * Teams and phase windows are written with SQL, the rest through the API.
 */
final class SubmissionScenario {

    static final String CHALLENGE_DATASET =
            "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa";

    final WebTestClient web;
    final DatabaseClient db;
    final Fixtures fixtures;
    final User admin;
    final User organizer;
    final User captain;
    final User member;
    final User mentor;
    final User otherMentor;
    final User judge;
    final User citizen;
    final UUID event;
    final UUID challenge;
    final UUID otherChallenge;
    final UUID team;

    SubmissionScenario(
            WebTestClient web, DatabaseClient db, Fixtures fixtures, Map<String, Object> settings) {
        this.web = web;
        this.db = db;
        this.fixtures = fixtures;
        admin = fixtures.admin();
        organizer = fixtures.user("organizer");
        captain = fixtures.user("captain");
        member = fixtures.user("member");
        mentor = fixtures.user("mentor");
        otherMentor = fixtures.user("other-mentor");
        judge = fixtures.user("judge");
        citizen = fixtures.user("citizen");
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(
                "allowedArtifactTypes",
                List.of("ipynb", "csv", "json", "parquet", "xlsx", "pdf", "png", "jpg", "zip"));
        s.put("maxFileBytes", 200L * 1024 * 1024);
        s.put("maxTeamBytes", 1024L * 1024 * 1024);
        if (settings != null) {
            s.putAll(settings);
        }
        body.put("settings", s);
        Map<?, ?> created =
                web.post()
                        .uri("/api/v1/events")
                        .headers(h -> h.setBearerAuth(admin.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        event = UUID.fromString((String) created.get("id"));
        web.post()
                .uri("/api/v1/events/{id}/publish", event)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isOk();
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        challenge = fixtures.challenge(event, organizer, "Vacunación");
        otherChallenge = fixtures.challenge(event, organizer, "Agua");
        invite(mentor, "MENTOR", challenge);
        invite(otherMentor, "MENTOR", otherChallenge);
        invite(judge, "JUDGE", challenge);
        team = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size, member_count,"
                        + " challenges_entered) values ($1, $2, $3, $4, $5, 5, 2, 1)",
                team,
                event,
                "Equipo " + team,
                captain.id(),
                "J" + team.toString().substring(0, 8));
        sql(
                "insert into team_members (team_id, user_id, event_id, role) values ($1, $2, $3, 'CAPTAIN'),"
                        + " ($1, $4, $3, 'MEMBER')",
                team,
                captain.id(),
                event,
                member.id());
        sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values ($1, $2, $3)",
                team,
                challenge,
                event);
        openSubmission();
    }

    private void invite(User user, String role, UUID challengeId) {
        web.post()
                .uri("/api/v1/events/{id}/memberships", event)
                .headers(h -> h.setBearerAuth(organizer.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        Map.of(
                                "role",
                                role,
                                "userId",
                                user.id().toString(),
                                "challengeIds",
                                List.of(challengeId.toString())))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    /** REGISTRATION over, SUBMISSION open for a day, the later phases to come. */
    void openSubmission() {
        phases("-10 days", "-5 days", "-1 hour", "1 day", "1 day", "2 days");
    }

    /** SUBMISSION closed a minute ago, JUDGING open since then. */
    void closeSubmission() {
        phases("-10 days", "-5 days", "-2 days", "-1 minute", "-1 minute", "2 days");
    }

    /** SUBMISSION closed a minute ago, JUDGING still to come. */
    void closeSubmissionBeforeJudging() {
        phases("-10 days", "-5 days", "-2 days", "-1 minute", "1 day", "2 days");
    }

    private void phases(
            String regOpen,
            String regClose,
            String subOpen,
            String subClose,
            String judgingOpen,
            String judgingClose) {
        setPhase("REGISTRATION", regOpen, regClose);
        setPhase("SUBMISSION", subOpen, subClose);
        setPhase("JUDGING", judgingOpen, judgingClose);
        setPhase("VOTING", judgingOpen, judgingClose);
        setPhase("RESULTS", judgingClose, "10 days");
    }

    private void setPhase(String phase, String opens, String closes) {
        sql(
                "update event_phases set opens_at = now() + cast($2 as interval),"
                        + " closes_at = now() + cast($3 as interval) where event_id = $1 and phase = $4",
                event,
                opens,
                closes,
                phase);
    }

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

    static Map<String, Object> submissionBody(UUID team, UUID challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team.toString());
        body.put("challengeId", challenge.toString());
        body.put("title", "Brechas de vacunación por distrito");
        body.put("summary", "Cruzamos la **vacunación** con el padrón.");
        body.put(
                "links",
                Map.of(
                        "repository", "https://github.com/equipo/vacunas",
                        "video", "https://youtu.be/abc123"));
        body.put(
                "datasets",
                List.of(
                        Map.of("url", CHALLENGE_DATASET, "title", "Vacunación"),
                        Map.of("url", "https://data.example.org/padron.csv")));
        body.put("licence", "CC-BY-4.0");
        return body;
    }

    /**
     * Another team, captained by {@code captain}, that entered {@code challengeId}, and its
     * submission created through the API; returns the submission's id.
     */
    UUID otherTeamSubmission(User captain, UUID challengeId) {
        UUID other = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size, member_count,"
                        + " challenges_entered) values ($1, $2, $3, $4, $5, 5, 1, 1)",
                other,
                event,
                "Equipo " + other,
                captain.id(),
                "J" + other.toString().substring(0, 8));
        sql(
                "insert into team_members (team_id, user_id, event_id, role) values ($1, $2, $3,"
                        + " 'CAPTAIN')",
                other,
                captain.id(),
                event);
        sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values ($1, $2, $3)",
                other,
                challengeId,
                event);
        Map<String, Object> body = submissionBody(other, challengeId);
        Map<?, ?> created =
                web.post()
                        .uri("/api/v1/events/{e}/submissions", event)
                        .headers(h -> h.setBearerAuth(captain.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }

    /** Creates the team's submission through the API and returns its id. */
    UUID submission() {
        Map<?, ?> created =
                web.post()
                        .uri("/api/v1/events/{e}/submissions", event)
                        .headers(h -> h.setBearerAuth(captain.token()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(submissionBody(team, challenge))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }
}
