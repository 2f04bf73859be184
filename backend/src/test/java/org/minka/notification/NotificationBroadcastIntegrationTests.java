package org.minka.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * SSE subscribers on one instance (100 in make test, 500 in make bench-sse) all receive a broadcast
 * raised in one statement. Prints how long delivery took ({@code make bench-sse}); the test asserts
 * delivery only, never timing.
 */
class NotificationBroadcastIntegrationTests extends IntegrationTest {

    static final int SUBSCRIBERS = Integer.getInteger("minka.sse.subscribers", 100);

    @Autowired Notifier notifier;
    @Autowired Environment environment;

    @Test
    void everySubscriberReceivesTheBroadcast() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String url =
                "http://localhost:"
                        + environment.getRequiredProperty("local.server.port")
                        + "/api/v1/me/notifications/stream";
        ConnectionProvider pool =
                ConnectionProvider.builder("sse-bench")
                        .maxConnections(SUBSCRIBERS + 10)
                        .pendingAcquireMaxCount(SUBSCRIBERS * 2)
                        .build();
        HttpClient client = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(60));
        CountDownLatch connected = new CountDownLatch(SUBSCRIBERS);
        CountDownLatch delivered = new CountDownLatch(SUBSCRIBERS);
        List<Disposable> streams = new ArrayList<>();
        try {
            for (int i = 0; i < SUBSCRIBERS; i++) {
                String token = tokens.user("sse-" + run + "-" + i, false);
                boolean[] seen = new boolean[2];
                streams.add(
                        client.headers(h -> h.add("Authorization", "Bearer " + token))
                                .get()
                                .uri(url)
                                .responseContent()
                                .asString()
                                .subscribe(
                                        chunk -> {
                                            if (!seen[0] && chunk.contains(":connected")) {
                                                seen[0] = true;
                                                connected.countDown();
                                            }
                                            if (!seen[1]
                                                    && chunk.contains("event:bench.broadcast")) {
                                                seen[1] = true;
                                                delivered.countDown();
                                            }
                                        }));
            }
            assertThat(connected.await(120, TimeUnit.SECONDS))
                    .as("all %d subscribers connected", SUBSCRIBERS)
                    .isTrue();
            List<UUID> users =
                    db.sql("select id from users where subject like :prefix")
                            .bind("prefix", "sse-" + run + "-%")
                            .map((row, meta) -> row.get("id", UUID.class))
                            .all()
                            .collectList()
                            .block(Duration.ofSeconds(30));
            assertThat(users).hasSize(SUBSCRIBERS);
            long start = System.nanoTime();
            notifier.notifyAll(users, null, "bench.broadcast", Map.of("message", "Hola a todos"))
                    .block(Duration.ofSeconds(30));
            long raised = System.nanoTime();
            boolean all = delivered.await(60, TimeUnit.SECONDS);
            long done = System.nanoTime();
            System.out.printf(
                    "sse-broadcast: subscribers=%d delivered=%d raise_ms=%d delivery_ms=%d%n",
                    SUBSCRIBERS,
                    SUBSCRIBERS - delivered.getCount(),
                    (raised - start) / 1_000_000,
                    (done - start) / 1_000_000);
            assertThat(all).as("every subscriber received the broadcast").isTrue();
        } finally {
            streams.forEach(Disposable::dispose);
            pool.disposeLater().block(Duration.ofSeconds(10));
        }
    }
}
