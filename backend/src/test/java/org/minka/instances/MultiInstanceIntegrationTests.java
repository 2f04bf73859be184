package org.minka.instances;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.minka.notification.Notification;
import org.minka.notification.Notifier;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Two instances on one PostgreSQL and one S3 ({@link TwoInstances}): a client that alternates
 * between them request by request goes through a citizen's and an organizer's whole journey; every
 * cluster-singleton job runs on one instance at a time and does its work once; idempotency keys and
 * write rate limits hold across both.
 */
class MultiInstanceIntegrationTests extends IntegrationTest {

    private static final String BOUNDARY = "minka-test-boundary-2Instances";
    private static final String DATASET =
            "https://www.datosabiertos.gob.pe/dataset/vacunaci%C3%B3n-contra-covid-19-ministerio-de-salud-minsa";

    /** The jobs that must run on one instance at a time, by bean name. */
    private static final List<String> SINGLETON_JOBS =
            List.of(
                    "phaseReminderJob",
                    "catalogRefreshJob",
                    "uploadReaperJob",
                    "emailOutboxJob",
                    "emailDigestJob",
                    "idempotencyReaper",
                    "rateLimitPurge",
                    "recognitionRankingJob",
                    "votingKeyRotation",
                    "votingFraudScanJob",
                    "resultsPublicationJob");

    private static TwoInstances instances;

    @BeforeEach
    void instancesStarted() {
        // this class's first test starts two contexts on a shared, busy machine: be patient
        fixtures =
                new Fixtures(web.mutate().responseTimeout(Duration.ofMinutes(2)).build(), tokens);
        if (instances == null) {
            instances = new TwoInstances();
        }
    }

    @AfterAll
    static void instancesStopped() {
        if (instances != null) {
            instances.close();
            instances = null;
        }
    }

    private static int rounds() {
        return Integer.getInteger("minka.race.rounds", 1);
    }

    // ---- the journeys ----------------------------------------------------------------------

    @Test
    void journeysWhenRequestsAlternateBetweenInstancesThenCitizenAndOrganizerFinish() {
        TwoInstances.Served served = new TwoInstances.Served();
        WebTestClient client = instances.alternating(TwoInstances.freshAddress(), served);
        Api api = new Api(client, fixtures);
        User organizer = fixtures.admin();

        // organizer: an event, two challenges, its phases, published
        Map<String, Object> body = new HashMap<>(fixtures.eventBody(fixtures.slug()));
        body.put(
                "settings",
                Map.of(
                        "teamSizeMax",
                        5,
                        "allowedArtifactTypes",
                        List.of("ipynb", "csv"),
                        "maxFileBytes",
                        10L * 1024 * 1024,
                        "maxTeamBytes",
                        100L * 1024 * 1024));
        UUID event = api.post(organizer, "/api/v1/events", body).expect(201).id();
        UUID challenge =
                api.post(
                                organizer,
                                "/api/v1/events/{e}/challenges",
                                Fixtures.challengeBody("Vacunación"),
                                event)
                        .expect(201)
                        .id();
        api.post(organizer, "/api/v1/events/{e}/challenges", Fixtures.challengeBody("Agua"), event)
                .expect(201);
        api.call(
                        HttpMethod.PUT,
                        organizer,
                        "/api/v1/events/{e}/phases",
                        Map.of("phases", Fixtures.phases(Instant.now())),
                        event)
                .expect(200);
        api.post(organizer, "/api/v1/events/{e}/publish", null, event).expect(200);

        // citizens: register, a team, a second citizen joins by code, the team enters a challenge
        User captain = api.registered(event);
        Api.Reply team = api.team(event, captain);
        UUID teamId = team.id();
        User member = api.registered(event);
        api.join(event, member, team.json("$.joinCode"));
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/challenges",
                        Map.of("challengeId", challenge.toString()),
                        event,
                        teamId)
                .expect(200);
        User other = api.registered(event);
        UUID otherTeam = api.team(event, other).id();
        User mover = api.registered(event);
        api.join(
                event,
                mover,
                api.get(other, "/api/v1/events/{e}/teams/{t}", event, otherTeam)
                        .expect(200)
                        .json("$.joinCode"));

        // organizer: lists teams, exports them, moves a citizen into the first team
        assertThat(
                        api.get(organizer, "/api/v1/events/{e}/teams", event)
                                .expect(200)
                                .<List<String>>json("$.items[*].id"))
                .containsExactlyInAnyOrder(teamId.toString(), otherTeam.toString());
        String csv =
                api.get(organizer, "/api/v1/events/{e}/teams/export", event).expect(200).body();
        assertThat(csv).contains(team.<String>json("$.name"));
        api.post(
                        organizer,
                        "/api/v1/events/{e}/teams/{t}/members/{u}/move",
                        Map.of("toTeamId", teamId.toString()),
                        event,
                        otherTeam,
                        mover.id())
                .expect(200);
        assertThat(
                        api.get(captain, "/api/v1/events/{e}/teams/{t}", event, teamId)
                                .expect(200)
                                .<List<String>>json("$.members[*].userId"))
                .contains(captain.id().toString(), member.id().toString(), mover.id().toString());
        api.closeRegistration(event, organizer);

        // the team: a submission, a notebook, submitted, and its preview
        UUID submission =
                api.post(
                                captain,
                                "/api/v1/events/{e}/submissions",
                                submissionBody(teamId, challenge),
                                event)
                        .expect(201)
                        .id();
        Map<?, ?> artifact = upload(client, submission, member, "test4.ipynb");
        assertThat(artifact.get("hasPreview")).isEqualTo(true);
        int status = api.post(captain, "/api/v1/submissions/{s}/submit", null, submission).status();
        assertThat(status).isIn(200, 201);
        String html =
                client.get()
                        .uri(
                                "/api/v1/submissions/{s}/artifacts/{a}/preview",
                                submission,
                                artifact.get("id"))
                        .headers(h -> h.setBearerAuth(member.token()))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody();
        assertThat(html).contains("<");
        assertThat(
                        api.get(member, "/api/v1/submissions/{s}", submission)
                                .expect(200)
                                .<Integer>json("$.latestVersion"))
                .isEqualTo(1);

        assertThat(served.at(instances.one)).isGreaterThan(10);
        assertThat(served.at(instances.two)).isGreaterThan(10);
        assertThat(Math.abs(served.at(instances.one) - served.at(instances.two))).isLessThan(2);
    }

    private static Map<String, Object> submissionBody(UUID team, UUID challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("teamId", team.toString());
        body.put("challengeId", challenge.toString());
        body.put("title", "Brechas de vacunación por distrito");
        body.put("summary", "Cruzamos la vacunación con el padrón.");
        body.put("datasets", List.of(Map.of("url", DATASET, "title", "Vacunación")));
        body.put("licence", "CC-BY-4.0");
        return body;
    }

    private static Map<?, ?> upload(
            WebTestClient client, UUID submission, User user, String notebook) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of("src/test/resources/notebooks", notebook));
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        String head =
                "--"
                        + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                        + notebook
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        Flux<DataBuffer> body =
                Flux.just(wrap(head.getBytes(StandardCharsets.UTF_8)), wrap(bytes))
                        .concatWith(
                                Mono.fromSupplier(
                                        () -> wrap(tail.getBytes(StandardCharsets.UTF_8))));
        return client.post()
                .uri("/api/v1/submissions/{id}/artifacts?kind=NOTEBOOK", submission)
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(
                        new MediaType(MediaType.MULTIPART_FORM_DATA, Map.of("boundary", BOUNDARY)))
                .body(body, DataBuffer.class)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private static DataBuffer wrap(byte[] bytes) {
        return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
    }

    // ---- the event facts each instance keeps (issue 12) -------------------------------------

    /**
     * Instance B keeps a mentor's standing in memory; the organizer revokes the role on instance A;
     * once B's listener has heard the database's NOTIFY, B refuses the former mentor. The wait is
     * for the NOTIFY itself, not for a time.
     */
    @Test
    void revokeRoleWhenOnOneInstanceThenTheOtherForgetsWhatItKept() {
        Api a = new Api(instances.client(instances.one, TwoInstances.freshAddress()), fixtures);
        Api b = new Api(instances.client(instances.two, TwoInstances.freshAddress()), fixtures);
        User organizer = fixtures.admin();
        User mentor = fixtures.user("mentor");
        UUID event =
                a.post(organizer, "/api/v1/events", fixtures.eventBody(fixtures.slug()))
                        .expect(201)
                        .id();
        a.post(organizer, "/api/v1/events/{e}/publish", null, event).expect(200);
        UUID membership =
                a.post(
                                organizer,
                                "/api/v1/events/{e}/memberships",
                                Map.of("userId", mentor.id().toString(), "role", "MENTOR"),
                                event)
                        .expect(201)
                        .id();
        String queue = "/api/v1/events/{e}/help-requests";
        b.get(mentor, queue, event).expect(200);
        b.get(mentor, queue, event).expect(200);
        assertThat(org.minka.event.EventFactsSync.active(instances.two))
                .as("instance B keeps event facts")
                .isTrue();
        long heard = org.minka.event.EventFactsSync.heard(instances.two);

        a.delete(organizer, "/api/v1/events/{e}/memberships/{m}", event, membership).expect(204);
        org.minka.event.EventFactsSync.awaitHeard(instances.two, heard);

        b.get(mentor, queue, event).problem(403, "forbidden");
        a.get(mentor, queue, event).problem(403, "forbidden");
    }

    // ---- jobs ------------------------------------------------------------------------------

    private static PeriodicTask job(ConfigurableApplicationContext context, String name) {
        return context.getBean(name, PeriodicTask.class);
    }

    @Test
    void everyJobWhenAnotherInstanceRunsItThenSkippedHereAndRunsOnceFreed() {
        for (int round = 0; round < rounds(); round++) {
            everyJobRound();
        }
    }

    private void everyJobRound() {
        assertThat(job(instances.one, "notificationHeartbeat").isClusterSingleton()).isFalse();
        ClusterLocks locks = instances.one.getBean(ClusterLocks.class);
        for (String name : SINGLETON_JOBS) {
            PeriodicTask here = job(instances.one, name);
            PeriodicTask there = job(instances.two, name);
            assertThat(here.isClusterSingleton()).as(name).isTrue();
            Sinks.One<Void> release = Sinks.one();
            Sinks.One<Void> held = Sinks.one();
            Mono<Boolean> holding =
                    locks.runExclusive(
                                    there.name(),
                                    () -> {
                                        held.tryEmitEmpty();
                                        return release.asMono();
                                    })
                            .cache();
            holding.subscribe();
            held.asMono().block(Duration.ofSeconds(10));
            assertThat(there.runNow().block(Duration.ofSeconds(30)))
                    .as(name + " on the other instance while this one runs it")
                    .isFalse();
            release.tryEmitEmpty();
            assertThat(holding.block(Duration.ofSeconds(10))).isTrue();
            assertThat(there.runNow().block(Duration.ofSeconds(60)))
                    .as(name + " once the lock is free")
                    .isTrue();
        }
    }

    @Test
    void phaseRemindersWhenTriggeredOnBothInstancesAtOnceThenOneReminderPerUser() {
        for (int round = 0; round < rounds(); round++) {
            User organizer = fixtures.admin();
            Api api = new Api(web, fixtures);
            UUID event = api.event(organizer, null);
            User first = api.registered(event);
            User second = api.registered(event);
            Instant now = Instant.now();
            List<Map<String, Object>> phases =
                    List.of(
                            Fixtures.window(
                                    "REGISTRATION",
                                    now.minus(Duration.ofDays(1)),
                                    now.plus(Duration.ofHours(2))),
                            Fixtures.window(
                                    "SUBMISSION",
                                    now.plus(Duration.ofHours(2)),
                                    now.plus(Duration.ofDays(10))),
                            Fixtures.window(
                                    "JUDGING",
                                    now.plus(Duration.ofDays(10)),
                                    now.plus(Duration.ofDays(20))),
                            Fixtures.window(
                                    "VOTING",
                                    now.plus(Duration.ofDays(11)),
                                    now.plus(Duration.ofDays(20))),
                            Fixtures.window(
                                    "RESULTS",
                                    now.plus(Duration.ofDays(20)),
                                    now.plus(Duration.ofDays(30))));
            api.call(
                            HttpMethod.PUT,
                            organizer,
                            "/api/v1/events/{e}/phases",
                            Map.of("phases", phases),
                            event)
                    .expect(200);

            bothAtOnce("phaseReminderJob");

            for (User user : List.of(first, second, organizer)) {
                assertThat(reminders(user, event, Notification.PHASE_CLOSING)).isEqualTo(1);
                assertThat(reminders(user, event, Notification.PHASE_OPENING)).isEqualTo(1);
            }
            bothAtOnce("phaseReminderJob");
            assertThat(reminders(first, event, Notification.PHASE_CLOSING)).isEqualTo(1);
        }
    }

    private long reminders(User user, UUID event, String kind) {
        return count(
                "select count(*) from notifications where user_id = $1 and event_id = $2 and kind = $3",
                user.id(),
                event,
                kind);
    }

    /** Runs the job on both instances at the same moment; at least one of them ran it. */
    private static void bothAtOnce(String job) {
        List<Boolean> ran =
                Flux.merge(job(instances.one, job).runNow(), job(instances.two, job).runNow())
                        .collectList()
                        .block(Duration.ofSeconds(120));
        assertThat(ran).hasSize(2).contains(true);
    }

    @Test
    void emailOutboxWhenDrainedOnBothInstancesAtOnceThenEachEmailSentOnce() throws Exception {
        for (int round = 0; round < rounds(); round++) {
            User user = fixtures.user("mailed");
            new Api(instances.client(instances.one, TwoInstances.freshAddress()), fixtures)
                    .call(
                            HttpMethod.PUT,
                            user,
                            "/api/v1/me/notifications/email",
                            Map.of("mode", "EACH", "language", "es"))
                    .expect(200);
            Notifier notifier = instances.two.getBean(Notifier.class);
            for (int i = 0; i < 3; i++) {
                notifier.notify(
                                user.id(),
                                null,
                                Notification.TEAM_INVITATION,
                                Map.of("teamName", "Equipo " + i))
                        .block(Duration.ofSeconds(10));
            }
            assertThat(
                            count(
                                    "select count(*) from notification_email_outbox where user_id = $1",
                                    user.id()))
                    .isEqualTo(3);

            bothAtOnce("emailOutboxJob");
            bothAtOnce("emailOutboxJob");

            assertThat(
                            count(
                                    "select count(*) from notification_email_outbox where user_id = $1"
                                            + " and status = 'SENT' and attempts = 1",
                                    user.id()))
                    .isEqualTo(3);
            assertThat(to(user)).hasSize(3);
        }
    }

    private static List<MimeMessage> to(User user) {
        return Arrays.stream(instances.smtp.getReceivedMessages())
                .filter(message -> addressedTo(message, user.email()))
                .toList();
    }

    private static boolean addressedTo(MimeMessage message, String email) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients).anyMatch(a -> a.toString().equals(email));
        } catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    // ---- idempotency keys ------------------------------------------------------------------

    @Test
    void idempotentPostWhenRetriedOnTheOtherInstanceThenSameAnswerReplayed() {
        User admin = fixtures.admin();
        String address = TwoInstances.freshAddress();
        String key = "retry-" + UUID.randomUUID();
        Map<String, Object> body = fixtures.eventBody(fixtures.slug());
        var first = keyed(instances.client(instances.one, address), admin, key, body);
        var retry = keyed(instances.client(instances.two, address), admin, key, body);
        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(count("select count(*) from events where slug = $1", body.get("slug")))
                .isEqualTo(1);
    }

    @Test
    void idempotentPostWhenSentToBothInstancesAtOnceThenOneResource() {
        for (int round = 0; round < rounds(); round++) {
            // a caller per round, so that the rounds stay under the write rate limits
            User admin = fixtures.admin();
            String address = TwoInstances.freshAddress();
            String key = "race-" + UUID.randomUUID();
            Map<String, Object> body = fixtures.eventBody(fixtures.slug());
            List<Integer> statuses =
                    Flux.merge(
                                    Mono.fromCallable(
                                                    () ->
                                                            keyed(
                                                                    instances.client(
                                                                            instances.one, address),
                                                                    admin,
                                                                    key,
                                                                    body))
                                            .subscribeOn(
                                                    reactor.core.scheduler.Schedulers
                                                            .boundedElastic()),
                                    Mono.fromCallable(
                                                    () ->
                                                            keyed(
                                                                    instances.client(
                                                                            instances.two, address),
                                                                    admin,
                                                                    key,
                                                                    body))
                                            .subscribeOn(
                                                    reactor.core.scheduler.Schedulers
                                                            .boundedElastic()))
                            .map(result -> result.getStatus().value())
                            .collectList()
                            .block(Duration.ofSeconds(60));
            // the loser either replays the winner's 201 or is told the first is still running
            assertThat(statuses).contains(201).allMatch(s -> s == 201 || s == 409);
            assertThat(count("select count(*) from events where slug = $1", body.get("slug")))
                    .isEqualTo(1);
        }
    }

    @Test
    void keyedPostWithoutBodyWhenSentOnceThenRunsOnceAndReplaysOnTheOtherInstance() {
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        UUID event = api.event(admin, null);
        User captain = api.registered(event);
        UUID team = api.team(event, captain).id();
        String key = "rotate-" + UUID.randomUUID();
        String address = TwoInstances.freshAddress();
        String rotated =
                rotate(instances.client(instances.one, address), captain, event, team, key);
        Api other = new Api(instances.client(instances.two, address), fixtures);
        // a second run of the handler would have rotated the code again
        assertThat(
                        other.get(captain, "/api/v1/events/{e}/teams/{t}", event, team)
                                .expect(200)
                                .<String>json("$.joinCode"))
                .isEqualTo(rotated);
        assertThat(rotate(instances.client(instances.two, address), captain, event, team, key))
                .isEqualTo(rotated);
        assertThat(
                        other.get(captain, "/api/v1/events/{e}/teams/{t}", event, team)
                                .expect(200)
                                .<String>json("$.joinCode"))
                .isEqualTo(rotated);
    }

    private static String rotate(
            WebTestClient client, User user, UUID event, UUID team, String key) {
        Map<?, ?> code =
                client.post()
                        .uri("/api/v1/events/{e}/teams/{t}/join-code", event, team)
                        .headers(
                                h -> {
                                    h.setBearerAuth(user.token());
                                    h.set("Idempotency-Key", key);
                                })
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        return (String) code.get("joinCode");
    }

    private static org.springframework.test.web.reactive.server.EntityExchangeResult<String> keyed(
            WebTestClient client, User user, String key, Map<String, Object> body) {
        return client.post()
                .uri("/api/v1/events")
                .headers(
                        h -> {
                            h.setBearerAuth(user.token());
                            h.set("Idempotency-Key", key);
                        })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody(String.class)
                .returnResult();
    }

    // ---- rate limits on writes ---------------------------------------------------------------

    @Test
    void writesWhenUserPassesLimitAcrossInstancesThenRefusedAtLimitPlusOneWithRetryAfter() {
        for (int round = 0; round < rounds(); round++) {
            userLimitRound();
        }
    }

    private void userLimitRound() {
        User user = fixtures.user("busy");
        WebTestClient client =
                instances.alternating(TwoInstances.freshAddress(), new TwoInstances.Served());
        for (int i = 1; i <= TwoInstances.PER_USER; i++) {
            preferences(client, user).expectStatus().isOk();
        }
        Instant before = databaseNow();
        var refused = preferences(client, user).expectBody(String.class).returnResult();
        Instant after = databaseNow();
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseHeaders().getContentType())
                .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getResponseBody()).contains("https://minka.dev/problems/rate-limited");
        long retryAfter = retryAfter(refused);
        Instant end = windowEnd("write:user:" + user.id());
        assertThat(retryAfter)
                .isBetween(seconds(before, after, end)[0], seconds(before, after, end)[1])
                .isPositive()
                .isLessThanOrEqualTo(TwoInstances.WINDOW.toSeconds());
        preferences(client, user).expectStatus().isEqualTo(429);
        assertThat(
                        count(
                                "select count::bigint from rate_limit_counters where key = $1",
                                "write:user:" + user.id()))
                .isEqualTo(TwoInstances.PER_USER + 2L);
        // reads are not limited
        for (int i = 0; i < TwoInstances.PER_USER + 2; i++) {
            client.get()
                    .uri("/api/v1/me/notifications/email")
                    .headers(h -> h.setBearerAuth(user.token()))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        // another user from the same address is not limited by this user's count
        preferences(client, fixtures.user("calm")).expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec preferences(WebTestClient client, User user) {
        return client.put()
                .uri("/api/v1/me/notifications/email")
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "OFF", "language", "es"))
                .exchange();
    }

    /**
     * The bounds of Retry-After for a request answered between {@code before} and {@code after}.
     */
    private static long[] seconds(Instant before, Instant after, Instant end) {
        return new long[] {
            (long) Math.ceil(Duration.between(after, end).toMillis() / 1000.0) - 1,
            (long) Math.ceil(Duration.between(before, end).toMillis() / 1000.0) + 1
        };
    }

    private static long retryAfter(
            org.springframework.test.web.reactive.server.EntityExchangeResult<String> result) {
        String value = result.getResponseHeaders().getFirst("Retry-After");
        assertThat(value).as("Retry-After").isNotNull().matches("[0-9]+");
        return Long.parseLong(value);
    }

    @Test
    void writesWhenAnonymousFromOneAddressPassLimitThenRefusedByAddressAndReadsStillServed() {
        for (int round = 0; round < rounds(); round++) {
            addressLimitRound();
        }
    }

    private void addressLimitRound() {
        String address = TwoInstances.freshAddress();
        WebTestClient client = instances.alternating(address, new TwoInstances.Served());
        for (int i = 1; i <= TwoInstances.PER_IP; i++) {
            anonymousWrite(client).expectStatus().isUnauthorized();
        }
        Instant before = databaseNow();
        var refused = anonymousWrite(client).expectBody(String.class).returnResult();
        Instant after = databaseNow();
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseBody()).contains("https://minka.dev/problems/rate-limited");
        Instant end = windowEnd("write:ip:" + normalized(address));
        assertThat(retryAfter(refused))
                .isBetween(seconds(before, after, end)[0], seconds(before, after, end)[1]);
        // a signed-in user from that address is refused too: the address is over its limit
        User user = fixtures.user("neighbour");
        preferences(client, user).expectStatus().isEqualTo(429);
        preferences(instances.client(instances.two, TwoInstances.freshAddress()), user)
                .expectStatus()
                .isOk();
        for (int i = 0; i < 4; i++) {
            client.get().uri("/api/v1/events").exchange().expectStatus().isOk();
        }
    }

    private static String normalized(String address) {
        try {
            return java.net.InetAddress.getByName(address).getHostAddress();
        } catch (java.net.UnknownHostException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static WebTestClient.ResponseSpec anonymousWrite(WebTestClient client) {
        return client.post()
                .uri("/api/v1/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("slug", "x"))
                .exchange();
    }

    private Instant databaseNow() {
        return db.sql("select clock_timestamp() as now")
                .map((row, meta) -> row.get("now", Instant.class))
                .one()
                .block(Duration.ofSeconds(10));
    }

    private Instant windowEnd(String key) {
        return db.sql("select window_end from rate_limit_counters where key = $1")
                .bind(0, key)
                .map((row, meta) -> row.get("window_end", Instant.class))
                .one()
                .block(Duration.ofSeconds(10));
    }

    // voting: a cast on one instance reaches a tally stream on the other; the vote limit is shared

    @Test
    void voteCastOnOneInstanceReachesTheOthersTallyStreamAndVoteLimitHoldsAcrossBoth()
            throws Exception {
        org.minka.voting.VotingScenario s =
                new org.minka.voting.VotingScenario(
                        web,
                        db,
                        fixtures,
                        org.minka.voting.VotingScenario.voting(
                                "liveTallies", true, "votesPerVoter", 10));
        List<UUID> submissions = s.submissions(s.health, TwoInstances.VOTES_PER_VOTER + 1);
        User voter = fixtures.user("voter");
        String address = TwoInstances.freshAddress();
        String stream =
                "http://localhost:"
                        + TwoInstances.port(instances.two)
                        + s.eventPath()
                        + "/voting/tallies/stream";
        try (org.minka.voting.TallyStreams streams = new org.minka.voting.TallyStreams(1)) {
            streams.open(stream, null);
            assertThat(streams.await(t -> t.contains("\"votes\":0"), Duration.ofSeconds(60)))
                    .isTrue();

            vote(instances.client(instances.one, address), s, voter, submissions.get(0))
                    .expectStatus()
                    .isCreated();

            assertThat(streams.await(t -> t.contains("\"votes\":1"), Duration.ofSeconds(30)))
                    .as("the other instance's stream got the vote")
                    .isTrue();
        }
        WebTestClient both = instances.alternating(address, new TwoInstances.Served());
        // a cast refused before the ballot statement (no such submission) counts too
        vote(both, s, voter, UUID.randomUUID()).expectStatus().isEqualTo(422);
        for (int i = 1; i < TwoInstances.VOTES_PER_VOTER - 1; i++) {
            vote(both, s, voter, submissions.get(i)).expectStatus().isCreated();
        }
        vote(both, s, voter, submissions.get(TwoInstances.VOTES_PER_VOTER))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/rate-limited");
        assertThat(s.count("select count(*) from voting_ballots where voter_id = $1", voter.id()))
                .isEqualTo(TwoInstances.VOTES_PER_VOTER - 1L);
        // voting's own limits counted every cast, in the ballot statement (the address under its
        // HMAC with the event's key, never raw); the general write limits (per user and per
        // address) skipped them
        assertThat(
                        s.count(
                                "select count::bigint from voting_rate_counters where key = $1",
                                "vote:user:" + voter.id()))
                .isEqualTo(TwoInstances.VOTES_PER_VOTER + 1L);
        assertThat(
                        s.count(
                                "select count::bigint from voting_rate_counters where key = $1",
                                "vote:ip:" + addressHash(s, normalized(address))))
                .isEqualTo(TwoInstances.VOTES_PER_VOTER + 1L);
        assertThat(
                        s.count(
                                "select count(*) from voting_rate_counters where key like $1",
                                "%" + normalized(address) + "%"))
                .as("no raw address")
                .isZero();
        assertThat(
                        s.count(
                                "select count(*) from rate_limit_counters where key in ($1, $2)",
                                "write:user:" + voter.id(),
                                "write:ip:" + normalized(address)))
                .isZero();
    }

    /** HMAC-SHA256 of the address under the event's voting key, in hex (as voting keys it). */
    private String addressHash(org.minka.voting.VotingScenario s, String address) {
        byte[] secret =
                db.sql("select secret from voting_keys where event_id = $1")
                        .bind(0, s.event)
                        .map((row, meta) -> row.get(0, byte[].class))
                        .one()
                        .block();
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
            return java.util.HexFormat.of()
                    .formatHex(
                            mac.doFinal(address.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebTestClient.ResponseSpec vote(
            WebTestClient client, org.minka.voting.VotingScenario s, User voter, UUID submission) {
        return client.post()
                .uri(s.eventPath() + "/voting/ballots")
                .headers(h -> h.setBearerAuth(voter.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("submissionId", submission.toString()))
                .exchange();
    }
}
