package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Api.Reply;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;

/**
 * A dataset's use: the submissions whose latest submitted version declares it are counted (drafts
 * and earlier versions are not), and listed only once their event's gallery is public. Teams and
 * submissions are written with SQL; the rest goes through the API.
 */
class DatasetUsageIntegrationTests extends IntegrationTest {

    static FakePortals portals;

    @BeforeAll
    static void startPortals() {
        portals = new FakePortals(2_000);
    }

    @AfterAll
    static void stopPortals() {
        portals.close();
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
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

    UUID team(UUID event, User captain, String name) {
        UUID team = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size, member_count,"
                        + " challenges_entered) values ($1, $2, $3, $4, $5, 5, 1, 1)",
                team,
                event,
                name,
                captain.id(),
                "J" + team.toString().substring(0, 8));
        sql(
                "insert into team_members (team_id, user_id, event_id, role) values ($1, $2, $3, 'CAPTAIN')",
                team,
                captain.id(),
                event);
        return team;
    }

    /** A submission with these versions (each the URLs it declares); none: a draft. */
    void submission(
            UUID event,
            UUID challenge,
            User captain,
            String team,
            String title,
            List<String> draft,
            List<List<String>> versions) {
        UUID teamId = team(event, captain, team);
        sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values ($1, $2, $3)",
                teamId,
                challenge,
                event);
        UUID id = UUID.randomUUID();
        sql(
                "insert into submissions (id, event_id, team_id, challenge_id, title, datasets, licence,"
                        + " latest_version, created_by) values ($1, $2, $3, $4, $5, cast($6 as jsonb), 'CC-BY-4.0', $7, $8)",
                id,
                event,
                teamId,
                challenge,
                title + " (borrador)",
                declared(draft),
                versions.size(),
                captain.id());
        for (int i = 0; i < versions.size(); i++) {
            sql(
                    "insert into submission_versions (submission_id, number, title, summary, links, datasets,"
                            + " licence, artifact_ids, submitted_by) values ($1, $2, $3, '', '{}'::jsonb,"
                            + " cast($4 as jsonb), 'CC-BY-4.0', '{}', $5)",
                    id,
                    i + 1,
                    title,
                    declared(versions.get(i)),
                    captain.id());
        }
    }

    static String declared(List<String> urls) {
        return urls.stream()
                .map(u -> "{\"url\": \"" + u + "\", \"title\": \"d\"}")
                .reduce((a, b) -> a + "," + b)
                .map(s -> "[" + s + "]")
                .orElse("[]");
    }

    @Test
    void
            readDatasetWhenSubmissionsDeclareItThenLatestVersionsCountedAndListedOnlyWhenGalleryPublic() {
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        String base = portals.base(tag(), "ckan");
        UUID portal =
                api.post(
                                admin,
                                "/api/v1/catalog/portals",
                                Map.of("name", "P", "baseUrl", base, "kind", "CKAN"))
                        .expect(201)
                        .id();
        UUID event = fixtures.event(admin, true);
        String landing = base + "/dataset/" + FakePortals.DEMO_SLUG;
        Map<String, Object> body = Fixtures.challengeBody("Demografía");
        body.put("datasets", List.of(Map.of("title", "Asia", "landingUrl", landing)));
        UUID challenge =
                api.post(admin, "/api/v1/events/{e}/challenges", body, event).expect(201).id();
        UUID dataset =
                api.post(
                                admin,
                                "/api/v1/catalog/datasets",
                                Map.of(
                                        "portalId",
                                        portal.toString(),
                                        "datasetId",
                                        FakePortals.DEMO_ID))
                        .expect(201)
                        .id();
        String other = "https://datos.example.org/padron.csv";
        submission(
                event,
                challenge,
                fixtures.user("a"),
                "Los Datólogos",
                "Pirámide de edades",
                List.of(),
                List.of(List.of(other, landing)));
        submission(
                event,
                challenge,
                fixtures.user("b"),
                "Equipo B",
                "Por id",
                List.of(),
                List.of(
                        List.of(
                                (base + "/dataset/" + FakePortals.DEMO_ID)
                                                .toUpperCase()
                                                .replace("HTTP://", "http://")
                                        + "/")));
        submission(
                event,
                challenge,
                fixtures.user("c"),
                "Equipo C",
                "Solo borrador",
                List.of(landing),
                List.of());
        submission(
                event,
                challenge,
                fixtures.user("d"),
                "Equipo D",
                "Ya no lo usa",
                List.of(other),
                List.of(List.of(landing), List.of(other)));
        submission(
                event,
                challenge,
                fixtures.user("e"),
                "Equipo E",
                "Otro",
                List.of(other),
                List.of(List.of(other)));
        String path = "/api/v1/catalog/datasets/" + dataset;

        Reply before = api.get(null, path).expect(200);

        assertThat(((Number) before.json("$.usage.challenges")).longValue()).isEqualTo(1);
        assertThat(((Number) before.json("$.usage.submissions")).longValue()).isEqualTo(2);
        assertThat((List<?>) before.json("$.usage.publicSubmissions")).isEmpty();

        sql(
                "update event_phases set opens_at = now() - interval '3 days', closes_at = now() - interval '1 minute'"
                        + " where event_id = $1 and phase in ('REGISTRATION', 'SUBMISSION')",
                event);
        Reply open = api.get(fixtures.user("citizen"), path).expect(200);

        assertThat(((Number) open.json("$.usage.submissions")).longValue()).isEqualTo(2);
        assertThat((List<String>) open.json("$.usage.publicSubmissions[*].teamName"))
                .containsExactlyInAnyOrder("Los Datólogos", "Equipo B");
        assertThat((List<String>) open.json("$.usage.publicSubmissions[*].title"))
                .containsExactlyInAnyOrder("Pirámide de edades", "Por id");
        assertThat((List<String>) open.json("$.usage.publicSubmissions[*].eventId"))
                .containsOnly(event.toString());

        sql(
                "update events set settings = jsonb_set(settings, '{galleryPublic}', 'false') where id = $1",
                event);
        Reply hidden = api.get(null, path).expect(200);

        assertThat(((Number) hidden.json("$.usage.submissions")).longValue()).isEqualTo(2);
        assertThat((List<?>) hidden.json("$.usage.publicSubmissions")).isEmpty();
    }

    @Test
    void readDatasetWhenNothingDeclaresItThenZero() {
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        UUID portal =
                api.post(
                                admin,
                                "/api/v1/catalog/portals",
                                Map.of(
                                        "name",
                                        "P",
                                        "baseUrl",
                                        portals.base(tag(), "ckan"),
                                        "kind",
                                        "CKAN"))
                        .expect(201)
                        .id();
        Reply linked =
                api.post(
                                admin,
                                "/api/v1/catalog/datasets",
                                Map.of(
                                        "portalId",
                                        portal.toString(),
                                        "datasetId",
                                        FakePortals.DEMO_ID))
                        .expect(201);

        assertThat(((Number) linked.json("$.usage.challenges")).longValue()).isZero();
        assertThat(((Number) linked.json("$.usage.submissions")).longValue()).isZero();
        assertThat((List<?>) linked.json("$.usage.publicSubmissions")).isEmpty();
    }
}
