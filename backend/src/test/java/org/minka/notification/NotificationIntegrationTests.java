package org.minka.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.MinkaApplication;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.LocalServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** The inbox, the live stream, its resume, heartbeats, and delivery across instances. */
class NotificationIntegrationTests extends IntegrationTest {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE =
            new ParameterizedTypeReference<>() {};

    @Autowired Notifier notifier;

    private void raise(User user, String kind, int n) {
        notifier.notify(user.id(), null, kind, Map.of("n", n)).block(Duration.ofSeconds(10));
    }

    private Flux<ServerSentEvent<Map<String, Object>>> stream(
            WebTestClient client, User user, String lastEventId) {
        return client.get()
                .uri("/api/v1/me/notifications/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(
                        h -> {
                            h.setBearerAuth(user.token());
                            if (lastEventId != null) {
                                h.set("Last-Event-ID", lastEventId);
                            }
                        })
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(SSE)
                .getResponseBody();
    }

    /** Collects the first {@code n} events with an id, and counts down when connected. */
    private static java.util.concurrent.CompletableFuture<
                    List<ServerSentEvent<Map<String, Object>>>>
            collect(
                    Flux<ServerSentEvent<Map<String, Object>>> stream,
                    int n,
                    java.util.concurrent.CountDownLatch connected) {
        return stream.doOnNext(
                        e -> {
                            if ("connected".equals(e.comment())) {
                                connected.countDown();
                            }
                        })
                .filter(e -> e.id() != null)
                .take(n)
                .collectList()
                .toFuture();
    }

    private static <T> T await(
            java.util.concurrent.CountDownLatch connected,
            java.util.concurrent.CompletableFuture<T> result,
            Runnable then)
            throws Exception {
        assertThat(connected.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        then.run();
        return result.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void inboxCountsUnreadAndMarksRead() {
        User user = fixtures.user("reader");
        for (int i = 1; i <= 3; i++) {
            raise(user, "test.kind", i);
        }
        var page =
                web.get()
                        .uri("/api/v1/me/notifications?limit=2")
                        .headers(h -> h.setBearerAuth(user.token()))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.items[*].seq")
                        .isEqualTo(List.of(3, 2))
                        .jsonPath("$.nextCursor")
                        .isEqualTo("2")
                        .returnResult();
        assertThat(page).isNotNull();
        web.get()
                .uri("/api/v1/me/notifications?cursor=2")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectBody()
                .jsonPath("$.items[*].seq")
                .isEqualTo(List.of(1))
                .jsonPath("$.items[0].data.n")
                .isEqualTo(1);
        unread(user, 3);
        web.post()
                .uri("/api/v1/me/notifications/2/read")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
        unread(user, 2);
        web.get()
                .uri("/api/v1/me/notifications?unread=true")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectBody()
                .jsonPath("$.items[*].seq")
                .isEqualTo(List.of(3, 1));
        web.post()
                .uri("/api/v1/me/notifications/99/read")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
        User other = fixtures.user("other");
        web.post()
                .uri("/api/v1/me/notifications/1/read")
                .headers(h -> h.setBearerAuth(other.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.post()
                .uri("/api/v1/me/notifications/read-all?upTo=1")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
        unread(user, 1);
        web.post()
                .uri("/api/v1/me/notifications/read-all")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
        unread(user, 0);
        web.get().uri("/api/v1/me/notifications").exchange().expectStatus().isUnauthorized();
        web.get()
                .uri("/api/v1/me/notifications?cursor=abc")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.get()
                .uri("/api/v1/me/notifications?limit=0")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isBadRequest();
        web.post()
                .uri("/api/v1/me/notifications/x/read")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    private void unread(User user, int expected) {
        web.get()
                .uri("/api/v1/me/notifications/unread-count")
                .headers(h -> h.setBearerAuth(user.token()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.unread")
                .isEqualTo(expected);
    }

    @Test
    void streamDeliversLiveThenResumesWithoutLossOrRepeat() throws Exception {
        User user = fixtures.user("listener");
        raise(user, "before.connect", 0);
        var connected = new java.util.concurrent.CountDownLatch(1);
        var events =
                await(
                        connected,
                        collect(stream(web, user, null), 2, connected),
                        () -> {
                            raise(user, "live", 1);
                            raise(user, "live", 2);
                        });
        assertThat(events).extracting(ServerSentEvent::id).containsExactly("2", "3");
        assertThat(events).extracting(ServerSentEvent::event).containsOnly("live");
        assertThat(events.get(0).data()).containsEntry("seq", 2).containsEntry("kind", "live");

        raise(user, "while.away", 3);
        raise(user, "while.away", 4);
        var reconnected = new java.util.concurrent.CountDownLatch(1);
        var resumed =
                await(
                        reconnected,
                        collect(stream(web, user, "3"), 3, reconnected),
                        () -> raise(user, "live", 5));
        assertThat(resumed).extracting(ServerSentEvent::id).containsExactly("4", "5", "6");
    }

    @Test
    void streamSendsHeartbeatsAndRefusesBadInput() {
        User user = fixtures.user("heart");
        var comments =
                stream(web, user, null)
                        .filter(e -> "heartbeat".equals(e.comment()))
                        .take(2)
                        .collectList()
                        .block(Duration.ofSeconds(20));
        assertThat(comments).hasSize(2);
        web.get()
                .uri("/api/v1/me/notifications/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get()
                .uri("/api/v1/me/notifications/stream")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .headers(
                        h -> {
                            h.setBearerAuth(user.token());
                            h.set("Last-Event-ID", "not-a-number");
                        })
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void commentMadeOnOneInstanceReachesSubscriberOnAnother() throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>();
        LocalServers.forTests().properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        args.add("--server.port=0");
        args.add("--minka.notifications.heartbeat=2s");
        args.add("--spring.flyway.enabled=false");
        ConfigurableApplicationContext other =
                new SpringApplicationBuilder(MinkaApplication.class)
                        .run(args.toArray(String[]::new));
        try {
            int port =
                    other.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            WebTestClient second =
                    WebTestClient.bindToServer()
                            .baseUrl("http://localhost:" + port)
                            .responseTimeout(Duration.ofSeconds(30))
                            .build();
            // a team on a challenge, a mentor of it, and a help request to comment on
            Api api = new Api(web, fixtures);
            User admin = fixtures.admin();
            UUID event = api.event(admin, Map.of("teamSizeMax", 5));
            UUID challenge = fixtures.challenge(event, admin, "Dengue");
            User mentor = fixtures.user("mentor");
            api.post(
                            admin,
                            "/api/v1/events/{e}/memberships",
                            Map.of(
                                    "userId",
                                    mentor.id().toString(),
                                    "role",
                                    "MENTOR",
                                    "challengeIds",
                                    List.of(challenge.toString())),
                            event)
                    .expect(201);
            User captain = api.registered(event);
            UUID team = api.team(event, captain).id();
            api.post(
                            captain,
                            "/api/v1/events/{e}/teams/{t}/challenges",
                            Map.of("challengeId", challenge.toString()),
                            event,
                            team)
                    .expect(200);
            UUID request =
                    api.post(
                                    captain,
                                    "/api/v1/events/{e}/help-requests",
                                    Map.of(
                                            "teamId",
                                            team.toString(),
                                            "challengeId",
                                            challenge.toString(),
                                            "topic",
                                            "Ubigeo",
                                            "text",
                                            "¿Qué ubigeo usa el dataset?"),
                                    event)
                            .expect(201)
                            .id();
            int rounds = Integer.getInteger("minka.race.rounds", 1);
            for (int round = 0; round < rounds; round++) {
                var connected = new java.util.concurrent.CountDownLatch(1);
                var comment = new java.util.concurrent.atomic.AtomicReference<UUID>();
                var received =
                        await(
                                        connected,
                                        collect(stream(second, captain, null), 1, connected),
                                        () ->
                                                comment.set(
                                                        api.post(
                                                                        mentor,
                                                                        "/api/v1/events/{e}/help-requests/{r}/comments",
                                                                        Map.of(
                                                                                "body",
                                                                                "Usa el ubigeo INEI"),
                                                                        event,
                                                                        request)
                                                                .expect(201)
                                                                .id()))
                                .get(0);
                assertThat(received).isNotNull();
                assertThat(received.event()).isEqualTo(Notification.HELP_ANSWERED);
                assertThat(received.data())
                        .extractingByKey("data")
                        .asString()
                        .contains(comment.get().toString());
            }
        } finally {
            other.close();
        }
    }
}
