package org.minka.voting.fraud;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Organizers' reviews of ballots, in bulk, each with a reason: invalidate or restore by flag or by
 * ballot ids, or dismiss a flag. Ballots are never deleted: their status flips and the tallies
 * follow by trigger. A review is all or nothing: one unknown or foreign ballot (422 {@code
 * unknown-ballot}) or one ballot already in the target state (409) stores nothing. Each review is a
 * row and an audit-log line.
 */
@Service
class ReviewService {

    private static final String VALID = "VALID";
    private static final String INVALID = "INVALID";

    private final EventAccess events;
    private final ReviewRepository reviews;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    ReviewService(
            EventAccess events,
            ReviewRepository reviews,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.events = events;
        this.reviews = reviews;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Applies the review (organizers of the event; 403 for others who see it, else 404). */
    Mono<Review> review(UUID eventId, Review.Request request, CurrentUser user) {
        Mono<Review> apply =
                request.flagId() == null
                        ? byBallots(eventId, request, user)
                        : byFlag(eventId, request, user);
        return events.requireOrganizer(eventId, user).then(tx.transactional(apply));
    }

    // By ballot ids: every one must be the event's and in the state the action changes.

    private Mono<Review> byBallots(UUID eventId, Review.Request request, CurrentUser user) {
        List<UUID> ids = request.ballotIds().stream().distinct().toList();
        return reviews.lockBallots(eventId, ids)
                .flatMap(found -> checked(ids, found, from(request.action())))
                .then(changed(ids, request, user))
                .flatMap(changed -> stored(eventId, request, changed, user));
    }

    private static String from(Review.Action action) {
        return action == Review.Action.RESTORE ? INVALID : VALID;
    }

    private static Mono<Void> checked(List<UUID> ids, Map<UUID, String> found, String from) {
        List<UUID> unknown = ids.stream().filter(id -> !found.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            return Mono.error(new MinkaException(ProblemType.UNKNOWN_BALLOT, unknown.toString()));
        }
        List<UUID> wrong = ids.stream().filter(id -> !from.equals(found.get(id))).toList();
        if (!wrong.isEmpty()) {
            return Mono.error(wrongState(from, wrong.toString()));
        }
        return Mono.empty();
    }

    private static MinkaException wrongState(String from, String which) {
        ProblemType type =
                VALID.equals(from)
                        ? ProblemType.BALLOT_ALREADY_INVALID
                        : ProblemType.BALLOT_NOT_INVALID;
        return new MinkaException(type, which);
    }

    private Mono<List<UUID>> changed(List<UUID> ids, Review.Request request, CurrentUser user) {
        Mono<Long> flipped =
                request.action() == Review.Action.RESTORE
                        ? reviews.restore(ids)
                        : reviews.invalidate(ids, request.reason().strip(), user.id());
        return flipped.thenReturn(ids);
    }

    // By flag: the flag's ballots in the state the action changes; the flag is then reviewed.

    private Mono<Review> byFlag(UUID eventId, Review.Request request, CurrentUser user) {
        UUID flagId = request.flagId();
        return reviews.lockFlag(eventId, flagId)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("flag")))
                .flatMap(status -> flagBallots(flagId, status, request.action()))
                .flatMap(ids -> changed(ids, request, user))
                .flatMap(ids -> closed(flagId, request.action(), user).thenReturn(ids))
                .flatMap(changed -> stored(eventId, request, changed, user));
    }

    private Mono<List<UUID>> flagBallots(UUID flagId, String status, Review.Action action) {
        if (action == Review.Action.DISMISS) {
            return FlagView.Status.OPEN.name().equals(status)
                    ? Mono.just(List.of())
                    : Mono.error(new MinkaException(ProblemType.FLAG_REVIEWED, status));
        }
        String from = from(action);
        return reviews.lockFlagBallots(flagId, from)
                .filter(ids -> !ids.isEmpty())
                .switchIfEmpty(Mono.error(() -> wrongState(from, "every ballot of the flag")));
    }

    private Mono<Void> closed(UUID flagId, Review.Action action, CurrentUser user) {
        FlagView.Status status =
                action == Review.Action.INVALIDATE
                        ? FlagView.Status.CONFIRMED
                        : FlagView.Status.DISMISSED;
        return reviews.closeFlag(flagId, status, user.id());
    }

    // The review row and its audit line.

    private Mono<Review> stored(
            UUID eventId, Review.Request request, List<UUID> changed, CurrentUser user) {
        return reviews.insert(eventId, request, changed, user.id())
                .flatMap(review -> audited(eventId, review, user));
    }

    private Mono<Review> audited(UUID eventId, Review review, CurrentUser user) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reviewId", review.id().toString());
        if (review.flagId() != null) {
            details.put("flagId", review.flagId().toString());
        }
        details.put("ballots", review.ballotIds().size());
        details.put("reason", review.reason());
        return audit.record(eventId, user.id(), action(review.action()), details)
                .thenReturn(review);
    }

    private static String action(Review.Action action) {
        return switch (action) {
            case INVALIDATE -> "voting.ballots-invalidated";
            case RESTORE -> "voting.ballots-restored";
            case DISMISS -> "voting.flag-dismissed";
        };
    }
}
