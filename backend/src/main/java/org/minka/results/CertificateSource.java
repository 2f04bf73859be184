package org.minka.results;

import java.util.UUID;
import org.minka.certificate.Certificates;
import reactor.core.publisher.Flux;

/**
 * One kind of recipient of an event's certificates (award winners, awarded publishers, the
 * participants of teams that submitted, mentors and judges who took part). The event's certificate
 * run asks every source for the certificates due once results are published, and issues each
 * through {@link Certificates#issue}, which is idempotent per (kind, subject, recipient), so a run
 * can be repeated safely.
 */
interface CertificateSource {

    /** The certificates due for the event, in the recipients' language. */
    Flux<Certificates.Issue> due(UUID eventId);
}
