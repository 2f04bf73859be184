package org.minka.certificate;

import java.util.UUID;
import org.minka.security.CurrentUser;
import reactor.core.publisher.Mono;

/**
 * Who besides an admin may revoke a certificate of a kind: asked of the module that issues that
 * kind (a course's manager, an event's organizers). One implementation per issuing module.
 */
public interface CertificateRevokerPort {

    /** Whether this port answers for certificates of the kind. */
    boolean handles(String kind);

    /** Whether the user may revoke the certificate of this kind issued for the subject. */
    Mono<Boolean> mayRevoke(String kind, UUID subjectId, CurrentUser user);

    /**
     * The event whose audit log records a revocation of this kind's certificate for the subject;
     * empty when it belongs to no event (the revocation is audited without one).
     */
    default Mono<UUID> auditedEvent(String kind, UUID subjectId) {
        return Mono.empty();
    }
}
