package org.minka.common;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * A backing service (PostgreSQL, object storage) did not answer. Answered as a 503 {@code
 * service-unavailable} problem with {@code Retry-After}, never as a 500: the request may succeed
 * when it is sent again.
 */
public class DependencyUnavailableException extends RuntimeException {

    /** Driver and pool failures matched by name, so that common needs no runtime-only jar. */
    private static final Set<String> BY_NAME =
            Set.of(
                    "reactor.pool.PoolAcquireTimeoutException",
                    "reactor.pool.PoolShutdownException",
                    "io.netty.channel.ConnectTimeoutException",
                    "io.r2dbc.postgresql.client.ReactorNettyClient$PostgresConnectionClosedException",
                    "io.r2dbc.postgresql.client.ReactorNettyClient$PostgresConnectionException",
                    "io.r2dbc.postgresql.PostgresqlConnectionFactory$PostgresConnectionException");

    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(dependency + " unavailable", cause);
    }

    /**
     * Whether the failure, or one of its causes, says that a backing service is unreachable.
     * Spring's own wrappers ({@code DataAccessResourceFailureException}) are judged by their cause:
     * a query that fails for a bug is still a 500.
     */
    public static boolean isCauseOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (unavailable(t)) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }

    private static boolean unavailable(Throwable t) {
        if (t instanceof io.r2dbc.spi.R2dbcException failed && failed.getSqlState() != null) {
            return unavailableState(failed.getSqlState());
        }
        return t instanceof DependencyUnavailableException
                || t instanceof io.r2dbc.spi.R2dbcNonTransientResourceException
                || t instanceof io.r2dbc.spi.R2dbcTransientResourceException
                || t instanceof io.r2dbc.spi.R2dbcTimeoutException
                || t instanceof ConnectException
                || t instanceof ClosedChannelException
                || t instanceof TimeoutException
                || BY_NAME.contains(t.getClass().getName());
    }

    /**
     * Whether PostgreSQL's SQLSTATE says the server cannot serve now: connection exceptions (08),
     * insufficient resources (53), shutdowns and start-ups (57P) and a cancelled statement (57014).
     * The driver files every other state, such as an exception a trigger raises (P0001), under the
     * same exception classes, and those are bugs or refusals, not outages.
     */
    static boolean unavailableState(String sqlState) {
        return sqlState.startsWith("08")
                || sqlState.startsWith("53")
                || sqlState.startsWith("57P")
                || sqlState.equals("57014");
    }
}
