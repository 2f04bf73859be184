package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Organizers keep a PRIVATE event's allow-list (emails and @domains), every change audited; bad
 * entries store nothing; only allow-listed or invited citizens may register; visibility changes by
 * PATCH and is audited.
 */
class AllowListIntegrationTests extends IntegrationTest {

    private Api api;
    private User admin;
    private User organizer;

    private UUID privateEvent() {
        api = new Api(web, fixtures);
        admin = fixtures.admin();
        organizer = fixtures.user("organizer");
        Map<String, Object> body = new LinkedHashMap<>(fixtures.eventBody(fixtures.slug()));
        body.put("visibility", "PRIVATE");
        UUID event = api.post(admin, "/api/v1/events", body).expect(201).id();
        api.post(admin, "/api/v1/events/{e}/publish", null, event).expect(200);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        return event;
    }

    private long entries(UUID event) {
        return count("select count(*) from event_allow_list where event_id = $1", event);
    }

    @Test
    void addToAllowListWhenAnEntryIsBadThenValidationProblemAndNothingStored() {
        UUID event = privateEvent();
        for (String bad :
                List.of("no-at-sign", "@", "ana@", "@minedu", "a b@minedu.gob.pe", "@mi_nedu.pe")) {
            api.post(
                            organizer,
                            "/api/v1/events/{e}/allow-list",
                            Map.of("entries", List.of("ok@minedu.gob.pe", bad)),
                            event)
                    .problem(400, "validation-failed");
        }
        api.post(organizer, "/api/v1/events/{e}/allow-list", Map.of("entries", List.of()), event)
                .problem(400, "validation-failed");

        assertThat(entries(event)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void addToAllowListWhenRetriedThenSameListAndAuditedOnce() {
        UUID event = privateEvent();
        Map<String, Object> body =
                Map.of("entries", List.of(" Ana.Quispe@MINEDU.gob.pe ", "@Minedu.Gob.Pe"));

        api.post(organizer, "/api/v1/events/{e}/allow-list", body, event).expect(200);
        Api.Reply again = api.post(organizer, "/api/v1/events/{e}/allow-list", body, event);

        again.expect(200);
        assertThat((List<String>) again.json("$[*].entry"))
                .containsExactly("@minedu.gob.pe", "ana.quispe@minedu.gob.pe");
        assertThat((List<String>) again.json("$[*].kind")).containsExactly("DOMAIN", "EMAIL");
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1"
                                        + " and action = 'event.allow-list.added'",
                                event))
                .isEqualTo(1);
    }

    @Test
    void removeFromAllowListWhenOrganizerThenGoneAndAudited() {
        UUID event = privateEvent();
        String id =
                api.post(
                                organizer,
                                "/api/v1/events/{e}/allow-list",
                                Map.of("entries", List.of("@minedu.gob.pe")),
                                event)
                        .expect(200)
                        .json("$[0].id");

        api.delete(organizer, "/api/v1/events/{e}/allow-list/{id}", event, id).expect(204);
        api.delete(organizer, "/api/v1/events/{e}/allow-list/{id}", event, id)
                .problem(404, "not-found");

        assertThat(entries(event)).isZero();
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1"
                                        + " and action = 'event.allow-list.removed'",
                                event))
                .isEqualTo(1);
    }

    @Test
    void allowListWhenNotOrganizerThenRefusedAsTheEventIsHidden() {
        UUID event = privateEvent();
        User mentor = fixtures.user("mentor");
        fixtures.addMember(event, admin, mentor, "MENTOR");
        User outsider = fixtures.user("outsider");
        Map<String, Object> body = Map.of("entries", List.of("@minedu.gob.pe"));
        String path = "/api/v1/events/{e}/allow-list";
        String one = path + "/" + UUID.randomUUID();

        api.get(null, path, event).problem(401, "unauthorized");
        api.get(outsider, path, event).problem(404, "not-found");
        api.get(mentor, path, event).problem(403, "forbidden");
        api.post(null, path, body, event).problem(401, "unauthorized");
        api.post(outsider, path, body, event).problem(404, "not-found");
        api.post(mentor, path, body, event).problem(403, "forbidden");
        api.delete(outsider, one, event).problem(404, "not-found");
        api.delete(mentor, one, event).problem(403, "forbidden");
        api.get(admin, path, event).expect(200);

        assertThat(entries(event)).isZero();
    }

    @Test
    void registerWhenPrivateThenOnlyAllowListedOrInvitedCitizens() {
        UUID event = privateEvent();
        User mentor = fixtures.user("mentor");
        fixtures.addMember(event, admin, mentor, "MENTOR");
        User allowed = fixtures.user("allowed");
        User outsider = fixtures.user("outsider");
        User invitee = fixtures.user("invitee");
        User captain = fixtures.user("captain");
        api.post(
                        organizer,
                        "/api/v1/events/{e}/allow-list",
                        Map.of("entries", List.of(allowed.email(), captain.email())),
                        event)
                .expect(200);
        String path = "/api/v1/events/{e}/registrations";

        api.post(outsider, path, Api.ANSWERS, event).problem(404, "not-found");
        api.post(mentor, path, Api.ANSWERS, event).problem(403, "forbidden");
        api.post(allowed, path, Api.ANSWERS, event).expect(201);
        api.post(invitee, path, Api.ANSWERS, event).problem(404, "not-found");
        api.post(captain, path, Api.ANSWERS, event).expect(201);
        UUID team = api.team(event, captain).id();
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/invitations",
                        Map.of("email", invitee.email()),
                        event,
                        team)
                .expect(201);
        api.get(invitee, "/api/v1/events/{e}", event).expect(200);
        api.post(invitee, path, Api.ANSWERS, event).expect(201);

        assertThat(count("select count(*) from registrations where event_id = $1", event))
                .isEqualTo(3);
    }

    @Test
    void updateWhenVisibilityChangesThenOutsidersLoseTheEventAndItIsAudited() {
        api = new Api(web, fixtures);
        admin = fixtures.admin();
        UUID event = fixtures.event(admin, true);
        User outsider = fixtures.user("outsider");
        api.get(null, "/api/v1/events/{e}", event).expect(200);

        api.call(
                        HttpMethod.PATCH,
                        admin,
                        "/api/v1/events/{e}",
                        Map.of("visibility", "PRIVATE"),
                        event)
                .expect(200);

        api.get(null, "/api/v1/events/{e}", event).problem(404, "not-found");
        api.get(outsider, "/api/v1/events/{e}/challenges", event).problem(404, "not-found");
        assertThat(api.get(admin, "/api/v1/events/{e}", event).<String>json("$.visibility"))
                .isEqualTo("PRIVATE");
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1"
                                        + " and action = 'event.updated'"
                                        + " and details->>'visibility' = 'PRIVATE'",
                                event))
                .isEqualTo(1);
        api.call(
                        HttpMethod.PATCH,
                        admin,
                        "/api/v1/events/{e}",
                        Map.of("visibility", "SECRET"),
                        event)
                .expect(400);
    }
}
