package org.minka.mentoring;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** What other modules need to know of mentoring: who took part in an event's threads. */
@Component
public class MentoringAccess {

    private final DatabaseClient db;

    MentoringAccess(DatabaseClient db) {
        this.db = db;
    }

    // For results' certificates: the people who helped in an event.

    /**
     * Users who wrote a comment that is not deleted (on a submission or a help request) or claimed
     * a help request in the event, once each. Team members are among them: callers keep the
     * mentors.
     */
    public Flux<UUID> activeHelpers(UUID eventId) {
        return db.sql(
                        """
                        select author_id as id from comments
                        where event_id = :event and deleted_at is null
                        union
                        select claimed_by from help_requests
                        where event_id = :event and claimed_by is not null""")
                .bind("event", eventId)
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }
}
