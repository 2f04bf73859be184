package org.minka.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.certificate.Certificates;
import org.minka.storage.ObjectStore;
import org.minka.support.Api;
import org.minka.support.CertificatePdfs;
import org.minka.support.ContractCheck;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.ProxiedStorage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issue 15 item 3: an event's certificate run for participants, mentors and judges, worked off by
 * the background worker (run here by the test), re-run, run twice at once, interrupted by a storage
 * outage and by an instance that died, and the organizers' revocation. The object store is reached
 * through a proxy the test cuts (the context is shared with the storage outage tests).
 */
@Import(ProxiedStorage.Config.class)
class EventCertificateRunIntegrationTests extends IntegrationTest {

    @Autowired EventCertificateWorker worker;
    @Autowired ObjectStore store;
    @Autowired Certificates certificates;
    @Autowired EventCertificateRunRepository runs;
    @Autowired List<CertificateSource> sources;

    private static final String PDFS = "certificates/";

    /** The contract is parsed before the first request, not inside its response timeout. */
    @BeforeAll
    static void contractParsed() {
        ContractCheck.validator();
    }

    @BeforeEach
    void bucketReady() {
        store.ensureBucket().block();
    }

    @AfterEach
    void heal() {
        ProxiedStorage.PROXY.heal();
    }

    private Api.Reply start(EventCertificateScenario s, Object body) {
        return s.api.post(s.organizer, s.runs(), body).expect(202);
    }

    private Api.Reply latest(EventCertificateScenario s) {
        return s.api.get(s.organizer, s.runs() + "/latest").expect(200);
    }

    private long certificates(EventCertificateScenario s, String kind) {
        return count(
                "select count(*) from certificates where subject_id = $1 and kind = $2",
                s.event,
                kind);
    }

    private String code(EventCertificateScenario s, String kind, User user) {
        return s.db.sql(
                        "select code from certificates where kind = $1 and subject_id = $2"
                                + " and recipient_id = $3")
                .bind(0, kind)
                .bind(1, s.event)
                .bind(2, user.id())
                .map((row, meta) -> row.get(0, String.class))
                .one()
                .block();
    }

    private byte[] pdf(String code) {
        return web.get()
                .uri("/api/v1/certificates/{code}/pdf", code)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
    }

    private static String text(byte[] pdf) throws Exception {
        assertThat(CertificatePdfs.pages(pdf)).isEqualTo(1);
        return CertificatePdfs.text(pdf);
    }

    @Test
    void runWhenResultsOpenThenParticipantsMentorAndJudgeWhoTookPartCertifiedInTheirLanguage()
            throws Exception {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        s.api.call(
                        org.springframework.http.HttpMethod.PUT,
                        s.teamB.member(),
                        "/api/v1/me/notifications/email",
                        Map.of("mode", "EACH", "language", "en"))
                .expect(200);

        Api.Reply started = start(s, Map.of("language", "es"));
        assertThat(started.<String>json("$.state")).isEqualTo("COLLECTING");
        assertThat(started.<Integer>json("$.done")).isZero();
        worker.runOnce().block();

        Api.Reply run = latest(s);
        assertThat(run.<String>json("$.id")).isEqualTo(started.<String>json("$.id"));
        assertThat(run.<String>json("$.state")).isEqualTo("DONE");
        assertThat(run.<Integer>json("$.total")).isEqualTo(6);
        assertThat(run.<Integer>json("$.done")).isEqualTo(6);
        assertThat(run.<Integer>json("$.failed")).isZero();
        assertThat(certificates(s, "participation")).isEqualTo(4);
        assertThat(certificates(s, "mentoring")).isEqualTo(1);
        assertThat(certificates(s, "judging")).isEqualTo(1);
        for (User u : s.participants()) {
            assertThat(code(s, "participation", u)).isNotNull();
        }
        assertThat(code(s, "participation", s.drafter.captain())).isNull();
        assertThat(code(s, "mentoring", s.mentor)).isNotNull();
        assertThat(code(s, "mentoring", s.idleMentor)).isNull();
        assertThat(code(s, "mentoring", s.teamA.member())).isNull();
        assertThat(code(s, "judging", s.judge)).isNotNull();
        assertThat(code(s, "judging", s.idleJudge)).isNull();

        String code = code(s, "participation", s.teamA.captain());
        Api.Reply view = s.api.get(null, "/api/v1/certificates/{code}", code).expect(200);
        assertThat(view.<String>json("$.language")).isEqualTo("es");
        byte[] pdf = pdf(code);
        String text = text(pdf);
        assertThat(text)
                .contains("CERTIFICADO")
                .contains("Se certifica que")
                .contains("User captain-")
                .contains("participó como integrante del equipo")
                .contains(s.teamA.name())
                .contains("Datatón")
                .contains("Código de verificación: " + code);
        assertThat(CertificatePdfs.qr(pdf))
                .isEqualTo(view.<String>json("$.verifyUrl"))
                .endsWith("/api/v1/certificates/" + code);

        String english = code(s, "participation", s.teamB.member());
        assertThat(text(pdf(english)))
                .contains("CERTIFICATE")
                .contains("took part as a member of the team")
                .contains(s.teamB.name());
        assertThat(text(pdf(code(s, "judging", s.judge))))
                .contains("integró el jurado y evaluó las soluciones presentadas");
        assertThat(text(pdf(code(s, "mentoring", s.mentor))))
                .contains("acompañó como mentor o mentora a los equipos participantes");
    }

    @Test
    void workerWhenRunningInTheBackgroundAndWokenThenTheRunFinishesWithoutATestPass() {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        EventCertificateWorker background =
                new EventCertificateWorker(
                        runs,
                        sources,
                        certificates,
                        true,
                        Duration.ofHours(1),
                        Duration.ofHours(1),
                        Duration.ofMinutes(5));
        background.start();
        try {
            UUID run = UUID.fromString(start(s, null).<String>json("$.id"));
            background.wake();

            EventCertificateRunRepository.Run done =
                    Mono.defer(() -> runs.find(run))
                            .filter(r -> r.state() == EventCertificateRun.State.DONE)
                            .repeatWhenEmpty(polls -> polls.delayElements(Duration.ofMillis(100)))
                            .timeout(Duration.ofSeconds(60))
                            .block();

            assertThat(done.finishedAt()).isNotNull();
            assertThat(latest(s).<Integer>json("$.done")).isEqualTo(6);
        } finally {
            background.stop();
        }
        assertThat(background.isRunning()).isFalse();
    }

    @Test
    void rerunWhenAllIssuedThenCountedDoneAndNothingIssuedTwice() {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        start(s, null);
        worker.runOnce().block();
        String before = code(s, "participation", s.teamA.member());
        long pdfs = store.list(PDFS).count().block();

        Api.Reply second = start(s, Map.of("language", "en"));
        worker.runOnce().block();

        Api.Reply run = latest(s);
        assertThat(run.<String>json("$.id")).isEqualTo(second.<String>json("$.id"));
        assertThat(run.<String>json("$.state")).isEqualTo("DONE");
        assertThat(run.<Integer>json("$.done")).isEqualTo(6);
        assertThat(code(s, "participation", s.teamA.member())).isEqualTo(before);
        assertThat(certificates(s, "participation")).isEqualTo(4);
        assertThat(store.list(PDFS).count().block()).isEqualTo(pdfs);
        assertThat(
                        count(
                                "select count(*) from results_certificate_issued where event_id = $1",
                                s.event))
                .isEqualTo(6);
    }

    private Api.Reply startWithKey(EventCertificateScenario s, String key) {
        var result =
                web.post()
                        .uri(s.runs())
                        .headers(h -> h.setBearerAuth(s.organizer.token()))
                        .header("Idempotency-Key", key)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("language", "es"))
                        .exchange()
                        .expectBody(String.class)
                        .returnResult();
        return new Api.Reply(
                result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders());
    }

    @Test
    void startWhenRetriedWithIdempotencyKeyThenTheSameRunAndOneRow() {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        String key = UUID.randomUUID().toString();

        Api.Reply first = startWithKey(s, key).expect(202);
        Api.Reply again = startWithKey(s, key).expect(202);

        assertThat(again.<String>json("$.id")).isEqualTo(first.<String>json("$.id"));
        assertThat(
                        count(
                                "select count(*) from results_certificate_runs where event_id = $1",
                                s.event))
                .isEqualTo(1);
    }

    @Test
    void runWhenStartedAndWorkedConcurrentlyThenOneRunAndEachCertificateIssuedOnce() {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        long pdfs = store.list(PDFS).count().block();

        List<String> ids =
                Flux.just(s.organizer, s.admin)
                        .flatMap(
                                who ->
                                        Mono.fromCallable(
                                                        () ->
                                                                s.api.post(who, s.runs(), null)
                                                                        .expect(202)
                                                                        .<String>json("$.id"))
                                                .subscribeOn(Schedulers.boundedElastic()))
                        .collectList()
                        .block();
        assertThat(ids).hasSize(2).containsOnly(ids.get(0));
        UUID run = UUID.fromString(ids.get(0));
        List<Boolean> finished =
                Flux.range(0, 3)
                        .flatMap(i -> worker.work(run).subscribeOn(Schedulers.parallel()))
                        .collectList()
                        .block();

        assertThat(finished).contains(true);
        Api.Reply done = latest(s);
        assertThat(done.<String>json("$.state")).isEqualTo("DONE");
        assertThat(done.<Integer>json("$.done")).isEqualTo(6);
        assertThat(count("select count(*) from certificates where subject_id = $1", s.event))
                .isEqualTo(6);
        assertThat(store.list(PDFS).count().block()).isEqualTo(pdfs + 6);
    }

    @Test
    void runWhenStorageDiesMidRunThenFailuresWithReasonCodeAndRerunFinishesIt() {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        // team A's members got theirs before the outage (as from an earlier, interrupted run)
        for (User u : s.teamA.users()) {
            certificates
                    .issue(
                            new Certificates.Issue(
                                    "participation",
                                    s.event,
                                    u.id(),
                                    "Participante",
                                    "participó en un equipo",
                                    "Datatón",
                                    "es"))
                    .block();
        }
        start(s, null);
        ProxiedStorage.PROXY.cut();
        worker.runOnce().block();
        ProxiedStorage.PROXY.heal();

        Api.Reply failed = latest(s);
        assertThat(failed.<String>json("$.state")).isEqualTo("DONE");
        assertThat(failed.<Integer>json("$.done")).isEqualTo(2);
        assertThat(failed.<Integer>json("$.failed")).isEqualTo(4);
        assertThat(failed.<Integer>json("$.pending")).isZero();
        assertThat(failed.<List<String>>json("$.failures[*].reason"))
                .hasSize(4)
                .containsOnly("storage-unavailable");
        assertThat(failed.body()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(count("select count(*) from certificates where subject_id = $1", s.event))
                .isEqualTo(2);

        Api.Reply second = start(s, null);
        assertThat(second.<String>json("$.id")).isNotEqualTo(failed.<String>json("$.id"));
        worker.runOnce().block();

        Api.Reply rerun = latest(s);
        assertThat(rerun.<String>json("$.state")).isEqualTo("DONE");
        assertThat(rerun.<Integer>json("$.done")).isEqualTo(6);
        assertThat(rerun.<Integer>json("$.failed")).isZero();
        assertThat(count("select count(*) from certificates where subject_id = $1", s.event))
                .isEqualTo(6);
    }

    @Test
    void workWhenAnInstanceDiedHalfWayThenTheNextPassFinishesTheRunOnceItsClaimsAreStale() {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        UUID run = UUID.fromString(start(s, null).<String>json("$.id"));
        // an instance collected the run, claimed two certificates and died before issuing them
        Flux.fromIterable(sources)
                .concatMap(source -> source.due(s.event))
                .concatMap(issue -> runs.addItem(run, issue))
                .then(runs.collected(run))
                .then(runs.claim(run, Duration.ofMinutes(5)))
                .then(runs.claim(run, Duration.ofMinutes(5)))
                .block();

        worker.runOnce().block();
        Api.Reply waiting = latest(s);
        assertThat(waiting.<String>json("$.state")).isEqualTo("ISSUING");
        assertThat(waiting.<Integer>json("$.done")).isEqualTo(4);
        assertThat(waiting.<Integer>json("$.pending")).isEqualTo(2);

        s.sql(
                "update results_certificate_items set claimed_at = claimed_at - interval '1 hour'"
                        + " where run_id = $1 and state = 'WORKING'",
                run);
        worker.runOnce().block();

        Api.Reply resumed = latest(s);
        assertThat(resumed.<String>json("$.id")).isEqualTo(run.toString());
        assertThat(resumed.<String>json("$.state")).isEqualTo("DONE");
        assertThat(resumed.<Integer>json("$.total")).isEqualTo(6);
        assertThat(resumed.<Integer>json("$.done")).isEqualTo(6);
        assertThat(count("select count(*) from certificates where subject_id = $1", s.event))
                .isEqualTo(6);
    }

    @Test
    void startWhenBeforeResultsOrBadLanguageOrUnknownEventThenProblemAndNothingStored() {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        s.beforeResults();
        s.api.post(s.organizer, s.runs(), Map.of("language", "es")).problem(409, "phase-closed");
        s.openResults();
        s.api.post(s.organizer, s.runs(), Map.of("language", "fr"))
                .problem(400, "validation-failed");
        s.api.post(s.organizer, "/api/v1/events/{e}/certificates/runs", null, UUID.randomUUID())
                .problem(404, "not-found");
        s.api.get(s.organizer, s.runs() + "/latest").problem(404, "not-found");
        s.api.get(s.organizer, s.runs() + "/{id}", UUID.randomUUID()).problem(404, "not-found");
        s.api.get(s.organizer, "/api/v1/events/{e}/certificates?limit=0", s.event)
                .problem(400, "validation-failed");
        assertThat(
                        count(
                                "select count(*) from results_certificate_runs where event_id = $1",
                                s.event))
                .isZero();
    }

    @Test
    void revokeWhenOrganizerThenRevokedListedAsRevokedAndAuditedInTheEventLog() {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        start(s, null);
        worker.runOnce().block();
        String code = code(s, "judging", s.judge);
        String path = "/api/v1/certificates/{code}/revocation";
        Map<String, Object> body = Map.of("reason", "No evaluó ninguna solución");

        s.api.post(s.teamA.captain(), path, body, code).problem(403, "forbidden");
        s.api.post(s.mentor, path, body, code).problem(403, "forbidden");
        s.api.post(s.judge, path, body, code).problem(403, "forbidden");
        s.api.post(s.organizer, path, body, code).expect(200);

        assertThat(s.api.get(null, "/api/v1/certificates/{code}", code).<Boolean>json("$.revoked"))
                .isTrue();
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1"
                                        + " and action = 'certificate.revoked' and actor_id = $2"
                                        + " and details->>'code' = $3",
                                s.event,
                                s.organizer.id(),
                                code))
                .isEqualTo(1);

        Api.Reply first =
                s.api.get(s.organizer, "/api/v1/events/{e}/certificates?limit=4", s.event)
                        .expect(200);
        assertThat(first.<List<Object>>json("$.items")).hasSize(4);
        String cursor = first.json("$.nextCursor");
        Api.Reply second =
                s.api.get(
                                s.organizer,
                                "/api/v1/events/{e}/certificates?limit=4&cursor={c}",
                                s.event,
                                cursor)
                        .expect(200);
        assertThat(second.<List<Object>>json("$.items")).hasSize(2);
        assertThat(second.<String>json("$.nextCursor")).isNull();
        List<String> revoked =
                new java.util.ArrayList<>(
                        first.<List<String>>json("$.items[?(@.revoked == true)].code"));
        revoked.addAll(second.<List<String>>json("$.items[?(@.revoked == true)].code"));
        assertThat(revoked).containsExactly(code);
    }
}
