package org.minka.event;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.minka.common.Cursor;
import org.minka.common.PageRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class ChallengeProposalRepository {

    private static final String COLUMNS =
            "id, event_id, publisher_id, title, statement, themes, dataset_ids, status, reason,"
                    + " challenge_id, proposed_by, decided_by, created_at, decided_at, version";

    private final DatabaseClient db;
    private final EventFactsCache cache;

    ChallengeProposalRepository(DatabaseClient db, EventFactsCache cache) {
        this.db = db;
        this.cache = cache;
    }

    Mono<ChallengeProposal> insert(
            UUID eventId,
            UUID publisherId,
            String title,
            String statement,
            List<String> themes,
            List<UUID> datasetIds,
            UUID by) {
        return db.sql(
                        "insert into challenge_proposals (event_id, publisher_id, title, statement, themes,"
                                + " dataset_ids, proposed_by) values (:event, :publisher, :title, :statement,"
                                + " :themes, :datasets, :by) returning "
                                + COLUMNS)
                .bind("event", eventId)
                .bind("publisher", publisherId)
                .bind("title", title)
                .bind("statement", statement)
                .bind("themes", themes.toArray(String[]::new))
                .bind("datasets", datasetIds.toArray(UUID[]::new))
                .bind("by", by)
                .map(ChallengeProposalRepository::toProposal)
                .one();
    }

    Mono<ChallengeProposal> find(UUID eventId, UUID id) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from challenge_proposals where event_id = :event and id = :id")
                .bind("event", eventId)
                .bind("id", id)
                .map(ChallengeProposalRepository::toProposal)
                .one();
    }

    Flux<ChallengeProposal> findPage(
            UUID eventId, ChallengeProposal.Status status, PageRequest page) {
        Cursor after = page.after();
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "select "
                                        + COLUMNS
                                        + " from challenge_proposals where event_id = :event"
                                        + (status == null ? "" : " and status = :status")
                                        + (after == null
                                                ? ""
                                                : " and (created_at, id) > (:at, :id)")
                                        + " order by created_at, id limit :limit")
                        .bind("event", eventId)
                        .bind("limit", page.fetchSize());
        if (status != null) {
            spec = spec.bind("status", status.name());
        }
        if (after != null) {
            spec = spec.bind("at", after.createdAt()).bind("id", after.id());
        }
        return spec.map(ChallengeProposalRepository::toProposal).all();
    }

    /** Decides a pending proposal; empty when it was no longer pending. */
    Mono<ChallengeProposal> decide(
            UUID id, ChallengeProposal.Status status, String reason, UUID by) {
        return db.sql(
                        "update challenge_proposals set status = :status, reason = :reason, decided_by = :by,"
                                + " decided_at = now(), version = version + 1"
                                + " where id = :id and status = 'PENDING' returning "
                                + COLUMNS)
                .bind("id", id)
                .bind("status", status.name())
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .bind("by", by)
                .map(ChallengeProposalRepository::toProposal)
                .one();
    }

    Mono<ChallengeProposal> setChallenge(UUID id, UUID challengeId) {
        return db.sql(
                        "update challenge_proposals set challenge_id = :challenge where id = :id returning "
                                + COLUMNS)
                .bind("id", id)
                .bind("challenge", challengeId)
                .map(ChallengeProposalRepository::toProposal)
                .one()
                .flatMap(p -> cache.forgettingEverywhere(p.eventId()).thenReturn(p));
    }

    private static ChallengeProposal toProposal(Readable row) {
        return new ChallengeProposal(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("publisher_id", UUID.class),
                row.get("title", String.class),
                row.get("statement", String.class),
                Arrays.asList(row.get("themes", String[].class)),
                Arrays.asList(row.get("dataset_ids", UUID[].class)),
                ChallengeProposal.Status.valueOf(row.get("status", String.class)),
                row.get("reason", String.class),
                row.get("challenge_id", UUID.class),
                row.get("proposed_by", UUID.class),
                row.get("decided_by", UUID.class),
                row.get("created_at", Instant.class),
                row.get("decided_at", Instant.class),
                row.get("version", Long.class));
    }
}
