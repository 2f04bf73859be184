package org.minka.certificate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.storage.ObjectStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issues certificates for the modules that award them (recognition's courses, results' awards):
 * renders the PDF off the event loop, stores it, then writes the row. Issuing is idempotent per
 * (kind, subject, recipient): a second call, or a concurrent one, answers the certificate already
 * issued, and a PDF stored by the loser of a race is deleted.
 */
@Service
@EnableConfigurationProperties(CertificateProperties.class)
public class Certificates {

    static final String PREFIX = "certificates/";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CertificateRepository repository;
    private final ObjectStore store;
    private final CertificateProperties properties;
    private final Clock clock;

    Certificates(
            CertificateRepository repository,
            ObjectStore store,
            CertificateProperties properties,
            Clock clock) {
        this.repository = repository;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What to certify: a kind ({@code course}, {@code award}...), the subject (the course, the
     * award), the recipient (a user, or a publisher) and their display name, the achievement and
     * its context as printed, in the language given ({@code es} or {@code en}).
     */
    public record Issue(
            String kind,
            UUID subjectId,
            UUID recipientId,
            String recipientName,
            String achievement,
            String context,
            String language) {}

    /** An issued certificate: its code and public verify URL. */
    public record Issued(String code, String verifyUrl, Instant issuedAt, boolean revoked) {}

    /**
     * Issues the certificate, or answers the one already issued for (kind, subject, recipient).
     * Fails with a validation problem on a blank text, an unknown language or a bad kind.
     */
    public Mono<Issued> issue(Issue issue) {
        return Mono.fromRunnable(() -> check(issue))
                .then(Mono.defer(() -> existing(issue)))
                .switchIfEmpty(Mono.defer(() -> fresh(issue)));
    }

    /** The certificate issued for (kind, subject, recipient), or empty. */
    public Mono<Issued> find(String kind, UUID subjectId, UUID recipientId) {
        return repository.find(kind, subjectId, recipientId).map(this::issued);
    }

    private Mono<Issued> existing(Issue issue) {
        return find(issue.kind(), issue.subjectId(), issue.recipientId());
    }

    private Mono<Issued> fresh(Issue issue) {
        return Mono.fromCallable(() -> rendered(issue))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(this::stored)
                .flatMap(r -> inserted(issue, r));
    }

    private record Rendered(CertificateRepository.Row row, byte[] pdf) {}

    private Rendered rendered(Issue issue) {
        String code = newCode();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CertificateRepository.Row row =
                new CertificateRepository.Row(
                        code,
                        issue.kind(),
                        issue.subjectId(),
                        issue.recipientId(),
                        issue.recipientName().strip(),
                        issue.achievement().strip(),
                        issue.context().strip(),
                        issue.language(),
                        at,
                        PREFIX + code + ".pdf",
                        null,
                        null);
        return new Rendered(row, CertificateRenderer.render(page(row)));
    }

    CertificateRenderer.Page page(CertificateRepository.Row row) {
        return new CertificateRenderer.Page(
                row.language(),
                row.recipientName(),
                row.achievement(),
                row.context(),
                row.issuedAt(),
                ZoneId.of(properties.zone()),
                row.code(),
                properties.verifyUrl(row.code()));
    }

    private Mono<Rendered> stored(Rendered r) {
        return store.put(r.row().objectKey(), r.pdf(), "application/pdf").thenReturn(r);
    }

    private Mono<Issued> inserted(Issue issue, Rendered r) {
        return repository
                .insert(r.row())
                .thenReturn(issued(r.row()))
                .onErrorResume(DuplicateKeyException.class, e -> lostRace(issue, r));
    }

    private Mono<Issued> lostRace(Issue issue, Rendered r) {
        return store.delete(r.row().objectKey()).then(existing(issue));
    }

    Issued issued(CertificateRepository.Row row) {
        return new Issued(
                row.code(),
                properties.verifyUrl(row.code()),
                row.issuedAt(),
                row.revokedAt() != null);
    }

    static String newCode() {
        byte[] bytes = new byte[17];
        RANDOM.nextBytes(bytes);
        StringBuilder code = new StringBuilder();
        long buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && code.length() < 26) {
                code.append(BASE32[(int) ((buffer >> (bits - 5)) & 31)]);
                bits -= 5;
            }
        }
        return code.toString();
    }

    /** Whether a string could be a code (26 base32 letters): anything else is simply not found. */
    static boolean wellFormed(String code) {
        return code != null && code.matches("[A-Z2-7]{26}");
    }

    private static void check(Issue issue) {
        if (issue.kind() == null || !issue.kind().matches("[a-z][a-z0-9-]{1,39}")) {
            throw MinkaException.invalid("kind", "must be lower-case letters, digits, dashes");
        }
        if (issue.subjectId() == null || issue.recipientId() == null) {
            throw MinkaException.invalid("subjectId", "subject and recipient are required");
        }
        if (!"es".equals(issue.language()) && !"en".equals(issue.language())) {
            throw MinkaException.invalid("language", "must be es or en");
        }
        blank("recipientName", issue.recipientName(), 300);
        blank("achievement", issue.achievement(), 1000);
        blank("context", issue.context(), 300);
    }

    private static void blank(String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw MinkaException.invalid(field, "must have 1 to " + max + " characters");
        }
    }

    // For results: the state of an event's certificates, a page at a time.

    /** The certificates with these codes (those that exist), in no particular order. */
    public reactor.core.publisher.Flux<Issued> findAll(java.util.Collection<String> codes) {
        if (codes.isEmpty()) {
            return reactor.core.publisher.Flux.empty();
        }
        return repository.findAll(codes).map(this::issued);
    }
}
