package org.minka.notification;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Listens on the notifications channel over one dedicated PostgreSQL connection (outside the pool)
 * and fans every NOTIFY out to this instance's subscribers. After each (re)connect it emits a
 * resync signal, so that subscribers read from the database whatever was raised while it was away.
 */
@Component
class NotificationHub implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationHub.class);

    /** A notification for a user, a reference to load, or a request to resync. */
    record Signal(UUID userId, long seq, Notification notification, boolean resync) {

        static final Signal RESYNC = new Signal(null, 0, null, true);
    }

    private final ConnectionFactory connections;
    private final JsonMapper json;
    private final Sinks.Many<Signal> sink = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    NotificationHub(Environment environment, JsonMapper json) {
        this.json = json;
        String url =
                environment
                        .getRequiredProperty("spring.r2dbc.url")
                        .replace("r2dbc:pool:", "r2dbc:");
        ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(url).mutate();
        String user = environment.getProperty("spring.r2dbc.username");
        String password = environment.getProperty("spring.r2dbc.password");
        if (user != null && !user.isBlank()) {
            options.option(ConnectionFactoryOptions.USER, user);
        }
        if (password != null && !password.isEmpty()) {
            options.option(ConnectionFactoryOptions.PASSWORD, password);
        }
        this.connections = ConnectionFactories.get(options.build());
    }

    /** Every signal from now on: live notifications of all users, and resyncs. */
    Flux<Signal> signals() {
        return sink.asFlux();
    }

    @Override
    public void start() {
        listening =
                Flux.usingWhen(
                                connections.create(),
                                connection -> listen((PostgresqlConnection) connection),
                                connection -> connection.close())
                        .retryWhen(
                                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                                        .maxBackoff(Duration.ofSeconds(5))
                                        .doBeforeRetry(
                                                retry ->
                                                        log.warn(
                                                                "Notification listener lost its connection; reconnecting",
                                                                retry.failure())))
                        .subscribe(signal -> sink.tryEmitNext(signal));
    }

    private Flux<Signal> listen(PostgresqlConnection connection) {
        Flux<Signal> listened =
                connection
                        .createStatement("LISTEN " + NotificationRepository.CHANNEL)
                        .execute()
                        .flatMap(PostgresqlResult::getRowsUpdated)
                        .thenMany(Flux.just(Signal.RESYNC));
        Flux<Signal> notified =
                connection
                        .getNotifications()
                        .map(n -> parse(n.getParameter()))
                        .concatWith(
                                Flux.error(
                                        () ->
                                                new IllegalStateException(
                                                        "notification connection closed")));
        return Flux.merge(notified, listened);
    }

    Signal parse(String payload) {
        Map<String, Object> body = json.readValue(payload, new TypeReference<>() {});
        UUID userId = UUID.fromString((String) body.get("userId"));
        long seq = ((Number) body.get("seq")).longValue();
        if (Boolean.TRUE.equals(body.get("ref"))) {
            return new Signal(userId, seq, null, false);
        }
        Object eventId = body.get("eventId");
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) body.getOrDefault("data", Map.of());
        return new Signal(
                userId,
                seq,
                new Notification(
                        seq,
                        (String) body.get("kind"),
                        eventId == null ? null : UUID.fromString((String) eventId),
                        data,
                        Instant.parse((String) body.get("createdAt")),
                        null),
                false);
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }
}
