package org.minka.judging;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * One writer of an event's assignments at a time: a transaction-level advisory lock on the event,
 * taken first by every write that changes assignments (runs, single adds and removals,
 * reassignments, conflicts that drop an assignment). Released when the transaction ends.
 */
@Component
class AssignmentLock {

    private final DatabaseClient db;

    AssignmentLock(DatabaseClient db) {
        this.db = db;
    }

    /** Waits for the event's lock; call inside the transaction that writes. */
    Mono<Void> lock(UUID eventId) {
        return db.sql(
                        "select pg_advisory_xact_lock(hashtextextended("
                                + "'minka.judging.assignments:' || cast(:event as text), 0))")
                .bind("event", eventId)
                .map((row, meta) -> 1)
                .all()
                .then();
    }
}
