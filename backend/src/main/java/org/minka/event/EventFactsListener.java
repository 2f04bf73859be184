package org.minka.event;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * Listens on {@link EventFactsCache#CHANNEL} over one dedicated PostgreSQL connection (outside the
 * pool) and tells this instance's cache which event changed. The cache is used only while this
 * connection listens; it is emptied when the connection is made and when it is lost.
 */
@Component
class EventFactsListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventFactsListener.class);

    /** What the connection reports: listening from now on, or a payload heard. */
    private record Heard(boolean connected, String payload) {}

    private final ConnectionFactory connections;
    private final EventFactsCache cache;
    private volatile Disposable listening;

    EventFactsListener(Environment environment, EventFactsCache cache) {
        this.cache = cache;
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

    @Override
    public void start() {
        listening =
                Flux.usingWhen(
                                connections.create(),
                                connection -> listen((PostgresqlConnection) connection),
                                connection -> connection.close())
                        .doOnError(ex -> cache.listening(false))
                        .retryWhen(
                                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                                        .maxBackoff(Duration.ofSeconds(5))
                                        .doBeforeRetry(this::lost))
                        .subscribe(this::heard);
    }

    private void lost(Retry.RetrySignal retry) {
        log.warn("Event facts listener lost its connection; reconnecting", retry.failure());
    }

    private void heard(Heard heard) {
        if (heard.payload() == null) {
            cache.listening(heard.connected());
        } else {
            cache.heard(heard.payload());
        }
    }

    private Flux<Heard> listen(PostgresqlConnection connection) {
        Flux<Heard> listened =
                connection
                        .createStatement("LISTEN " + EventFactsCache.CHANNEL)
                        .execute()
                        .flatMap(PostgresqlResult::getRowsUpdated)
                        .thenMany(Flux.just(new Heard(true, null)));
        Flux<Heard> notified =
                connection
                        .getNotifications()
                        .map(n -> new Heard(true, String.valueOf(n.getParameter())))
                        .concatWith(
                                Flux.error(
                                        () ->
                                                new IllegalStateException(
                                                        "event facts connection closed")));
        return Flux.merge(notified, listened);
    }

    @Override
    public void stop() {
        Disposable current = listening;
        cache.listening(false);
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
