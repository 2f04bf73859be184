package org.minka.team;

import java.time.Duration;
import java.util.Map;
import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.minka.event.EventAccess;
import org.minka.notification.Notification;
import org.minka.notification.Notifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells an event's registrants and members, 24 hours ahead, that a phase opens or closes. Each
 * reminder is claimed by a row keyed on event, phase, edge and time, in the same transaction as its
 * notifications, so it goes out exactly once however many instances run this job. A window moved to
 * a new time gets a new reminder.
 */
@Component
class PhaseReminders {

    private final EventAccess access;
    private final Notifier notifier;
    private final DatabaseClient db;
    private final TransactionalOperator transactions;
    private final Duration ahead;

    PhaseReminders(
            EventAccess access,
            Notifier notifier,
            DatabaseClient db,
            TransactionalOperator transactions,
            @Value("${minka.reminders.ahead:PT24H}") Duration ahead) {
        this.access = access;
        this.notifier = notifier;
        this.db = db;
        this.transactions = transactions;
        this.ahead = ahead;
    }

    /** Sends the reminders due now; returns how many this call sent. */
    Mono<Long> runOnce() {
        return access.edgesWithin(ahead)
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(edge -> transactions.transactional(remind(edge)))
                .count();
    }

    private Mono<EventAccess.PhaseEdge> remind(EventAccess.PhaseEdge edge) {
        String kind = edge.opening() ? Notification.PHASE_OPENING : Notification.PHASE_CLOSING;
        return db.sql(
                        "insert into phase_reminders (event_id, phase, edge, at) values (:event, :phase, :edge, :at)"
                                + " on conflict do nothing")
                .bind("event", edge.eventId())
                .bind("phase", edge.phase().name())
                .bind("edge", edge.opening() ? "OPENING" : "CLOSING")
                .bind("at", edge.at())
                .fetch()
                .rowsUpdated()
                .filter(claimed -> claimed == 1)
                .flatMap(
                        claimed ->
                                recipients(edge)
                                        .flatMap(
                                                users ->
                                                        notifier.notifyAll(
                                                                users,
                                                                edge.eventId(),
                                                                kind,
                                                                Map.of(
                                                                        "phase",
                                                                        edge.phase().name(),
                                                                        "at",
                                                                        edge.at().toString())))
                                        .thenReturn(edge));
    }

    private Mono<java.util.Set<java.util.UUID>> recipients(EventAccess.PhaseEdge edge) {
        return db.sql(
                        "select user_id from registrations where event_id = :event and withdrawn_at is null")
                .bind("event", edge.eventId())
                .map((row, meta) -> row.get("user_id", java.util.UUID.class))
                .all()
                .concatWith(access.memberUserIds(edge.eventId()))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The job, one instance at a time, unless {@code minka.reminders.enabled} is false. */
    @org.springframework.context.annotation.Bean
    static SmartLifecycle phaseReminderJob(
            PhaseReminders reminders,
            @Value("${minka.reminders.every:PT5M}") Duration every,
            @Value("${minka.reminders.first-after:PT30S}") Duration firstAfter,
            @Value("${minka.reminders.enabled:true}") boolean enabled,
            ClusterLocks locks) {
        return new PeriodicTask("Phase reminders", firstAfter, every, reminders::runOnce, enabled)
                .clusterSingleton(locks);
    }
}
