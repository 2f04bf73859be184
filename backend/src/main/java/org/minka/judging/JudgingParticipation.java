package org.minka.judging;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Who took part in judging an event: for the certificates of its jury. */
@Component
public class JudgingParticipation {

    private final DatabaseClient db;

    JudgingParticipation(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Users who submitted a rubric score, cast a finals ballot or decided a pairwise comparison
     * (not a skip) in the event, once each.
     */
    public Flux<UUID> judgesWhoTookPart(UUID eventId) {
        return db.sql(
                        """
                        select judge_id from judging_scores
                        where event_id = :event and status = 'SUBMITTED'
                        union
                        select judge_id from judging_final_ballots where event_id = :event
                        union
                        select judge_id from judging_pairwise_decisions
                        where event_id = :event and outcome <> 'SKIP'""")
                .bind("event", eventId)
                .map((row, meta) -> row.get("judge_id", UUID.class))
                .all();
    }
}
