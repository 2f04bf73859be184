package org.minka.certificate;

import org.minka.common.MinkaException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The public verification of a code, and its PDF. */
@Service
class CertificateReads {

    /** The largest PDF served (certificates are one page, a few kilobytes). */
    static final int MAX_PDF_BYTES = 2 * 1024 * 1024;

    private final CertificateRepository repository;
    private final org.minka.storage.ObjectStore store;
    private final CertificateProperties properties;

    CertificateReads(
            CertificateRepository repository,
            org.minka.storage.ObjectStore store,
            CertificateProperties properties) {
        this.repository = repository;
        this.store = store;
        this.properties = properties;
    }

    /** The certificate with this code; a code that is not one is simply not found. */
    Mono<Certificate> verify(String code) {
        return row(code).map(this::view);
    }

    /** The certificate's PDF, revoked or not (the verify page says which). */
    Mono<byte[]> pdf(String code) {
        return row(code).flatMap(r -> store.read(r.objectKey(), MAX_PDF_BYTES));
    }

    Mono<CertificateRepository.Row> row(String code) {
        String key = Certificates.wellFormed(code) ? code : "";
        return repository
                .find(key)
                .switchIfEmpty(Mono.error(MinkaException.notFound("certificate")));
    }

    Certificate view(CertificateRepository.Row r) {
        return new Certificate(
                r.code(),
                r.kind(),
                r.subjectId(),
                r.recipientName(),
                r.achievement(),
                r.context(),
                r.language(),
                r.issuedAt(),
                r.revokedAt() != null,
                r.revokedAt(),
                r.revokeReason(),
                properties.verifyUrl(r.code()),
                "/api/v1/certificates/" + r.code() + "/pdf");
    }
}
