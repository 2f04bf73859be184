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
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Publishers' members propose challenges on their linked datasets; the event's organizers list,
 * accept (creating the challenge with linked entries) or decline them. Each endpoint is called by
 * every role, and with bad input.
 */
class ChallengeProposalIntegrationTests extends IntegrationTest {

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

    /**
     * A published event with its organizer, an organizer of another event, a publisher with a
     * member and a linked dataset, a member of another publisher with a dataset of theirs, and a
     * citizen.
     */
    record World(
            Api api,
            User admin,
            User organizer,
            User otherOrganizer,
            User member,
            User otherMember,
            User citizen,
            UUID event,
            UUID publisher,
            String publisherName,
            UUID dataset,
            UUID otherDataset) {

        String proposals() {
            return "/api/v1/events/" + event + "/challenge-proposals";
        }

        Map<String, Object> body(UUID... datasets) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("publisherId", publisher.toString());
            body.put("title", "Brechas de vacunación");
            body.put("statement", "Analiza **la cobertura**.");
            body.put("themes", List.of("salud", " salud "));
            body.put("datasetIds", List.of(datasets).stream().map(UUID::toString).toList());
            return body;
        }

        UUID propose() {
            return api.post(member, proposals(), body(dataset)).expect(201).id();
        }
    }

    World world(boolean published) {
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        User organizer = fixtures.user("organizer");
        User otherOrganizer = fixtures.user("other-organizer");
        User member = fixtures.user("publisher-member");
        User otherMember = fixtures.user("other-publisher-member");
        User citizen = fixtures.user("citizen");
        UUID event = fixtures.event(admin, published);
        UUID otherEvent = fixtures.event(admin, true);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        fixtures.addMember(otherEvent, admin, otherOrganizer, "ORGANIZER");
        String name = "Ministerio " + tag();
        UUID publisher = publisher(api, admin, name, member);
        UUID otherPublisher = publisher(api, admin, "Otra " + tag(), otherMember);
        UUID dataset = dataset(api, admin, publisher);
        UUID otherDataset = dataset(api, admin, otherPublisher);
        return new World(
                api,
                admin,
                organizer,
                otherOrganizer,
                member,
                otherMember,
                citizen,
                event,
                publisher,
                name,
                dataset,
                otherDataset);
    }

    static UUID publisher(Api api, User admin, String name, User member) {
        UUID id =
                api.post(
                                admin,
                                "/api/v1/catalog/publishers",
                                Map.of("name", name, "type", "MINISTRY"))
                        .expect(201)
                        .id();
        api.call(
                        HttpMethod.PUT,
                        admin,
                        "/api/v1/catalog/publishers/{p}/members/{u}",
                        null,
                        id,
                        member.id())
                .expect(204);
        return id;
    }

    static UUID dataset(Api api, User admin, UUID publisher) {
        UUID portal =
                api.post(
                                admin,
                                "/api/v1/catalog/portals",
                                Map.of(
                                        "name",
                                        "Portal",
                                        "baseUrl",
                                        portals.base(tag(), "ckan"),
                                        "kind",
                                        "CKAN"))
                        .expect(201)
                        .id();
        return api.post(
                        admin,
                        "/api/v1/catalog/datasets",
                        Map.of(
                                "portalId",
                                portal.toString(),
                                "datasetId",
                                FakePortals.DEMO_ID,
                                "publisherId",
                                publisher.toString()))
                .expect(201)
                .id();
    }

    long proposalsOf(UUID event) {
        return count("select count(*) from challenge_proposals where event_id = $1", event);
    }

    long challengesOf(UUID event) {
        return count("select count(*) from challenges where event_id = $1", event);
    }

    @Test
    void proposeWhenEachRoleThenOnlyMembersOfThePublisherAndAdminsMay() {
        World w = world(true);
        w.api().post(null, w.proposals(), w.body(w.dataset())).problem(401, "unauthorized");
        w.api().post(w.citizen(), w.proposals(), w.body(w.dataset())).problem(403, "forbidden");
        w.api().post(w.otherMember(), w.proposals(), w.body(w.dataset())).problem(403, "forbidden");
        w.api().post(w.organizer(), w.proposals(), w.body(w.dataset())).problem(403, "forbidden");
        assertThat(proposalsOf(w.event())).isZero();

        Reply created = w.api().post(w.member(), w.proposals(), w.body(w.dataset())).expect(201);
        w.api().post(w.admin(), w.proposals(), w.body(w.dataset())).expect(201);

        assertThat(created.headers().getLocation().getPath())
                .isEqualTo(w.proposals() + "/" + created.id());
        assertThat((String) created.json("$.status")).isEqualTo("PENDING");
        assertThat((List<String>) created.json("$.themes")).containsExactly("salud");
        assertThat((List<String>) created.json("$.datasetIds"))
                .containsExactly(w.dataset().toString());
        assertThat((String) created.json("$.proposedBy")).isEqualTo(w.member().id().toString());
        assertThat(proposalsOf(w.event())).isEqualTo(2);
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action = 'challenge.proposed'",
                                w.event()))
                .isEqualTo(2);
    }

    @Test
    void proposeWhenEventUnpublishedOrUnknownThenNotFoundForMembers() {
        World w = world(false);
        w.api().post(w.member(), w.proposals(), w.body(w.dataset())).problem(404, "not-found");
        w.api()
                .post(
                        w.member(),
                        "/api/v1/events/" + UUID.randomUUID() + "/challenge-proposals",
                        w.body(w.dataset()))
                .problem(404, "not-found");
        assertThat(proposalsOf(w.event())).isZero();
    }

    @Test
    void proposeWhenBadInputThenProblemAndNothingStored() {
        World w = world(true);
        Map<String, Object> noDatasets = w.body();
        Map<String, Object> blankTitle = w.body(w.dataset());
        blankTitle.put("title", "   ");
        Map<String, Object> noPublisher = w.body(w.dataset());
        noPublisher.remove("publisherId");
        Map<String, Object> unknownPublisher = w.body(w.dataset());
        unknownPublisher.put("publisherId", UUID.randomUUID().toString());
        Map<String, Object> badId = w.body(w.dataset());
        badId.put("datasetIds", List.of("nope"));

        w.api().post(w.member(), w.proposals(), noDatasets).problem(400, "validation-failed");
        w.api().post(w.member(), w.proposals(), blankTitle).problem(400, "validation-failed");
        w.api().post(w.member(), w.proposals(), noPublisher).problem(400, "validation-failed");
        w.api().post(w.member(), w.proposals(), badId).expect(400);
        w.api().call(HttpMethod.POST, w.member(), w.proposals(), "{\"title\": ").expect(400);
        w.api().post(w.member(), w.proposals(), unknownPublisher).problem(422, "unknown-publisher");
        Reply other =
                w.api()
                        .post(w.member(), w.proposals(), w.body(w.dataset(), w.otherDataset()))
                        .problem(422, "dataset-not-of-publisher");
        assertThat((String) other.json("$.detail"))
                .contains(w.otherDataset().toString())
                .doesNotContain(w.dataset().toString());
        w.api()
                .post(w.member(), w.proposals(), w.body(UUID.randomUUID()))
                .problem(422, "dataset-not-of-publisher");

        assertThat(proposalsOf(w.event())).isZero();
    }

    @Test
    void listAndGetWhenEachRoleThenOrganizersSeeAllAndMembersTheirOwn() {
        World w = world(true);
        UUID proposal = w.propose();
        String one = w.proposals() + "/" + proposal;

        w.api().get(null, w.proposals()).problem(401, "unauthorized");
        w.api().get(w.citizen(), w.proposals()).problem(403, "forbidden");
        w.api().get(w.member(), w.proposals()).problem(403, "forbidden");
        w.api().get(w.otherOrganizer(), w.proposals()).problem(403, "forbidden");
        for (User organizer : List.of(w.organizer(), w.admin())) {
            Reply page = w.api().get(organizer, w.proposals()).expect(200);
            assertThat((List<String>) page.json("$.items[*].id"))
                    .containsExactly(proposal.toString());
        }
        assertThat(
                        (List<?>)
                                w.api()
                                        .get(w.organizer(), w.proposals() + "?status=DECLINED")
                                        .expect(200)
                                        .json("$.items"))
                .isEmpty();
        w.api().get(w.organizer(), w.proposals() + "?status=MAYBE").expect(400);
        w.api().get(w.organizer(), w.proposals() + "?cursor=%%%").expect(400);

        w.api().get(null, one).problem(401, "unauthorized");
        w.api().get(w.citizen(), one).problem(404, "not-found");
        w.api().get(w.otherMember(), one).problem(404, "not-found");
        w.api().get(w.otherOrganizer(), one).problem(404, "not-found");
        for (User reader : List.of(w.member(), w.organizer(), w.admin())) {
            assertThat((String) w.api().get(reader, one).expect(200).json("$.title"))
                    .isEqualTo("Brechas de vacunación");
        }
        w.api()
                .get(w.organizer(), w.proposals() + "/" + UUID.randomUUID())
                .problem(404, "not-found");
        w.api().get(w.organizer(), w.proposals() + "/nope").expect(400);
    }

    @Test
    void acceptWhenOrganizerThenChallengeCreatedWithLinkedDatasetsOnce() {
        World w = world(true);
        UUID proposal = w.propose();
        String accept = w.proposals() + "/" + proposal + "/accept";

        w.api().post(null, accept, null).problem(401, "unauthorized");
        w.api().post(w.citizen(), accept, null).problem(403, "forbidden");
        w.api().post(w.member(), accept, null).problem(403, "forbidden");
        w.api().post(w.otherOrganizer(), accept, null).problem(403, "forbidden");
        assertThat(challengesOf(w.event())).isZero();

        Reply accepted = w.api().post(w.organizer(), accept, null).expect(200);

        assertThat((String) accepted.json("$.status")).isEqualTo("ACCEPTED");
        assertThat((String) accepted.json("$.decidedBy")).isEqualTo(w.organizer().id().toString());
        UUID challenge = UUID.fromString(accepted.json("$.challengeId"));
        Reply read =
                w.api()
                        .get(null, "/api/v1/events/{e}/challenges/{c}", w.event(), challenge)
                        .expect(200);
        assertThat((String) read.json("$.title")).isEqualTo("Brechas de vacunación");
        assertThat((String) read.json("$.proposingEntity")).isEqualTo(w.publisherName());
        assertThat((String) read.json("$.datasets[0].datasetId")).isEqualTo(w.dataset().toString());
        assertThat((String) read.json("$.datasets[0].landingUrl"))
                .endsWith("/dataset/" + FakePortals.DEMO_SLUG);
        assertThat(
                        ((Number)
                                        w.api()
                                                .get(
                                                        null,
                                                        "/api/v1/catalog/datasets/{d}",
                                                        w.dataset())
                                                .expect(200)
                                                .json("$.usage.challenges"))
                                .longValue())
                .isEqualTo(1);

        Reply edited =
                w.api()
                        .call(
                                HttpMethod.PATCH,
                                w.organizer(),
                                "/api/v1/events/{e}/challenges/{c}",
                                Map.of(
                                        "datasets",
                                        List.of(
                                                Map.of(
                                                        "title",
                                                        "Renombrado",
                                                        "landingUrl",
                                                        read.json("$.datasets[0].landingUrl")))),
                                w.event(),
                                challenge)
                        .expect(200);
        assertThat((String) edited.json("$.datasets[0].datasetId"))
                .isEqualTo(w.dataset().toString());

        w.api().post(w.organizer(), accept, null).problem(409, "no-longer-pending");
        w.api()
                .post(w.admin(), w.proposals() + "/" + proposal + "/decline", Map.of())
                .problem(409, "no-longer-pending");
        w.api()
                .post(w.organizer(), w.proposals() + "/" + UUID.randomUUID() + "/accept", null)
                .problem(404, "not-found");
        assertThat(challengesOf(w.event())).isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action in"
                                        + " ('challenge.created', 'challenge.proposal.accepted')",
                                w.event()))
                .isEqualTo(2);
    }

    @Test
    void declineWhenOrganizerThenDeclinedWithReasonAndNoChallenge() {
        World w = world(true);
        UUID proposal = w.propose();
        String decline = w.proposals() + "/" + proposal + "/decline";
        Map<String, Object> why = Map.of("reason", " Ya hay un reto similar ");

        w.api().post(null, decline, why).problem(401, "unauthorized");
        w.api().post(w.citizen(), decline, why).problem(403, "forbidden");
        w.api().post(w.member(), decline, why).problem(403, "forbidden");
        w.api().post(w.otherOrganizer(), decline, why).problem(403, "forbidden");
        w.api()
                .post(w.organizer(), decline, Map.of("reason", "x".repeat(2001)))
                .problem(400, "validation-failed");

        Reply declined = w.api().post(w.admin(), decline, why).expect(200);

        assertThat((String) declined.json("$.status")).isEqualTo("DECLINED");
        assertThat((String) declined.json("$.reason")).isEqualTo("Ya hay un reto similar");
        assertThat((Object) declined.json("$.challengeId")).isNull();
        w.api()
                .post(w.organizer(), w.proposals() + "/" + proposal + "/accept", null)
                .problem(409, "no-longer-pending");
        assertThat(challengesOf(w.event())).isZero();
        assertThat(
                        (List<String>)
                                w.api()
                                        .get(w.organizer(), w.proposals() + "?status=DECLINED")
                                        .expect(200)
                                        .json("$.items[*].id"))
                .containsExactly(proposal.toString());
    }
}
