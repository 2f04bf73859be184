package org.minka.results;

import java.util.UUID;
import org.minka.certificate.CertificateRevokerPort;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The event's organizers may revoke its participation, mentoring and judging certificates (whose
 * subject is the event); the revocation is written to the event's audit log.
 */
@Component
class EventCertificateRevoker implements CertificateRevokerPort {

    private final EventAccess events;

    EventCertificateRevoker(EventAccess events) {
        this.events = events;
    }

    @Override
    public boolean handles(String kind) {
        return EventCertificateRecipients.KINDS.contains(kind);
    }

    @Override
    public Mono<Boolean> mayRevoke(String kind, UUID subjectId, CurrentUser user) {
        return events.isOrganizer(subjectId, user);
    }

    @Override
    public Mono<UUID> auditedEvent(String kind, UUID subjectId) {
        return Mono.just(subjectId);
    }
}
