package org.minka.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A published event whose SUBMISSION has closed and whose VOTING is open, ready for results:
 *
 * <ul>
 *   <li>challenges {@link #health} and {@link #water}; teams (captain + member) with one counted
 *       version each: health {@link #a}, {@link #b}, {@link #c}, water {@link #d};
 *   <li>a judge of every challenge whose round 1 totals rank health a (90) &gt; b (70) &gt; c (50)
 *       and water d (80), written in SQL as a judge would submit them;
 *   <li>two linked catalog datasets: {@link #minsaDataset} of publisher {@link #minsa} (whose
 *       member is {@link #official}) and {@link #regionDataset} of {@link #region}; a and b declare
 *       minsa's, c declares region's, d declares both, and b also an unlinked URL;
 *   <li>an {@link #organizer}, a {@link #mentor} of health, a {@link #citizen} with no role.
 * </ul>
 *
 * <p>Votes are cast through the API ({@link #vote}); {@link #closeVoting} opens RESULTS.
 */
final class ResultsScenario {

    record Entry(UUID team, User captain, User member, UUID challenge, UUID submission) {}

    final WebTestClient web;
    final DatabaseClient db;
    final Fixtures fixtures;
    final Api api;
    final User admin;
    final User organizer;
    final User judge;
    final User mentor;
    final User citizen;
    final User official;
    final UUID event;
    final UUID health;
    final UUID water;
    final UUID minsa;
    final UUID region;
    final UUID minsaDataset;
    final UUID regionDataset;
    final String minsaUrl;
    final String regionUrl;
    final Entry a;
    final Entry b;
    final Entry c;
    final Entry d;
    final List<Entry> entries = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    ResultsScenario(WebTestClient web, DatabaseClient db, Fixtures fixtures, boolean privateEvent) {
        this.web = web;
        this.db = db;
        this.fixtures = fixtures;
        this.api = new Api(web, fixtures);
        admin = fixtures.admin();
        organizer = fixtures.user("organizer");
        judge = fixtures.user("judge");
        mentor = fixtures.user("mentor");
        citizen = fixtures.user("citizen");
        official = fixtures.user("official");
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        if (privateEvent) {
            body.put("visibility", "PRIVATE");
        }
        body.put("settings", Map.of("galleryPublic", true));
        event = api.post(admin, "/api/v1/events", body).expect(201).id();
        api.post(admin, "/api/v1/events/{id}/publish", null, event).expect(200);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        fixtures.addMember(event, admin, judge, "JUDGE");
        health = fixtures.challenge(event, organizer, "Vacunación");
        water = fixtures.challenge(event, organizer, "Agua potable");
        api.post(
                        organizer,
                        "/api/v1/events/{id}/memberships",
                        Map.of(
                                "userId",
                                mentor.id().toString(),
                                "role",
                                "MENTOR",
                                "challengeIds",
                                List.of(health.toString())),
                        event)
                .expect(201);
        UUID portal = UUID.randomUUID();
        String base = "https://datos-" + run + ".example.gob.pe";
        sql(
                "insert into portal_sources (id, name, base_url, kind, created_by)"
                        + " values ($1, $2, $3, 'CKAN', $4)",
                portal,
                "Portal " + run,
                base,
                admin.id());
        minsa = publisher("Ministerio de Salud " + run, "MINISTRY");
        region = publisher("Gobierno Regional de Cusco " + run, "REGIONAL_GOVERNMENT");
        sql(
                "insert into publisher_members (publisher_id, user_id, granted_by)"
                        + " values ($1, $2, $3)",
                minsa,
                official.id(),
                admin.id());
        minsaDataset = dataset(portal, minsa, "vacunacion-" + run, "Vacunación COVID-19");
        regionDataset = dataset(portal, region, "agua-" + run, "Agua potable Cusco");
        minsaUrl = base + "/dataset/vacunacion-" + run;
        regionUrl = base + "/dataset/agua-" + run;
        a = entry(health, minsaUrl);
        b = entry(health, minsaUrl, "https://example.org/otros-datos");
        c = entry(health, regionUrl);
        d = entry(water, regionUrl, minsaUrl);
        scores(Map.of(a, 90, b, 70, c, 50, d, 80));
        phases("-1 hour", "2 days", "10 days", "20 days");
    }

    private UUID publisher(String name, String type) {
        return api.post(admin, "/api/v1/catalog/publishers", Map.of("name", name, "type", type))
                .expect(201)
                .id();
    }

    private UUID dataset(UUID portal, UUID publisher, String slug, String title) {
        UUID id = UUID.randomUUID();
        sql(
                "insert into catalog_datasets (id, portal_id, portal_dataset_id, slug,"
                        + " publisher_id, title, score, rating, stars, snapshot, raw, quality,"
                        + " linked_by) values ($1, $2, $3, $3, $4, $5, 200, 'GOOD', 3,"
                        + " jsonb_build_object('portalDatasetId', $3::text, 'slug', $3::text,"
                        + " 'title', $5::text, 'description', $5::text, 'tags', '[]'::jsonb,"
                        + " 'themes', '[]'::jsonb, 'accessRightsFromVocabulary', false,"
                        + " 'resources', '[]'::jsonb), '{}', '{}', $6)",
                id,
                portal,
                slug,
                publisher,
                title,
                admin.id());
        return id;
    }

    /** A team in the challenge (captain, member) with a submitted version declaring the URLs. */
    Entry entry(UUID challenge, String... urls) {
        User captain = fixtures.user("captain");
        User member = fixtures.user("member");
        UUID team = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size,"
                        + " member_count, challenges_entered) values ($1, $2, $3, $4, $5, 5, 2, 1)",
                team,
                event,
                "Equipo " + team.toString().substring(0, 8),
                captain.id(),
                "R" + team.toString().substring(0, 8));
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
        UUID submission = UUID.randomUUID();
        sql(
                "insert into submissions (id, event_id, team_id, challenge_id, title, licence,"
                        + " latest_version, created_by) values ($1, $2, $3, $4, 'Brechas',"
                        + " 'CC-BY-4.0', 1, $5)",
                submission,
                event,
                team,
                challenge,
                captain.id());
        StringBuilder datasets = new StringBuilder("[");
        for (String url : urls) {
            datasets.append(datasets.length() > 1 ? "," : "")
                    .append("{\"url\":\"")
                    .append(url)
                    .append("\",\"title\":\"Datos\"}");
        }
        sql(
                "insert into submission_versions (submission_id, number, title, summary,"
                        + " links, datasets, licence, artifact_ids, submitted_by) values"
                        + " ($1, 1, 'Brechas', '', '{}', cast($2 as jsonb), 'CC-BY-4.0', '{}', $3)",
                submission,
                datasets.append("]").toString(),
                captain.id());
        Entry entry = new Entry(team, captain, member, challenge, submission);
        entries.add(entry);
        return entry;
    }

    /** The judge's submitted round 1 scores (one criterion, 0..100), on the event's rubric. */
    private void scores(Map<Entry, Integer> totals) {
        UUID rubric = UUID.randomUUID();
        sql(
                "insert into judging_rubrics (id, event_id, criteria) values ($1, $2,"
                        + " '[{\"key\":\"impact\",\"name\":{\"es\":\"Impacto\",\"en\":\"Impact\"},"
                        + "\"weight\":100,\"min\":0,\"max\":100}]')",
                rubric,
                event);
        totals.forEach(
                (entry, total) ->
                        sql(
                                "insert into judging_scores (event_id, challenge_id,"
                                        + " submission_id, version_number, judge_id, rubric_id,"
                                        + " marks, status, total, submitted_at) values ($1, $2,"
                                        + " $3, 1, $4, $5, jsonb_build_object('impact',"
                                        + " jsonb_build_object('value', $6::int)), 'SUBMITTED',"
                                        + " $6::numeric, now())",
                                event,
                                entry.challenge(),
                                entry.submission(),
                                judge.id(),
                                rubric,
                                total));
    }

    /** A new voter's ballot for each submission. */
    void vote(UUID... submissions) {
        User voter = fixtures.user("voter");
        for (UUID submission : submissions) {
            api.post(voter, path("/voting/ballots"), Map.of("submissionId", submission.toString()))
                    .expect(201);
        }
    }

    /** VOTING closed a minute ago; RESULTS open. */
    void closeVoting() {
        phases("-3 days", "-1 minute", "-1 minute", "10 days");
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

    /** {@code /api/v1/events/<id>} followed by the suffix. */
    String path(String suffix) {
        return "/api/v1/events/" + event + suffix;
    }

    String results(String suffix) {
        return path("/results" + suffix);
    }

    void sql(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        spec.then().block();
        if (sql.contains("event_phases")) {
            org.minka.event.EventFactsSync.await(db);
        }
    }

    long count(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        return spec.map((row, meta) -> ((Number) row.get(0)).longValue()).one().block();
    }
}
