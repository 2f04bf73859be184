package org.minka.results;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.minka.certificate.Certificates;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Certificate runs, their items, and the certificates they issued. */
@Repository
class EventCertificateRunRepository {

    private static final String RUN_COLUMNS =
            "id, event_id, language, state, requested_by, created_at, finished_at";

    private static final String ITEM_COLUMNS =
            """
            id, run_id, kind, subject_id, recipient_id, recipient_name, achievement, context,
            language""";

    private final DatabaseClient db;

    EventCertificateRunRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A run. */
    record Run(
            UUID id,
            UUID eventId,
            String language,
            EventCertificateRun.State state,
            UUID requestedBy,
            Instant createdAt,
            Instant finishedAt) {}

    /** A certificate due in a run, claimed for issuing. */
    record Item(UUID id, UUID runId, Certificates.Issue issue) {}

    /** How far a run is. */
    record Counts(int total, int done, int failed) {}

    /** A certificate an event's run issued. */
    record IssuedRow(
            UUID id,
            String kind,
            UUID subjectId,
            UUID recipientId,
            String recipientName,
            String language,
            String code,
            Instant createdAt) {}

    /**
     * A new run for the event, or, when one is unfinished, that one (the partial unique index makes
     * a concurrent start wait and then answer the winner's run).
     */
    Mono<Run> start(UUID eventId, String language, UUID by) {
        Mono<Run> inserted =
                db.sql(
                                "insert into results_certificate_runs (event_id, language,"
                                        + " requested_by) values (:event, :language, :by)"
                                        + " on conflict (event_id) where state <> 'DONE'"
                                        + " do nothing returning "
                                        + RUN_COLUMNS)
                        .bind("event", eventId)
                        .bind("language", language)
                        .bind("by", by)
                        .map(EventCertificateRunRepository::run)
                        .one();
        return inserted.switchIfEmpty(Mono.defer(() -> unfinished(eventId)));
    }

    private Mono<Run> unfinished(UUID eventId) {
        return db.sql(
                        "select "
                                + RUN_COLUMNS
                                + " from results_certificate_runs"
                                + " where event_id = :event and state <> 'DONE'")
                .bind("event", eventId)
                .map(EventCertificateRunRepository::run)
                .one();
    }

    Mono<Run> find(UUID runId) {
        return db.sql("select " + RUN_COLUMNS + " from results_certificate_runs where id = :id")
                .bind("id", runId)
                .map(EventCertificateRunRepository::run)
                .one();
    }

    Mono<Run> latest(UUID eventId) {
        return db.sql(
                        "select "
                                + RUN_COLUMNS
                                + " from results_certificate_runs where event_id = :event"
                                + " order by created_at desc, id desc limit 1")
                .bind("event", eventId)
                .map(EventCertificateRunRepository::run)
                .one();
    }

    /** Unfinished runs, oldest first: what the worker goes through. */
    Flux<UUID> unfinishedRuns() {
        return db.sql(
                        "select id from results_certificate_runs where state <> 'DONE'"
                                + " order by created_at, id")
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }

    Mono<Counts> counts(UUID runId) {
        return db.sql(
                        """
                        select count(*) as total,
                          count(*) filter (where state = 'DONE') as done,
                          count(*) filter (where state = 'FAILED') as failed
                        from results_certificate_items where run_id = :run""")
                .bind("run", runId)
                .map(
                        (row, meta) ->
                                new Counts(
                                        row.get("total", Long.class).intValue(),
                                        row.get("done", Long.class).intValue(),
                                        row.get("failed", Long.class).intValue()))
                .one();
    }

    /** The run's failures, at most {@code limit}, by kind and recipient. */
    Flux<EventCertificateRun.Failure> failures(UUID runId, int limit) {
        return db.sql(
                        """
                        select kind, recipient_id, recipient_name, reason
                        from results_certificate_items where run_id = :run and state = 'FAILED'
                        order by kind, recipient_id limit :limit""")
                .bind("run", runId)
                .bind("limit", limit)
                .map(
                        (row, meta) ->
                                new EventCertificateRun.Failure(
                                        row.get("kind", String.class),
                                        row.get("recipient_id", UUID.class),
                                        row.get("recipient_name", String.class),
                                        row.get("reason", String.class)))
                .all();
    }

    /** Records a due certificate; a second record of the same one in the run is a no-op. */
    Mono<Void> addItem(UUID runId, Certificates.Issue i) {
        return db.sql(
                        """
                        insert into results_certificate_items (run_id, kind, subject_id,
                          recipient_id, recipient_name, achievement, context, language)
                        values (:run, :kind, :subject, :recipient, :name, :achievement,
                          :context, :language)
                        on conflict (run_id, kind, subject_id, recipient_id) do nothing""")
                .bind("run", runId)
                .bind("kind", i.kind())
                .bind("subject", i.subjectId())
                .bind("recipient", i.recipientId())
                .bind("name", i.recipientName().strip())
                .bind("achievement", i.achievement().strip())
                .bind("context", i.context().strip())
                .bind("language", i.language())
                .then();
    }

    /** Ends the run's collection (once, whoever gets there first). */
    Mono<Long> collected(UUID runId) {
        return db.sql(
                        "update results_certificate_runs set state = 'ISSUING',"
                                + " collected_at = now() where id = :run and state = 'COLLECTING'")
                .bind("run", runId)
                .fetch()
                .rowsUpdated();
    }

    /**
     * Claims one pending item of the run (or one whose claim went stale: its instance died), with
     * {@code FOR UPDATE SKIP LOCKED}, so that no two workers ever hold the same item.
     */
    Mono<Item> claim(UUID runId, Duration stale) {
        return db.sql(
                        """
                        update results_certificate_items set state = 'WORKING',
                          claimed_at = now()
                        where id = (
                          select id from results_certificate_items
                          where run_id = :run and (state = 'PENDING' or (state = 'WORKING'
                            and claimed_at < now() - make_interval(secs => :stale)))
                          order by id limit 1 for update skip locked)
                        returning"""
                                + " "
                                + ITEM_COLUMNS)
                .bind("run", runId)
                .bind("stale", (double) stale.toSeconds())
                .map(EventCertificateRunRepository::item)
                .one();
    }

    /**
     * Marks the item issued with this code, and records the certificate for the event's list (once
     * per kind, subject and recipient), in one statement.
     */
    Mono<Void> done(UUID itemId, String code) {
        return db.sql(
                        """
                        with d as (
                          update results_certificate_items set state = 'DONE', code = :code,
                            claimed_at = null, finished_at = now()
                          where id = :id and state = 'WORKING'
                          returning run_id, kind, subject_id, recipient_id, recipient_name,
                            language, code)
                        insert into results_certificate_issued (event_id, kind, subject_id,
                          recipient_id, recipient_name, language, code)
                        select r.event_id, d.kind, d.subject_id, d.recipient_id,
                          d.recipient_name, d.language, d.code
                        from d join results_certificate_runs r on r.id = d.run_id
                        on conflict do nothing""")
                .bind("id", itemId)
                .bind("code", code)
                .then();
    }

    Mono<Void> failed(UUID itemId, String reason) {
        return db.sql(
                        """
                        update results_certificate_items set state = 'FAILED', reason = :reason,
                          claimed_at = null, finished_at = now()
                        where id = :id and state = 'WORKING'""")
                .bind("id", itemId)
                .bind("reason", reason)
                .then();
    }

    /** Finishes the run once nothing in it is pending or being worked on. */
    Mono<Long> finish(UUID runId) {
        return db.sql(
                        """
                        update results_certificate_runs set state = 'DONE', finished_at = now()
                        where id = :run and state = 'ISSUING' and not exists (
                          select 1 from results_certificate_items
                          where run_id = :run and state in ('PENDING', 'WORKING'))""")
                .bind("run", runId)
                .fetch()
                .rowsUpdated();
    }

    /** A page of the certificates the event's runs issued, oldest first. */
    Flux<IssuedRow> issued(UUID eventId, PageRequest page) {
        var after = page.after();
        return db.sql(
                        """
                        select id, kind, subject_id, recipient_id, recipient_name, language, code,
                          created_at
                        from results_certificate_issued
                        where event_id = :event and (cast(:at as timestamptz) is null
                          or (created_at, id) > (:at, :after))
                        order by created_at, id limit :limit""")
                .bind("event", eventId)
                .bind(
                        "at",
                        Parameter.fromOrEmpty(
                                after == null ? null : after.createdAt(), Instant.class))
                .bind("after", Parameter.fromOrEmpty(after == null ? null : after.id(), UUID.class))
                .bind("limit", page.fetchSize())
                .map(EventCertificateRunRepository::issuedRow)
                .all();
    }

    private static Run run(Readable r) {
        return new Run(
                r.get("id", UUID.class),
                r.get("event_id", UUID.class),
                r.get("language", String.class),
                EventCertificateRun.State.valueOf(r.get("state", String.class)),
                r.get("requested_by", UUID.class),
                r.get("created_at", Instant.class),
                r.get("finished_at", Instant.class));
    }

    private static Item item(Readable r) {
        return new Item(
                r.get("id", UUID.class),
                r.get("run_id", UUID.class),
                new Certificates.Issue(
                        r.get("kind", String.class),
                        r.get("subject_id", UUID.class),
                        r.get("recipient_id", UUID.class),
                        r.get("recipient_name", String.class),
                        r.get("achievement", String.class),
                        r.get("context", String.class),
                        r.get("language", String.class)));
    }

    private static IssuedRow issuedRow(Readable r) {
        return new IssuedRow(
                r.get("id", UUID.class),
                r.get("kind", String.class),
                r.get("subject_id", UUID.class),
                r.get("recipient_id", UUID.class),
                r.get("recipient_name", String.class),
                r.get("language", String.class),
                r.get("code", String.class),
                r.get("created_at", Instant.class));
    }
}
