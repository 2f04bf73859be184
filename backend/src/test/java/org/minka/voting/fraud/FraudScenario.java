package org.minka.voting.fraud;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * A published event whose VOTING has been open for a day (two more to go), for the fraud-review
 * tests: one challenge with three counted submissions (teams of captain + member), an {@link
 * #organizer}, a {@link #mentor} and a {@link #judge} of the challenge, a {@link #citizen} with no
 * role. Live tallies are public ({@code voting.liveTallies}). PRIVATE when asked, so that outsiders
 * get 404.
 *
 * <p>Ballots are written with SQL ({@link #ballot}), as a detector sees them: with the cast time,
 * the address and the age of the account that a test needs, which the cast endpoint (whose clock is
 * the database's) cannot fake. Voters are inserted as users with a chosen creation time.
 */
final class FraudScenario {

    static final String DATASET =
            "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa";

    final DatabaseClient db;
    final Fixtures fixtures;
    final Api api;
    final User admin;
    final User organizer;
    final User mentor;
    final User judge;
    final User citizen;
    final UUID event;
    final UUID challenge;
    final List<UUID> submissions = new ArrayList<>();
    final List<User> members = new ArrayList<>();
    final Instant votingOpened;

    FraudScenario(WebTestClient web, DatabaseClient db, Fixtures fixtures, boolean privateEvent) {
        this.db = db;
        this.fixtures = fixtures;
        this.api = new Api(web, fixtures);
        admin = fixtures.admin();
        organizer = fixtures.user("organizer");
        mentor = fixtures.user("mentor");
        judge = fixtures.user("judge");
        citizen = fixtures.user("citizen");
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        if (privateEvent) {
            body.put("visibility", "PRIVATE");
        }
        body.put("settings", Map.of("voting", Map.of("liveTallies", true)));
        event = api.post(admin, "/api/v1/events", body).expect(201).id();
        api.post(admin, "/api/v1/events/{id}/publish", null, event).expect(200);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        challenge = fixtures.challenge(event, organizer, "Vacunación");
        member(mentor, "MENTOR");
        member(judge, "JUDGE");
        phases("-1 hour", "1 day");
        for (int i = 0; i < 3; i++) {
            entry();
        }
        phases("-2 days", "-1 day");
        votingOpened =
                db.sql(
                                "select opens_at from event_phases where event_id = $1"
                                        + " and phase = 'VOTING'")
                        .bind(0, event)
                        .map(row -> row.get("opens_at", Instant.class))
                        .one()
                        .block();
    }

    private void member(User user, String role) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        body.put("userId", user.id().toString());
        body.put("challengeIds", List.of(challenge.toString()));
        api.post(organizer, "/api/v1/events/{id}/memberships", body, event).expect(201);
    }

    /**
     * Moves the windows (at the database's now()): REGISTRATION before, SUBMISSION as given,
     * JUDGING and VOTING from SUBMISSION's close for two days past now, RESULTS after.
     */
    private void phases(String submissionOpens, String submissionCloses) {
        sql(
                """
                update event_phases set
                  opens_at = now() + cast(case phase when 'REGISTRATION' then '-10 days'
                      when 'SUBMISSION' then $2 when 'RESULTS' then '2 days' else $3 end
                      as interval),
                  closes_at = now() + cast(case phase when 'REGISTRATION' then '-5 days'
                      when 'SUBMISSION' then $3 when 'RESULTS' then '10 days' else '2 days' end
                      as interval)
                where event_id = $1""",
                event,
                submissionOpens,
                submissionCloses);
    }

    private void entry() {
        User captain = fixtures.user("captain");
        User member = fixtures.user("member");
        UUID team = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size,"
                        + " member_count, challenges_entered) values ($1, $2, $3, $4, $5, 5, 2, 1)",
                team,
                event,
                "Equipo " + team,
                captain.id(),
                "F" + team.toString().substring(0, 8));
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team.toString());
        body.put("challengeId", challenge.toString());
        body.put("title", "Brechas por distrito");
        body.put("summary", "Cruzamos la vacunación con el padrón.");
        body.put("links", Map.of("repository", "https://github.com/equipo/brechas"));
        body.put("datasets", List.of(Map.of("url", DATASET, "title", "Vacunación")));
        body.put("licence", "CC-BY-4.0");
        UUID submission =
                api.post(captain, "/api/v1/events/{e}/submissions", body, event).expect(201).id();
        api.post(captain, "/api/v1/submissions/{id}/submit", null, submission).expect(201);
        submissions.add(submission);
        members.add(member);
    }

    /** A voter account created at this instant. */
    UUID voter(Instant createdAt) {
        UUID id = UUID.randomUUID();
        sql(
                "insert into users (id, issuer, subject, email, email_verified, created_at)"
                        + " values ($1, 'https://fraud.test', $2, $3, true, $4)",
                id,
                id.toString(),
                id + "@fraud.test",
                createdAt);
        return id;
    }

    /** A voter whose account is older than the voting window. */
    UUID oldVoter() {
        return voter(votingOpened.minus(Duration.ofDays(30)));
    }

    /** A valid ballot of the voter for the submission, cast at {@code at} from {@code ip}. */
    UUID ballot(UUID voter, UUID submission, Instant at, String ip) {
        // the event's HMAC key, as the first cast through the API makes it
        sql("insert into voting_keys (event_id) values ($1) on conflict do nothing", event);
        UUID id = UUID.randomUUID();
        sql(
                "insert into voting_ballots (id, event_id, challenge_id, submission_id,"
                        + " version_number, voter_id, cap_scope_id, cast_at, key_generation,"
                        + " ip_hash, ua_hash) values ($1, $2, $3, $4, 1, $5, $3, $6, 1, $7, $8)",
                id,
                event,
                challenge,
                submission,
                voter,
                at,
                ByteBuffer.wrap(sha256("ip:" + ip)),
                ByteBuffer.wrap(sha256("ua:Mozilla/5.0")));
        return id;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The valid, live ballots of the submission, as the tallies table counts them. */
    long tally(UUID submission) {
        return db.sql(
                        "select coalesce(sum(votes), 0) as n from voting_tallies"
                                + " where submission_id = $1")
                .bind(0, submission)
                .map(row -> ((Number) row.get("n")).longValue())
                .one()
                .block();
    }

    Instant now() {
        return db.sql("select now() as now")
                .map(row -> row.get("now", Instant.class))
                .one()
                .block();
    }

    String path(String suffix) {
        return "/api/v1/events/" + event + "/voting/review" + suffix;
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
}
