package org.minka.results;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.certificate.Certificates;
import org.minka.event.EventAccess;
import org.minka.judging.JudgingParticipation;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Judging certificates: the event's active judges who took part, that is who submitted a score,
 * cast a finals ballot or decided a pairwise comparison. Subject: the event.
 */
@Component
class JudgeCertificateSource implements LocalizedCertificateSource {

    private final EventAccess events;
    private final JudgingParticipation judging;
    private final EventCertificateRecipients recipients;

    JudgeCertificateSource(
            EventAccess events,
            JudgingParticipation judging,
            EventCertificateRecipients recipients) {
        this.events = events;
        this.judging = judging;
        this.recipients = recipients;
    }

    @Override
    public Flux<Certificates.Issue> due(UUID eventId, String fallbackLanguage) {
        return judgesWhoTookPart(eventId)
                .flatMapMany(
                        list ->
                                recipients.issues(
                                        eventId,
                                        EventCertificateRecipients.JUDGING,
                                        list,
                                        fallbackLanguage));
    }

    private Mono<List<EventCertificateRecipients.Recipient>> judgesWhoTookPart(UUID eventId) {
        Mono<Set<UUID>> active = judging.judgesWhoTookPart(eventId).collect(Collectors.toSet());
        return active.flatMap(a -> judgesAmong(eventId, a));
    }

    private Mono<List<EventCertificateRecipients.Recipient>> judgesAmong(
            UUID eventId, Set<UUID> active) {
        return events.judgeScopes(eventId)
                .map(EventAccess.ScopedMember::userId)
                .filter(active::contains)
                .distinct()
                .map(id -> new EventCertificateRecipients.Recipient(id, null))
                .collectList();
    }
}
