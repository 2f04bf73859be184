package org.minka.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.minka.common.PeriodicTask;
import org.minka.support.Api.Reply;
import org.minka.support.IntegrationTest;
import org.minka.support.Together;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;

/**
 * The results draft, its ranking and awards, disqualification, distinctions, publication now and at
 * a set time, unpublication, and the notifications of the winners, against a judged and voted event
 * ({@link ResultsScenario}).
 */
class ResultsIntegrationTests extends IntegrationTest {

    @Autowired ApplicationContext context;

    private ResultsScenario scenario() {
        return new ResultsScenario(web, db, fixtures, false);
    }

    private static Map<String, Object> distinction(Object teamId, Object publisherId) {
        Map<String, Object> body = new java.util.HashMap<>();
        if (teamId != null) {
            body.put("teamId", teamId.toString());
        }
        if (publisherId != null) {
            body.put("publisherId", publisherId.toString());
        }
        body.put(
                "title",
                Map.of("es", "Mejor uso de datos regionales", "en", "Best use of regional data"));
        body.put(
                "reason",
                Map.of(
                        "es",
                        "Cruzó datos de tres gobiernos regionales.",
                        "en",
                        "It joined data from three regional governments."));
        return body;
    }

    private static List<String> kinds(Reply draft) {
        return draft.json("$.awards[*].kind");
    }

    private static List<Integer> places(Reply draft, UUID submission) {
        return draft.json(
                "$.challenges[*].ranking[?(@.submissionId == '" + submission + "')].place");
    }

    @Test
    void buildWhenJudgedAndVotedThenRanksPlacesPeoplesChoiceAndEntities() {
        ResultsScenario s = scenario();
        s.vote(s.b.submission(), s.d.submission());
        s.vote(s.b.submission());
        s.vote(s.a.submission());
        s.closeVoting();

        Reply draft = s.api.post(s.organizer, s.results("/draft"), Map.of()).expect(200);

        assertThat(draft.<String>json("$.status")).isEqualTo("DRAFT");
        assertThat(places(draft, s.a.submission())).containsExactly(1);
        assertThat(places(draft, s.b.submission())).containsExactly(2);
        assertThat(places(draft, s.c.submission())).containsExactly(3);
        assertThat(places(draft, s.d.submission())).containsExactly(1);
        List<Integer> votes =
                draft.json(
                        "$.challenges[*].ranking[?(@.submissionId == '"
                                + s.b.submission()
                                + "')].votes");
        assertThat(votes).containsExactly(2);
        assertThat(kinds(draft))
                .containsExactly(
                        "PLACE",
                        "PLACE",
                        "PLACE",
                        "PLACE",
                        "PEOPLES_CHOICE",
                        "PEOPLES_CHOICE",
                        "PUBLISHER",
                        "PUBLISHER",
                        "DATASET");
        List<String> peoples = draft.json("$.awards[?(@.kind == 'PEOPLES_CHOICE')].submissionId");
        assertThat(peoples)
                .containsExactlyInAnyOrder(
                        s.b.submission().toString(), s.d.submission().toString());
        List<String> publishers = draft.json("$.awards[?(@.kind == 'PUBLISHER')].publisher.id");
        assertThat(publishers).containsExactlyInAnyOrder(s.minsa.toString(), s.region.toString());
        List<String> dataset = draft.json("$.awards[?(@.kind == 'DATASET')].dataset.datasetId");
        assertThat(dataset).containsExactly(s.minsaDataset.toString());
        List<Integer> uses = draft.json("$.awards[?(@.kind == 'DATASET')].uses");
        assertThat(uses).containsExactly(3);
        assertThat(draft.body()).doesNotContain("@example.org");
    }

    @Test
    void buildWhenFewerPlacesAndOverallWinnerThenOnlyThosePlacesAndTheBestFirst() {
        ResultsScenario s = scenario();

        Reply draft =
                s.api.post(
                                s.organizer,
                                s.results("/draft"),
                                Map.of("places", 1, "overallWinner", true))
                        .expect(200);

        List<String> placed = draft.json("$.awards[?(@.kind == 'PLACE')].submissionId");
        assertThat(placed)
                .containsExactlyInAnyOrder(
                        s.a.submission().toString(), s.d.submission().toString());
        List<String> overall = draft.json("$.awards[?(@.kind == 'OVERALL')].submissionId");
        assertThat(overall).hasSize(1);
        assertThat(draft.<Integer>json("$.places")).isEqualTo(1);
    }

    @Test
    void disqualifyWhenFirstPlaceThenOthersMoveUpAuditedAndRequalifyRestores() {
        ResultsScenario s = scenario();
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);

        Reply draft =
                s.api.post(
                                s.organizer,
                                s.results("/disqualifications"),
                                Map.of(
                                        "submissionId",
                                        s.a.submission().toString(),
                                        "reason",
                                        "Usó datos que no son abiertos"))
                        .expect(200);

        assertThat(places(draft, s.a.submission())).containsNull();
        assertThat(places(draft, s.b.submission())).containsExactly(1);
        assertThat(places(draft, s.c.submission())).containsExactly(2);
        List<String> reasons =
                draft.json(
                        "$.challenges[*].ranking[?(@.submissionId == '"
                                + s.a.submission()
                                + "')].disqualified");
        assertThat(reasons).containsExactly("Usó datos que no son abiertos");
        List<String> placed = draft.json("$.awards[?(@.kind == 'PLACE')].submissionId");
        assertThat(placed).doesNotContain(s.a.submission().toString());
        assertThat(
                        s.count(
                                "select count(*) from audit_log where event_id = $1"
                                        + " and action = 'results.disqualified'"
                                        + " and details->>'submissionId' = $2",
                                s.event,
                                s.a.submission().toString()))
                .isEqualTo(1);

        Reply back =
                s.api.delete(s.organizer, s.results("/disqualifications/" + s.a.submission()))
                        .expect(200);
        assertThat(places(back, s.a.submission())).containsExactly(1);
        assertThat(places(back, s.b.submission())).containsExactly(2);
    }

    @Test
    void badInputWhenUnknownTargetPastTimeOrDoublePublishThenProblemAndNothingStored() {
        ResultsScenario s = scenario();
        s.api.post(s.organizer, s.results("/publish"), null).problem(409, "results-not-built");
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        long awards = s.count("select count(*) from results_awards where event_id = $1", s.event);
        long audit = s.count("select count(*) from audit_log where event_id = $1", s.event);

        s.api.post(s.organizer, s.results("/distinctions"), distinction(UUID.randomUUID(), null))
                .problem(422, "unknown-award-target");
        s.api.post(s.organizer, s.results("/distinctions"), distinction(null, UUID.randomUUID()))
                .problem(422, "unknown-award-target");
        s.api.post(s.organizer, s.results("/distinctions"), distinction(s.a.team(), s.minsa))
                .problem(400, "validation-failed");
        s.api.post(
                        s.organizer,
                        s.results("/disqualifications"),
                        Map.of("submissionId", UUID.randomUUID().toString(), "reason", "x"))
                .problem(422, "unknown-submission");
        s.api.post(
                        s.organizer,
                        s.results("/disqualifications"),
                        Map.of("submissionId", s.a.submission().toString(), "reason", " "))
                .problem(400, "validation-failed");
        s.api.post(s.organizer, s.results("/draft"), Map.of("places", 0))
                .problem(400, "validation-failed");
        s.api.post(
                        s.organizer,
                        s.results("/publish"),
                        Map.of("at", Instant.now().minus(Duration.ofHours(1)).toString()))
                .problem(422, "publish-time-past");
        s.api.post(s.organizer, s.results("/unpublish"), Map.of("reason", "Nada publicado"))
                .problem(409, "results-not-published");

        assertThat(s.count("select count(*) from results_awards where event_id = $1", s.event))
                .isEqualTo(awards);
        assertThat(
                        s.count(
                                "select count(*) from results_disqualifications"
                                        + " where event_id = $1",
                                s.event))
                .isZero();
        assertThat(s.count("select count(*) from audit_log where event_id = $1", s.event))
                .isEqualTo(audit);
        assertThat(
                        s.count(
                                "select count(*) from results_editions where event_id = $1"
                                        + " and publish_at is null and places = 3",
                                s.event))
                .isEqualTo(1);

        s.api.post(s.organizer, s.results("/publish"), null).expect(200);
        Instant published =
                Instant.parse(s.api.get(s.organizer, s.results("/draft")).json("$.publishAt"));
        s.api.post(s.organizer, s.results("/publish"), null).problem(409, "results-published");
        s.api.post(s.organizer, s.results("/draft"), null).problem(409, "results-published");
        s.api.post(s.organizer, s.results("/distinctions"), distinction(s.a.team(), null))
                .problem(409, "results-published");
        assertThat(Instant.parse(s.api.get(s.organizer, s.results("/draft")).json("$.publishAt")))
                .isEqualTo(published);
    }

    @Test
    void distinctionWhenToTeamAndPublisherThenShownWithReasonAndSurvivesRebuild() {
        ResultsScenario s = scenario();
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);

        s.api.post(s.organizer, s.results("/distinctions"), distinction(s.c.team(), null))
                .expect(201);
        Reply draft =
                s.api.post(s.organizer, s.results("/distinctions"), distinction(null, s.region))
                        .expect(201);
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        draft = s.api.get(s.organizer, s.results("/draft")).expect(200);

        List<String> teams = draft.json("$.awards[?(@.kind == 'DISTINCTION')].team.id");
        assertThat(teams).containsExactly(s.c.team().toString());
        List<String> reasons = draft.json("$.awards[?(@.kind == 'DISTINCTION')].reason.en");
        assertThat(reasons).containsOnly("It joined data from three regional governments.");
        List<String> ids = draft.json("$.awards[?(@.kind == 'DISTINCTION')].id");
        assertThat(ids).hasSize(2);

        s.api.delete(s.organizer, s.results("/distinctions/" + ids.get(0))).expect(200);
        s.api.delete(s.organizer, s.results("/distinctions/" + ids.get(0)))
                .problem(404, "not-found");
        assertThat(
                        s.count(
                                "select count(*) from results_awards where event_id = $1"
                                        + " and kind = 'DISTINCTION'",
                                s.event))
                .isEqualTo(1);
    }

    @Test
    void publishWhenResultsOpenThenTheCertificateRunStartsByItselfForThePublisher() {
        ResultsScenario s = scenario();
        s.vote(s.c.submission());
        s.closeVoting();
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        assertThat(
                        s.count(
                                "select count(*) from results_certificate_runs where event_id = $1",
                                s.event))
                .isZero();

        s.api.post(s.organizer, s.results("/publish"), null).expect(200);

        // the run starts after the announcement commits, beside the request
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(
                        () ->
                                s.count(
                                        "select count(*) from results_certificate_runs"
                                                + " where event_id = $1 and requested_by = $2",
                                        s.event,
                                        s.organizer.id()),
                        n -> n == 1);
        Reply run = s.api.get(s.organizer, s.path("/certificates/runs/latest")).expect(200);
        assertThat(run.<String>json("$.state")).isIn("COLLECTING", "ISSUING", "DONE");
    }

    @Test
    void publishWhenNowThenPageShowsAwardsAndWinnersAreNotifiedOnceEvenIfRepublished() {
        ResultsScenario s = scenario();
        s.vote(s.c.submission());
        s.closeVoting();
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        s.api.post(s.organizer, s.results("/distinctions"), distinction(null, s.region))
                .expect(201);
        s.api.get(null, s.results("")).problem(404, "not-found");

        Reply published = s.api.post(s.organizer, s.results("/publish"), null).expect(200);
        assertThat(published.<String>json("$.status")).isEqualTo("PUBLISHED");

        Reply page = s.api.get(null, s.results("")).expect(200);
        List<String> members = page.json("$.awards[?(@.kind == 'PLACE')].team.members[*]");
        assertThat(members).contains("User " + s.a.captain().email().split("@")[0]);
        assertThat(page.body()).doesNotContain("@example.org");
        List<String> gallery = page.json("$.awards[?(@.kind == 'PLACE')].galleryUrl");
        assertThat(gallery).contains(s.path("/gallery/teams/" + s.a.team()));
        List<String> datasetPublishers =
                page.json(
                        "$.challenges[*].ranking[?(@.submissionId == '"
                                + s.a.submission()
                                + "')].datasets[*].publisher.name");
        assertThat(datasetPublishers).hasSize(1).allMatch(n -> n.startsWith("Ministerio de Salud"));
        List<String> ranked = page.json("$.challenges[*].ranking[*].submissionId");
        assertThat(ranked).hasSize(4);

        assertThat(notified(s.a.captain().id(), s.event)).isEqualTo(1);
        assertThat(notified(s.a.member().id(), s.event)).isEqualTo(1);
        assertThat(notified(s.c.member().id(), s.event)).isEqualTo(1);
        assertThat(notified(s.official.id(), s.event)).isEqualTo(1);
        assertThat(notified(s.citizen.id(), s.event)).isZero();
        assertThat(notified(s.judge.id(), s.event)).isZero();

        s.api.post(s.organizer, s.results("/unpublish"), Map.of("reason", "Error en un puntaje"))
                .expect(200);
        s.api.get(null, s.results("")).problem(404, "not-found");
        s.api.post(s.organizer, s.results("/publish"), null).expect(200);
        assertThat(notified(s.a.captain().id(), s.event)).isEqualTo(1);
        assertThat(
                        s.count(
                                "select count(*) from audit_log where event_id = $1 and action in"
                                        + " ('results.published', 'results.unpublished')",
                                s.event))
                .isEqualTo(3);
        assertThat(
                        s.count(
                                "select count(*) from audit_log where event_id = $1"
                                        + " and action = 'results.unpublished'"
                                        + " and details->>'reason' = 'Error en un puntaje'",
                                s.event))
                .isEqualTo(1);
    }

    /**
     * Several organizers (or one impatient one) publish at the same instant: the guard is the
     * conditional update of the edition, so exactly one wins; the others get 409, and the
     * publication is audited and announced once.
     */
    @Test
    void publishWhenEightAtOnceThenPublishedOnceAuditedAndAnnouncedOnce() throws Exception {
        ResultsScenario s = scenario();
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);

        List<Reply> replies = publishTogether(s, 8);

        assertThat(replies).extracting(Reply::status).containsOnly(200, 409);
        assertThat(replies).filteredOn(reply -> reply.status() == 200).hasSize(1);
        assertThat(replies)
                .filteredOn(reply -> reply.status() == 409)
                .allSatisfy(reply -> reply.problem(409, "results-published"));
        assertThat(
                        s.count(
                                "select count(*) from audit_log where event_id = $1"
                                        + " and action = 'results.published'",
                                s.event))
                .isEqualTo(1);
        assertThat(notified(s.a.captain().id(), s.event)).isEqualTo(1);
        assertThat(notified(s.official.id(), s.event)).isEqualTo(1);
    }

    /** The organizer's publish requests, sent from {@code threads} threads released together. */
    private static List<Reply> publishTogether(ResultsScenario s, int threads) throws Exception {
        List<Callable<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            calls.add(() -> s.api.post(s.organizer, s.results("/publish"), null));
        }
        return Together.run(threads, calls);
    }

    @Test
    void pageWhenEtagMatchesThenNotModified() {
        ResultsScenario s = scenario();
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        s.api.post(s.organizer, s.results("/publish"), null).expect(200);

        for (String path : List.of("", "/results.csv", "/results.json", "/data.json")) {
            String etag =
                    web.get()
                            .uri(s.results(path))
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .returnResult(String.class)
                            .getResponseHeaders()
                            .getETag();
            assertThat(etag).as(path).isNotBlank();
            int status =
                    web.get()
                            .uri(s.results(path))
                            .header("If-None-Match", etag)
                            .exchange()
                            .returnResult(String.class)
                            .getStatus()
                            .value();
            assertThat(status).as("%s with its own ETag", path).isEqualTo(304);
        }
    }

    @Test
    void publishWhenScheduledThenHiddenUntilTheClockPassesAndAnnouncedOnceByTheJob() {
        ResultsScenario s = scenario();
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        Instant at = Instant.now().plus(Duration.ofHours(1));

        Reply scheduled =
                s.api.post(s.organizer, s.results("/publish"), Map.of("at", at.toString()))
                        .expect(200);

        assertThat(scheduled.<String>json("$.status")).isEqualTo("SCHEDULED");
        PeriodicTask job = context.getBean("resultsPublicationJob", PeriodicTask.class);
        assertThat(job.isClusterSingleton()).isTrue();
        assertThat(job.runNow().block()).isTrue();
        s.api.get(null, s.results("")).problem(404, "not-found");
        s.api.get(null, s.results("/data.json")).problem(404, "not-found");
        assertThat(notified(s.a.captain().id(), s.event)).isZero();

        clock.set(at.plus(Duration.ofMinutes(1)));
        s.api.get(null, s.results("")).expect(200);
        assertThat(notified(s.a.captain().id(), s.event)).isZero();
        assertThat(job.runNow().block()).isTrue();
        assertThat(job.runNow().block()).isTrue();

        assertThat(notified(s.a.captain().id(), s.event)).isEqualTo(1);
        assertThat(notified(s.d.member().id(), s.event)).isEqualTo(1);
        assertThat(notified(s.official.id(), s.event)).isEqualTo(1);
        assertThat(s.api.get(s.organizer, s.results("/draft")).<String>json("$.status"))
                .isEqualTo("PUBLISHED");
        assertThat(
                        s.count(
                                "select count(*) from audit_log where event_id = $1"
                                        + " and action = 'results.scheduled'",
                                s.event))
                .isEqualTo(1);
    }

    @Test
    void unpublishWhenScheduledThenCancelledAndTheJobAnnouncesNothing() {
        ResultsScenario s = scenario();
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        Instant at = Instant.now().plus(Duration.ofHours(1));
        s.api.post(s.organizer, s.results("/publish"), Map.of("at", at.toString())).expect(200);

        s.api.call(
                        HttpMethod.POST,
                        s.organizer,
                        s.results("/unpublish"),
                        Map.of("reason", "Falta revisar"))
                .expect(200);
        clock.set(at.plus(Duration.ofMinutes(1)));
        context.getBean("resultsPublicationJob", PeriodicTask.class).runNow().block();

        s.api.get(null, s.results("")).problem(404, "not-found");
        assertThat(notified(s.a.captain().id(), s.event)).isZero();
    }

    private long notified(UUID user, UUID event) {
        return count(
                "select count(*) from notifications where user_id = $1 and event_id = $2"
                        + " and kind = 'results.awarded'",
                user,
                event);
    }
}
