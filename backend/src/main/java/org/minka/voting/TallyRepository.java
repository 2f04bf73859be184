package org.minka.voting;

import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Reads the tallies that the ballots' trigger keeps (V53): the sum of each submission's shards. */
@Repository
class TallyRepository {

    private final DatabaseClient db;

    TallyRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Submissions with valid votes, by challenge id, then votes (most first), then id. */
    Mono<List<Tallies.Row>> rows(UUID eventId) {
        return db.sql(
                        """
                        select challenge_id, submission_id, sum(votes)::bigint as votes
                        from voting_tallies where event_id = :event
                        group by challenge_id, submission_id having sum(votes) > 0
                        order by challenge_id, votes desc, submission_id""")
                .bind("event", eventId)
                .map(
                        (row, meta) ->
                                new Tallies.Row(
                                        row.get("challenge_id", UUID.class),
                                        row.get("submission_id", UUID.class),
                                        row.get("votes", Long.class)))
                .all()
                .collectList();
    }

    /** Tells every instance (LISTEN) that the event's tallies changed. */
    Mono<Void> notifyChanged(UUID eventId) {
        return db.sql("select pg_notify('" + TallyListener.CHANNEL + "', :event)")
                .bind("event", eventId.toString())
                .then();
    }
}
