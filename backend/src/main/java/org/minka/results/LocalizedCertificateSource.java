package org.minka.results;

import java.util.UUID;
import org.minka.certificate.Certificates;
import reactor.core.publisher.Flux;

/**
 * A {@link CertificateSource} that prints each certificate in its recipient's language when they
 * chose one, and otherwise in the language the organizer picked for the run.
 */
interface LocalizedCertificateSource extends CertificateSource {

    /** The certificates due, in each recipient's language or else in {@code fallbackLanguage}. */
    Flux<Certificates.Issue> due(UUID eventId, String fallbackLanguage);

    @Override
    default Flux<Certificates.Issue> due(UUID eventId) {
        return due(eventId, EventCertificateRecipients.DEFAULT_LANGUAGE);
    }
}
