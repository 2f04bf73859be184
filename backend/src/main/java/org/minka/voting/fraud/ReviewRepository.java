package org.minka.voting.fraud;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The SQL of reviews: ballots and flags locked and flipped, and the review rows written. */
@Repository
class ReviewRepository {

    private final DatabaseClient db;

    ReviewRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The status of each of these ballots that belongs to the event, locked for the review. */
    Mono<Map<UUID, String>> lockBallots(UUID eventId, List<UUID> ids) {
        return db.sql(
                        """
                        select id, status from voting_ballots
                        where event_id = :event and id = any(:ids)
                        order by id for update
                        """)
                .bind("event", eventId)
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> Map.entry(row.get("id", UUID.class), row.get("status", String.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The flag's status, locked for the review; empty when the event has no such flag. */
    Mono<String> lockFlag(UUID eventId, UUID flagId) {
        return db.sql(
                        "select status from voting_fraud_flags where id = :flag and event_id = :event"
                                + " for update")
                .bind("flag", flagId)
                .bind("event", eventId)
                .map(row -> row.get("status", String.class))
                .one();
    }

    /** The flag's ballots that have this status, locked for the review. */
    Mono<List<UUID>> lockFlagBallots(UUID flagId, String status) {
        return db.sql(
                        """
                        select b.id from voting_fraud_flag_ballots fb
                        join voting_ballots b on b.id = fb.ballot_id
                        where fb.flag_id = :flag and b.status = :status
                        order by b.id for update of b
                        """)
                .bind("flag", flagId)
                .bind("status", status)
                .map(row -> row.get("id", UUID.class))
                .all()
                .collectList();
    }

    /** Valid ballots become INVALID with the reason; the tallies follow by trigger. */
    Mono<Long> invalidate(List<UUID> ids, String reason, UUID actorId) {
        return db.sql(
                        """
                        update voting_ballots
                        set status = 'INVALID', invalidated_at = now(), invalidated_by = :actor,
                            invalid_reason = :reason
                        where id = any(:ids) and status = 'VALID'
                        """)
                .bind("ids", ids.toArray(UUID[]::new))
                .bind("reason", reason)
                .bind("actor", actorId)
                .fetch()
                .rowsUpdated();
    }

    /** Invalid ballots become VALID again; the tallies follow by trigger. */
    Mono<Long> restore(List<UUID> ids) {
        return db.sql(
                        """
                        update voting_ballots
                        set status = 'VALID', invalidated_at = null, invalidated_by = null,
                            invalid_reason = null
                        where id = any(:ids) and status = 'INVALID'
                        """)
                .bind("ids", ids.toArray(UUID[]::new))
                .fetch()
                .rowsUpdated();
    }

    /** The flag's review outcome. */
    Mono<Void> closeFlag(UUID flagId, FlagView.Status status, UUID actorId) {
        return db.sql(
                        """
                        update voting_fraud_flags
                        set status = :status, reviewed_at = now(), reviewed_by = :actor,
                            updated_at = now()
                        where id = :flag
                        """)
                .bind("flag", flagId)
                .bind("status", status.name())
                .bind("actor", actorId)
                .then();
    }

    /** Stores the review and the ballots it changed. */
    Mono<Review> insert(UUID eventId, Review.Request request, List<UUID> changed, UUID actorId) {
        return db.sql(
                        """
                        insert into voting_reviews (event_id, action, flag_id, reason, actor_id)
                        values (:event, :action, :flag, :reason, :actor)
                        returning id, at
                        """)
                .bind("event", eventId)
                .bind("action", request.action().name())
                .bind("flag", Parameter.fromOrEmpty(request.flagId(), UUID.class))
                .bind("reason", request.reason().strip())
                .bind("actor", actorId)
                .map(
                        row ->
                                new Review(
                                        row.get("id", UUID.class),
                                        request.action(),
                                        request.flagId(),
                                        changed,
                                        request.reason().strip(),
                                        row.get("at", java.time.Instant.class)))
                .one()
                .flatMap(review -> withBallots(review, changed));
    }

    private Mono<Review> withBallots(Review review, List<UUID> changed) {
        if (changed.isEmpty()) {
            return Mono.just(review);
        }
        return db.sql(
                        """
                        insert into voting_review_ballots (review_id, ballot_id)
                        select :review, b from unnest(cast(:ballots as uuid[])) as b
                        """)
                .bind("review", review.id())
                .bind("ballots", changed.toArray(UUID[]::new))
                .then()
                .thenReturn(review);
    }
}
