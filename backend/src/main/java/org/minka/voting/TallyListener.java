package org.minka.voting;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
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

/**
 * Listens on the tally channel over one dedicated PostgreSQL connection (outside the pool): each
 * NOTIFY names an event whose tallies changed on some instance (a cast or retract, coalesced; or
 * fraud review changing a ballot's status, by trigger). After each (re)connect it emits {@link
 * #RESYNC}, so that open streams re-read what they may have missed.
 */
@Component
class TallyListener implements SmartLifecycle {

    static final String CHANNEL = "voting_tallies";

    /** Not an event: every stream should re-read its tallies. */
    static final UUID RESYNC = new UUID(0, 0);

    private static final Logger log = LoggerFactory.getLogger(TallyListener.class);

    private final ConnectionFactory connections;
    private final Sinks.Many<UUID> sink = Sinks.many().multicast().directBestEffort();
    private volatile Disposable listening;

    TallyListener(Environment environment) {
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

    /** Events whose tallies changed, from now on, and {@link #RESYNC} after a reconnect. */
    Flux<UUID> changes() {
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
                                                                "Tally listener lost its connection; reconnecting",
                                                                retry.failure())))
                        .subscribe(this::emit);
    }

    private synchronized void emit(UUID eventId) {
        sink.tryEmitNext(eventId);
    }

    private Flux<UUID> listen(PostgresqlConnection connection) {
        Flux<UUID> listened =
                connection
                        .createStatement("LISTEN " + CHANNEL)
                        .execute()
                        .flatMap(PostgresqlResult::getRowsUpdated)
                        .thenMany(Flux.just(RESYNC));
        Flux<UUID> notified =
                connection
                        .getNotifications()
                        .flatMap(n -> parse(n.getParameter()))
                        .concatWith(
                                Flux.error(
                                        () ->
                                                new IllegalStateException(
                                                        "tally connection closed")));
        return Flux.merge(notified, listened);
    }

    private static Flux<UUID> parse(String payload) {
        try {
            return Flux.just(UUID.fromString(payload));
        } catch (IllegalArgumentException | NullPointerException ex) {
            return Flux.empty();
        }
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
