package org.minka.common;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work that one instance at a time may do, across every instance on the database. The lock is a
 * PostgreSQL advisory lock ({@code pg_try_advisory_xact_lock}) taken in a transaction on a
 * connection of its own, held while the work runs on other connections, and released when that
 * transaction ends: at the end of the work, on an error or a cancel, or when the instance dies and
 * its connection drops. An instance that finds the lock taken skips the work.
 */
@Component
public class ClusterLocks {

    /** The advisory lock space of Minka's jobs: the first key of the two-key form. */
    static final String NAMESPACE = "minka.cluster-lock";

    private final ConnectionFactory connections;

    ClusterLocks(ConnectionFactory connections) {
        this.connections = connections;
    }

    /**
     * Runs {@code work} when no other instance holds the lock {@code name}; otherwise skips it.
     *
     * @return true once the work has run here, false when another instance held the lock
     */
    public Mono<Boolean> runExclusive(String name, Supplier<? extends Mono<?>> work) {
        return Mono.usingWhen(
                Mono.from(connections.create()),
                connection -> locked(connection, name, work),
                ClusterLocks::commitAndClose,
                (connection, error) -> rollbackAndClose(connection),
                ClusterLocks::rollbackAndClose);
    }

    private Mono<Boolean> locked(
            Connection connection, String name, Supplier<? extends Mono<?>> work) {
        return Mono.from(connection.beginTransaction())
                .then(tryLock(connection, name))
                .flatMap(taken -> taken ? ran(work) : Mono.just(false));
    }

    private static Mono<Boolean> ran(Supplier<? extends Mono<?>> work) {
        return Mono.defer(work).then(Mono.just(true));
    }

    private static Mono<Boolean> tryLock(Connection connection, String name) {
        return Flux.from(
                        connection
                                .createStatement(
                                        "select pg_try_advisory_xact_lock("
                                                + "hashtext($1), hashtext($2)) as taken")
                                .bind("$1", NAMESPACE)
                                .bind("$2", name)
                                .execute())
                .concatMap(result -> result.map((row, meta) -> row.get("taken", Boolean.class)))
                .next()
                .defaultIfEmpty(false);
    }

    private static Mono<Void> commitAndClose(Connection connection) {
        return Mono.from(connection.commitTransaction())
                .onErrorResume(error -> Mono.empty())
                .then(Mono.from(connection.close()));
    }

    private static Mono<Void> rollbackAndClose(Connection connection) {
        return Mono.from(connection.rollbackTransaction())
                .onErrorResume(error -> Mono.empty())
                .then(Mono.from(connection.close()));
    }
}
