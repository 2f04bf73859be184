package org.minka.voting.fraud;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns findings into flags, idempotently. A finding whose event, kind and subject has an OPEN flag
 * adds its new ballots to that flag (and refreshes its evidence and score when it added any); the
 * same evidence again changes nothing. Without an OPEN flag (none yet, or the last one was
 * reviewed), a new flag is raised when none was ever raised for that subject, or when the finding
 * holds at least {@code reraise} ballots that no earlier flag of that subject named. Run it in the
 * scan's transaction, under the event's scan lock.
 */
@Component
class FlagStore {

    /** What became of one finding. */
    enum Outcome {
        RAISED,
        UPDATED,
        UNCHANGED
    }

    private final DatabaseClient db;
    private final JsonMapper json;

    FlagStore(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Mono<Outcome> record(UUID eventId, Finding finding, int reraise) {
        return openFlag(eventId, finding)
                .flatMap(flagId -> merged(flagId, finding))
                .switchIfEmpty(Mono.defer(() -> raisedIfNew(eventId, finding, reraise)));
    }

    private Mono<UUID> openFlag(UUID eventId, Finding finding) {
        return db.sql(
                        """
                        select id from voting_fraud_flags
                        where event_id = :event and kind = :kind and subject = :subject
                          and status = 'OPEN'
                        """)
                .bind("event", eventId)
                .bind("kind", finding.kind().name())
                .bind("subject", finding.subject())
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    private Mono<Outcome> merged(UUID flagId, Finding finding) {
        return link(flagId, finding)
                .flatMap(added -> added > 0 ? refreshed(flagId, finding) : unchanged());
    }

    private static Mono<Outcome> unchanged() {
        return Mono.just(Outcome.UNCHANGED);
    }

    private Mono<Long> link(UUID flagId, Finding finding) {
        return db.sql(
                        """
                        insert into voting_fraud_flag_ballots (flag_id, ballot_id)
                        select :flag, b from unnest(cast(:ballots as uuid[])) as b
                        on conflict do nothing
                        """)
                .bind("flag", flagId)
                .bind("ballots", finding.ballotIds().toArray(UUID[]::new))
                .fetch()
                .rowsUpdated();
    }

    private Mono<Outcome> refreshed(UUID flagId, Finding finding) {
        return db.sql(
                        """
                        update voting_fraud_flags
                        set evidence = cast(:evidence as jsonb), score = :score, updated_at = now()
                        where id = :flag
                        """)
                .bind("flag", flagId)
                .bind("evidence", json.writeValueAsString(finding.evidence()))
                .bind("score", finding.score())
                .then()
                .thenReturn(Outcome.UPDATED);
    }

    /** How many of the finding's ballots no flag of its subject named, and whether one existed. */
    private record Novelty(boolean flaggedBefore, long newBallots) {}

    private Mono<Outcome> raisedIfNew(UUID eventId, Finding finding, int reraise) {
        return novelty(eventId, finding)
                .flatMap(
                        n ->
                                !n.flaggedBefore() || n.newBallots() >= reraise
                                        ? raised(eventId, finding)
                                        : unchanged());
    }

    private Mono<Novelty> novelty(UUID eventId, Finding finding) {
        return db.sql(
                        """
                        with earlier as (
                            select fb.ballot_id from voting_fraud_flags f
                            join voting_fraud_flag_ballots fb on fb.flag_id = f.id
                            where f.event_id = :event and f.kind = :kind and f.subject = :subject)
                        select exists (select 1 from voting_fraud_flags f
                                       where f.event_id = :event and f.kind = :kind
                                         and f.subject = :subject) as before,
                               (select count(*) from unnest(cast(:ballots as uuid[])) as b
                                where b not in (select ballot_id from earlier)) as fresh
                        """)
                .bind("event", eventId)
                .bind("kind", finding.kind().name())
                .bind("subject", finding.subject())
                .bind("ballots", finding.ballotIds().toArray(UUID[]::new))
                .map(
                        row ->
                                new Novelty(
                                        Boolean.TRUE.equals(row.get("before", Boolean.class)),
                                        row.get("fresh", Long.class)))
                .one();
    }

    private Mono<Outcome> raised(UUID eventId, Finding finding) {
        return db.sql(
                        """
                        insert into voting_fraud_flags (event_id, kind, subject, score, evidence)
                        values (:event, :kind, :subject, :score, cast(:evidence as jsonb))
                        returning id
                        """)
                .bind("event", eventId)
                .bind("kind", finding.kind().name())
                .bind("subject", finding.subject())
                .bind("score", finding.score())
                .bind("evidence", json.writeValueAsString(finding.evidence()))
                .map(row -> row.get("id", UUID.class))
                .one()
                .flatMap(flagId -> link(flagId, finding))
                .thenReturn(Outcome.RAISED);
    }
}
