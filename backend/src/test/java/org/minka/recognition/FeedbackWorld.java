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
    final UUID team;
    final User otherCaptain;
    private final DatabaseClient db;

    /** The resource URL of the used dataset (the unused one has {@link #OTHER_RESOURCE}). */
    static final String RESOURCE = "https://portal.example.org/r/2025.csv";

    static final String OTHER_RESOURCE = "https://portal.example.org/r/agua.csv";

    FeedbackWorld(Api api, Fixtures fixtures, DatabaseClient db) {
        this.api = api;
        this.db = db;
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
        used = dataset(db, portal, "presupuesto-" + tag, "Ejecución presupuestal " + tag, RESOURCE);
        unused = dataset(db, portal, "agua-" + tag, "Calidad del agua " + tag, OTHER_RESOURCE);
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
        team = api.team(event, captain).id();
        otherCaptain = api.registered(event);
        api.team(event, otherCaptain);
    }

    private UUID dataset(DatabaseClient db, UUID portal, String id, String title, String url) {
        String snapshot =
                "{\"resources\": [{\"name\": \"CSV\", \"accessUrl\": \"https://portal.example.org/r\","
                        + " \"downloadUrl\": \""
                        + url
                        + "\"}]}";
        return uuid(
                db.sql(
                                """
                                insert into catalog_datasets (portal_id, portal_dataset_id,
                                  publisher_id, title, score, rating, stars, snapshot, raw,
                                  quality, linked_by)
                                values ($1, $2, $3, $4, 200, 'GOOD', 3, cast($6 as jsonb),
                                  '{}'::jsonb, '{}'::jsonb, $5) returning id""")
                        .bind(0, portal)
                        .bind(1, id)
                        .bind(2, publisher)
                        .bind(3, title)
                        .bind(4, admin.id())
                        .bind(5, snapshot));
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
                Map.of("resourceUrl", RESOURCE));
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

    /**
     * The captain's team's submission: version 1 holds a notebook of 3 code and 2 markdown cells
     * (indexes 0 to 4) and a CSV; a newer notebook is still a draft.
     */
    record Notebook(UUID submission, UUID submitted, UUID draft, UUID data) {}

    Notebook notebookSubmission() {
        sql(
                "insert into team_challenges (team_id, challenge_id, event_id) values ($1, $2, $3)"
                        + " on conflict do nothing",
                team,
                challenge,
                event);
        UUID submission = UUID.randomUUID();
        sql(
                "insert into submissions (id, event_id, team_id, challenge_id, title, licence,"
                        + " latest_version, created_by) values ($1, $2, $3, $4, 'Presupuesto',"
                        + " 'CC-BY-4.0', 1, $5)",
                submission,
                event,
                team,
                challenge,
                captain.id());
        UUID submitted = artifact(submission, "NOTEBOOK", "analisis.ipynb", 3, 2);
        UUID data = artifact(submission, "DATA", "tabla.csv", 0, 0);
        UUID draft = artifact(submission, "NOTEBOOK", "borrador.ipynb", 40, 10);
        sql(
                "insert into submission_versions (submission_id, number, title, summary, links,"
                        + " datasets, licence, artifact_ids, submitted_by) values ($1, 1,"
                        + " 'Presupuesto', '', '{}'::jsonb, '[]'::jsonb, 'CC-BY-4.0',"
                        + " array[$2, $3]::uuid[], $4)",
                submission,
                submitted,
                data,
                captain.id());
        return new Notebook(submission, submitted, draft, data);
    }

    private UUID artifact(UUID submission, String kind, String name, int code, int markdown) {
        UUID id = UUID.randomUUID();
        String facts =
                "NOTEBOOK".equals(kind)
                        ? "{\"nbformat\": 4, \"nbformatMinor\": 5, \"language\": \"python\","
                                + " \"kernel\": \"python3\", \"codeCells\": "
                                + code
                                + ", \"markdownCells\": "
                                + markdown
                                + ", \"hasOutputs\": false, \"imageOutputs\": 0}"
                        : null;
        var spec =
                db.sql(
                                "insert into artifacts (id, submission_id, team_id, kind, filename,"
                                        + " content_type, size_bytes, sha256, object_key, notebook,"
                                        + " uploaded_by) values ($1, $2, $3, $4, $5, 'application/json',"
                                        + " 10, $6, $7, cast($8 as jsonb), $9)")
                        .bind(0, id)
                        .bind(1, submission)
                        .bind(2, team)
                        .bind(3, kind)
                        .bind(4, name)
                        .bind(5, "a".repeat(64))
                        .bind(6, "artifacts/" + id);
        spec = facts == null ? spec.bindNull(7, String.class) : spec.bind(7, facts);
        spec.bind(8, captain.id()).then().block();
        return id;
    }

    private void sql(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = spec.bind(i, args[i]);
        }
        spec.then().block();
    }
}
