package org.minka.recognition;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.catalog.FakePortals;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A fixture catalog for recognition tests: a fresh portal on the fake portals, publishers, one
 * dataset linked through the API from the real CKAN response saved in the test resources, and
 * copies of it written with SQL, each with its own dates, update period and MQA points.
 */
final class RecognitionFixtures {

    static final String DEMO_ID = "17be64bb-da74-4195-9bb8-565c39846af2";

    private final Api api;
    private final DatabaseClient db;
    private final FakePortals portals;
    final User admin;
    final UUID portal;
    private UUID source;

    RecognitionFixtures(Api api, DatabaseClient db, FakePortals portals, User admin) {
        this.api = api;
        this.db = db;
        this.portals = portals;
        this.admin = admin;
        String tag = UUID.randomUUID().toString().substring(0, 8);
        this.portal =
                api.post(
                                admin,
                                "/api/v1/catalog/portals",
                                Map.of(
                                        "name",
                                        "Portal " + tag,
                                        "baseUrl",
                                        portals.base(tag, "ckan"),
                                        "kind",
                                        "CKAN"))
                        .expect(201)
                        .id();
    }

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    UUID publisher(String name, String type, String region) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name + " " + tag());
        body.put("type", type);
        if (region != null) {
            body.put("region", region);
        }
        return api.post(admin, "/api/v1/catalog/publishers", body).expect(201).id();
    }

    /** A dataset of the publisher with these facts; the first one is linked through the API. */
    UUID dataset(
            UUID publisher,
            String title,
            Instant issued,
            Instant modified,
            String period,
            int mqa) {
        UUID id;
        if (source == null) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("portalId", portal.toString());
            link.put("datasetId", DEMO_ID);
            link.put("publisherId", publisher.toString());
            id = api.post(admin, "/api/v1/catalog/datasets", link).expect(201).id();
            source = id;
            sql(
                    "update catalog_datasets set title = $2, score = $3, snapshot = snapshot"
                            + " || jsonb_build_object('issued', $4::text, 'modified', $5::text,"
                            + " 'accrualPeriodicity', $6::text) where id = $1",
                    id,
                    title,
                    mqa,
                    text(issued),
                    text(modified),
                    period);
            return id;
        }
        id = UUID.randomUUID();
        sql(
                "insert into catalog_datasets (id, portal_id, portal_dataset_id, publisher_id,"
                        + " title, publisher_name, license_id, themes, formats, score, rating,"
                        + " stars, snapshot, raw, quality, linked_by)"
                        + " select $1, portal_id, $1::text, $2, $3, publisher_name, license_id,"
                        + " themes, formats, $4, rating, stars, snapshot || jsonb_build_object("
                        + "'portalDatasetId', $1::text, 'slug', null, 'landingPage', null,"
                        + " 'issued', $5::text, 'modified', $6::text, 'accrualPeriodicity',"
                        + " $7::text), raw, quality, linked_by from catalog_datasets where id = $8",
                id,
                publisher,
                title,
                mqa,
                text(issued),
                text(modified),
                period,
                source);
        return id;
    }

    /** A campaign over this portal (all its publishers), with default weights; its id. */
    UUID campaign(String name, Instant opens, Instant closes, UUID previous) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name + " " + tag());
        body.put("opensAt", opens.toString());
        body.put("closesAt", closes.toString());
        body.put("timezone", "America/Lima");
        body.put("portalIds", List.of(portal.toString()));
        if (previous != null) {
            body.put("previousCampaignId", previous.toString());
        }
        return UUID.fromString(
                api.post(admin, "/api/v1/recognition/campaigns", body)
                        .expect(201)
                        .json("$.campaign.id"));
    }

    void publish(UUID campaign) {
        api.post(admin, "/api/v1/recognition/campaigns/{id}/publish", null, campaign).expect(200);
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private void sql(String sql, Object... args) {
        var spec = db.sql(sql);
        for (int i = 0; i < args.length; i++) {
            spec = args[i] == null ? spec.bindNull(i, String.class) : spec.bind(i, args[i]);
        }
        spec.then().block();
    }
}
