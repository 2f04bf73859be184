package org.minka.certificate;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class CertificateRepository {

    private static final String COLUMNS =
            """
            code, kind, subject_id, recipient_id, recipient_name, achievement, context, language,
            issued_at, object_key, revoked_at, revoke_reason""";

    private final DatabaseClient db;

    CertificateRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A certificate row. */
    record Row(
            String code,
            String kind,
            UUID subjectId,
            UUID recipientId,
            String recipientName,
            String achievement,
            String context,
            String language,
            Instant issuedAt,
            String objectKey,
            Instant revokedAt,
            String revokeReason) {}

    Mono<Row> find(String code) {
        return db.sql("select " + COLUMNS + " from certificates where code = :c")
                .bind("c", code)
                .map(CertificateRepository::row)
                .one();
    }

    Mono<Row> find(String kind, UUID subjectId, UUID recipientId) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from certificates where kind = :k and subject_id = :s"
                                + " and recipient_id = :r")
                .bind("k", kind)
                .bind("s", subjectId)
                .bind("r", recipientId)
                .map(CertificateRepository::row)
                .one();
    }

    Mono<Void> insert(Row r) {
        return db.sql(
                        """
                        insert into certificates (code, kind, subject_id, recipient_id,
                          recipient_name, achievement, context, language, issued_at, object_key)
                        values (:code, :kind, :subject, :recipient, :name, :achievement, :context,
                          :language, :issued, :key)""")
                .bind("code", r.code())
                .bind("kind", r.kind())
                .bind("subject", r.subjectId())
                .bind("recipient", r.recipientId())
                .bind("name", r.recipientName())
                .bind("achievement", r.achievement())
                .bind("context", r.context())
                .bind("language", r.language())
                .bind("issued", r.issuedAt())
                .bind("key", r.objectKey())
                .then();
    }

    /** Revokes a certificate not yet revoked; 0 when it was. */
    Mono<Long> revoke(String code, UUID by, String reason, Instant at) {
        return db.sql(
                        """
                        update certificates set revoked_at = :at, revoked_by = :by,
                          revoke_reason = :reason
                        where code = :c and revoked_at is null""")
                .bind("at", at)
                .bind("by", Parameter.fromOrEmpty(by, UUID.class))
                .bind("reason", reason)
                .bind("c", code)
                .fetch()
                .rowsUpdated();
    }

    /** Of these object keys, the ones that no row refers to. */
    Flux<String> unreferenced(Collection<String> keys) {
        return db.sql(
                        """
                        select k from unnest(cast(:keys as text[])) as k
                        where not exists (select 1 from certificates c where c.object_key = k)""")
                .bind("keys", keys.toArray(String[]::new))
                .map(row -> row.get(0, String.class))
                .all();
    }

    /** A transaction-scoped advisory lock for the sweep: one instance at a time. */
    Mono<Boolean> trySweepLock() {
        return db.sql("select pg_try_advisory_xact_lock(hashtext('certificate-reaper'))")
                .map(row -> row.get(0, Boolean.class))
                .one();
    }

    private static Row row(Readable r) {
        return new Row(
                r.get("code", String.class),
                r.get("kind", String.class),
                r.get("subject_id", UUID.class),
                r.get("recipient_id", UUID.class),
                r.get("recipient_name", String.class),
                r.get("achievement", String.class),
                r.get("context", String.class),
                r.get("language", String.class),
                r.get("issued_at", Instant.class),
                r.get("object_key", String.class),
                r.get("revoked_at", Instant.class),
                r.get("revoke_reason", String.class));
    }

    // For results: the state of an event's certificates, a page at a time.

    /** The certificates with these codes (those that exist). */
    Flux<Row> findAll(Collection<String> codes) {
        return db.sql("select " + COLUMNS + " from certificates where code = any(:codes)")
                .bind("codes", codes.toArray(String[]::new))
                .map(CertificateRepository::row)
                .all();
    }
}
