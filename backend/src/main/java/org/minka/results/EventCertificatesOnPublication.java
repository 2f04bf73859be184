package org.minka.results;

import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * When an event's results are published (and announced), its certificate run starts by itself, on
 * behalf of the organizer who published them, in the results' language: the winners' certificates
 * are issued with everyone else's, without an organizer having to ask. Starting is idempotent (an
 * unfinished run is answered), and each certificate is issued once per (kind, subject, recipient).
 * An event whose RESULTS phase is not open yet gets no run now; organizers start one when it opens.
 */
@Component
class EventCertificatesOnPublication {

    private static final Logger log = LoggerFactory.getLogger(EventCertificatesOnPublication.class);

    private final EventAccess events;
    private final ResultsRepository results;
    private final EventCertificateRunRepository runs;
    private final EventCertificateWorker worker;

    EventCertificatesOnPublication(
            EventAccess events,
            ResultsRepository results,
            EventCertificateRunRepository runs,
            EventCertificateWorker worker) {
        this.events = events;
        this.results = results;
        this.runs = runs;
        this.worker = worker;
    }

    /** Spring subscribes to the returned Mono (a reactive event listener). */
    @EventListener
    Mono<Void> onPublished(ResultsPublished published) {
        return events.isOpen(published.eventId(), Phase.RESULTS)
                .filter(Boolean::booleanValue)
                .flatMap(open -> started(published.eventId()))
                .doOnNext(run -> worker.wake())
                .doOnError(e -> log.warn("Certificate run after publication failed", e))
                .onErrorResume(e -> Mono.empty())
                .then();
    }

    private Mono<EventCertificateRunRepository.Run> started(UUID eventId) {
        return results.edition(eventId)
                .zipWith(results.lastUpdatedBy(eventId))
                .flatMap(t -> runs.start(eventId, t.getT1().language(), t.getT2()));
    }
}
