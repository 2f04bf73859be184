package org.minka.team;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Records the SQL statements the R2DBC PostgreSQL driver sends, from its query logger, so that a
 * test can count what one request costs.
 */
final class StatementLog extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AutoCloseable {

    private static final String DRIVER_QUERIES = "io.r2dbc.postgresql.QUERY";

    private final ConcurrentLinkedQueue<String> statements = new ConcurrentLinkedQueue<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(DRIVER_QUERIES);
    private final Level level;
    private final boolean additive;

    private StatementLog() {
        level = logger.getLevel();
        additive = logger.isAdditive();
    }

    /** Starts recording. */
    static StatementLog record() {
        StatementLog log = new StatementLog();
        log.setContext(log.logger.getLoggerContext());
        log.start0();
        return log;
    }

    private void start0() {
        super.start();
        logger.addAppender(this);
        logger.setAdditive(false);
        logger.setLevel(Level.DEBUG);
    }

    @Override
    protected void append(ILoggingEvent event) {
        statements.add(event.getFormattedMessage());
    }

    /** Forgets what was recorded so far. */
    void clear() {
        statements.clear();
    }

    /** The statements recorded that name one of these tables. */
    List<String> naming(String... tables) {
        return statements.stream()
                .filter(sql -> java.util.Arrays.stream(tables).anyMatch(sql::contains))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(this);
        logger.setLevel(level);
        logger.setAdditive(additive);
        stop();
    }
}
