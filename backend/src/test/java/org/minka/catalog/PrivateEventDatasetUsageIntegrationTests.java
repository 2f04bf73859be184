package org.minka.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
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
 * A dataset's usage lists (the catalog is below events, and the same page for everyone): a
 * challenge or submission of an UNLISTED or PRIVATE event is neither counted nor listed, for any
 * caller, members of those events included; those of the PUBLIC event are.
 */
class PrivateEventDatasetUsageIntegrationTests extends IntegrationTest {

    static FakePortals portals;

    @BeforeAll
    static void startPortals() {
        portals = new FakePortals(2_000);
    }

    @AfterAll
    static void stopPortals() {
        portals.close();
    }

    private void sql(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        spec.then().block();
        if (sql.toLowerCase(java.util.Locale.ROOT).contains("event")) {
            org.minka.event.EventFactsSync.await(db);
        }
    }

    /** A published event of this visibility with a challenge naming {@code landing}. */
    private UUID[] event(Api api, User admin, String visibility, String landing) {
        Map<String, Object> body = new LinkedHashMap<>(fixtures.eventBody(fixtures.slug()));
        body.put("visibility", visibility);
        UUID event = api.post(admin, "/api/v1/events", body).expect(201).id();
        api.post(admin, "/api/v1/events/{e}/publish", null, event).expect(200);
        Map<String, Object> challenge = Fixtures.challengeBody("Demografía " + visibility);
        challenge.put("datasets", List.of(Map.of("title", "Asia", "landingUrl", landing)));
        UUID id =
                api.post(admin, "/api/v1/events/{e}/challenges", challenge, event).expect(201).id();
        return new UUID[] {event, id};
    }

    /** A team of the event whose submitted version 1 declares {@code landing}. */
    private void submitted(UUID event, UUID challenge, User captain, String title, String landing) {
        UUID team = UUID.randomUUID();
        sql(
                "insert into teams (id, event_id, name, captain_id, join_code, max_size, member_count,"
                        + " challenges_entered) values ($1, $2, $3, $4, $5, 5, 1, 1)",
                team,
                event,
                "Equipo " + title,
                captain.id(),
                "J" + team.toString().substring(0, 8));
        sql(
                "insert into team_members (team_id, user_id, event_id, role) values ($1, $2, $3, 'CAPTAIN')",
                team,
                captain.id(),
                event);
        sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values ($1, $2, $3)",
                team,
                challenge,
                event);
        UUID id = UUID.randomUUID();
        String declared = "[{\"url\": \"" + landing + "\", \"title\": \"d\"}]";
        sql(
                "insert into submissions (id, event_id, team_id, challenge_id, title, datasets, licence,"
                        + " latest_version, created_by) values ($1, $2, $3, $4, $5, cast($6 as jsonb),"
                        + " 'CC-BY-4.0', 1, $7)",
                id,
                event,
                team,
                challenge,
                title,
                declared,
                captain.id());
        sql(
                "insert into submission_versions (submission_id, number, title, summary, links, datasets,"
                        + " licence, artifact_ids, submitted_by) values ($1, 1, $2, '', '{}'::jsonb,"
                        + " cast($3 as jsonb), 'CC-BY-4.0', '{}', $4)",
                id,
                title,
                declared,
                captain.id());
        sql(
                "update event_phases set opens_at = now() - interval '3 days',"
                        + " closes_at = now() - interval '1 minute'"
                        + " where event_id = $1 and phase in ('REGISTRATION', 'SUBMISSION')",
                event);
    }

    @Test
    @SuppressWarnings("unchecked")
    void readDatasetWhenUnlistedAndPrivateEventsUseItThenOnlyPublicUsageShows() {
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        String base = portals.base(UUID.randomUUID().toString().substring(0, 8), "ckan");
        UUID portal =
                api.post(
                                admin,
                                "/api/v1/catalog/portals",
                                Map.of("name", "P", "baseUrl", base, "kind", "CKAN"))
                        .expect(201)
                        .id();
        String landing = base + "/dataset/" + FakePortals.DEMO_SLUG;
        User captain = fixtures.user("captain");
        UUID privateEvent = null;
        for (String visibility : List.of("PUBLIC", "UNLISTED", "PRIVATE")) {
            UUID[] ids = event(api, admin, visibility, landing);
            submitted(ids[0], ids[1], captain, "Uso " + visibility, landing);
            if (visibility.equals("PRIVATE")) {
                privateEvent = ids[0];
            }
        }
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
        User mentor = fixtures.user("mentor");
        fixtures.addMember(privateEvent, admin, mentor, "MENTOR");

        for (User caller : new User[] {null, fixtures.user("outsider"), mentor, captain, admin}) {
            Reply usage = api.get(caller, "/api/v1/catalog/datasets/{d}", dataset).expect(200);

            assertThat(((Number) usage.json("$.usage.challenges")).longValue()).isEqualTo(1);
            assertThat(((Number) usage.json("$.usage.submissions")).longValue()).isEqualTo(1);
            assertThat((List<String>) usage.json("$.usage.publicSubmissions[*].title"))
                    .containsExactly("Uso PUBLIC");
        }
    }
}
