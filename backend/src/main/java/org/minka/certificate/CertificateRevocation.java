package org.minka.certificate;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Revocation: by an admin, or by whoever the issuing module's {@link CertificateRevokerPort} names
 * (a course's manager). The reason is public; the revocation is audited in the same transaction.
 */
@Service
class CertificateRevocation {

    private final CertificateReads reads;
    private final CertificateRepository repository;
    private final List<CertificateRevokerPort> revokers;
    private final AuditLog audit;
    private final Clock clock;
    private final TransactionalOperator tx;

    CertificateRevocation(
            CertificateReads reads,
            CertificateRepository repository,
            List<CertificateRevokerPort> revokers,
            AuditLog audit,
            Clock clock,
            ReactiveTransactionManager transactions) {
        this.reads = reads;
        this.repository = repository;
        this.revokers = revokers;
        this.audit = audit;
        this.clock = clock;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** Revokes the certificate; 409 when it already is, 403 for a caller who may not. */
    Mono<Certificate> revoke(String code, String reason, CurrentUser user) {
        return reads.row(code)
                .flatMap(row -> allowed(row, user).thenReturn(row))
                .flatMap(row -> revoked(row, reason.strip(), user))
                .then(Mono.defer(() -> reads.verify(code)));
    }

    private Mono<Void> allowed(CertificateRepository.Row row, CurrentUser user) {
        if (user.admin()) {
            return Mono.empty();
        }
        Mono<Boolean> any =
                Flux.fromIterable(revokers)
                        .filter(port -> port.handles(row.kind()))
                        .concatMap(port -> port.mayRevoke(row.kind(), row.subjectId(), user))
                        .any(Boolean::booleanValue);
        return Checks.require(any, MinkaException::forbidden);
    }

    private Mono<Void> revoked(CertificateRepository.Row row, String reason, CurrentUser user) {
        Mono<Void> update =
                Checks.updatedOrFail(
                        repository.revoke(row.code(), user.id(), reason, clock.instant()),
                        () -> new MinkaException(ProblemType.CERTIFICATE_REVOKED));
        Map<String, Object> details =
                Map.of(
                        "code", row.code(),
                        "kind", row.kind(),
                        "subjectId", row.subjectId().toString(),
                        "reason", reason);
        return update.then(auditedEvent(row))
                .flatMap(event -> audit.record(event.orElse(null), user.id(), ACTION, details))
                .as(tx::transactional);
    }

    private static final String ACTION = "certificate.revoked";

    /** The event the issuing module names for the audit entry, if any. */
    private Mono<java.util.Optional<java.util.UUID>> auditedEvent(CertificateRepository.Row row) {
        return Flux.fromIterable(revokers)
                .filter(port -> port.handles(row.kind()))
                .concatMap(port -> port.auditedEvent(row.kind(), row.subjectId()))
                .next()
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty());
    }
}
