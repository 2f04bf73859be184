package org.minka.recognition;

import java.util.Map;
import java.util.UUID;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A publisher with a member, two of its datasets (one used by a challenge of a published event, one
 * used by none), and the people around that event: a team member (the captain), a mentor of the
 * challenge, the organizer (admin), and outsiders.
 */
final class FeedbackWorld {

    final Api api;
    final User admin;
    final User member;
    final User captain;
    final User mentor;
    final User outsider;
    final UUID publisher;
    final UUID used;
    final UUID unused;
    final UUID event;
    final UUID challenge;

    FeedbackWorld(Api api, Fixtures fixtures, DatabaseClient db) {
        this.api = api;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        admin = fixtures.admin();
        member = fixtures.user("official");
        outsider = fixtures.user("outsider");
        publisher =
                api.post(
                                admin,
                                "/api/v1/catalog/publishers",
                                Map.of(
                                        "name",
                                        "Gobierno Regional " + tag,
                                        "type",
                                        "REGIONAL_GOVERNMENT"))
                        .expect(201)
                        .id();
        api.call(
                        HttpMethod.PUT,
                        admin,
                        "/api/v1/catalog/publishers/{p}/members/{u}",
                        null,
                        publisher,
                        member.id())
                .expect(204);
        UUID portal =
                uuid(
                        db.sql(
                                        "insert into portal_sources (name, base_url, kind, created_by)"
                                                + " values ($1, $2, 'CKAN', $3) returning id")
                                .bind(0, "Portal " + tag)
                                .bind(1, "https://portal-" + tag + ".example.org")
                                .bind(2, admin.id()));
        used = dataset(db, portal, "presupuesto-" + tag, "Ejecución presupuestal " + tag);
        unused = dataset(db, portal, "agua-" + tag, "Calidad del agua " + tag);
        event = api.event(admin, Map.of("teamSizeMax", 5));
        challenge = fixtures.challenge(event, admin, "Reto " + tag);
        db.sql("update challenge_datasets set dataset_id = $1 where challenge_id = $2")
                .bind(0, used)
                .bind(1, challenge)
                .fetch()
                .rowsUpdated()
                .block();
        mentor = fixtures.user("mentor");
        fixtures.addMember(event, admin, mentor, "MENTOR");
        captain = api.registered(event);
        api.team(event, captain);
    }

    private UUID dataset(DatabaseClient db, UUID portal, String id, String title) {
        return uuid(
                db.sql(
                                """
                                insert into catalog_datasets (portal_id, portal_dataset_id,
                                  publisher_id, title, score, rating, stars, snapshot, raw,
                                  quality, linked_by)
                                values ($1, $2, $3, $4, 200, 'GOOD', 3, '{}'::jsonb, '{}'::jsonb,
                                  '{}'::jsonb, $5) returning id""")
                        .bind(0, portal)
                        .bind(1, id)
                        .bind(2, publisher)
                        .bind(3, title)
                        .bind(4, admin.id()));
    }

    private static UUID uuid(DatabaseClient.GenericExecuteSpec spec) {
        return spec.map(row -> row.get(0, UUID.class)).one().block();
    }

    static Map<String, Object> report(String kind) {
        return Map.of(
                "kind",
                kind,
                "text",
                "El CSV de 2025 no tiene valores del último trimestre.",
                "evidence",
                Map.of("resourceUrl", "https://portal.example.org/r/2025.csv"));
    }

    /** Reports a problem on the used dataset as the captain; the report's id. */
    UUID reported() {
        return api.post(
                        captain,
                        "/api/v1/recognition/datasets/{d}/reports",
                        report("MISSING_VALUES"),
                        used)
                .expect(201)
                .id();
    }

    /** The member answers with this status. */
    Api.Reply answer(UUID report, String status) {
        return api.post(
                member,
                "/api/v1/recognition/reports/{r}/answers",
                Map.of("status", status, "text", "Gracias: publicamos el trimestre faltante."),
                report);
    }
}
