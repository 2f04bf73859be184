package org.minka.results;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.certificate.Certificates;
import org.minka.event.EventAccess;
import org.minka.mentoring.MentoringAccess;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Mentoring certificates: the event's active mentors who took part, that is who commented (on a
 * submission or a help request) or claimed a help request. Subject: the event.
 */
@Component
class MentorCertificateSource implements LocalizedCertificateSource {

    private final EventAccess events;
    private final MentoringAccess mentoring;
    private final EventCertificateRecipients recipients;

    MentorCertificateSource(
            EventAccess events, MentoringAccess mentoring, EventCertificateRecipients recipients) {
        this.events = events;
        this.mentoring = mentoring;
        this.recipients = recipients;
    }

    @Override
    public Flux<Certificates.Issue> due(UUID eventId, String fallbackLanguage) {
        return mentorsWhoHelped(eventId)
                .flatMapMany(
                        list ->
                                recipients.issues(
                                        eventId,
                                        EventCertificateRecipients.MENTORING,
                                        list,
                                        fallbackLanguage));
    }

    private Mono<List<EventCertificateRecipients.Recipient>> mentorsWhoHelped(UUID eventId) {
        Mono<Set<UUID>> helpers = mentoring.activeHelpers(eventId).collect(Collectors.toSet());
        return helpers.flatMap(h -> mentorsAmong(eventId, h));
    }

    private Mono<List<EventCertificateRecipients.Recipient>> mentorsAmong(
            UUID eventId, Set<UUID> helpers) {
        return events.mentorScopes(eventId)
                .map(EventAccess.ScopedMember::userId)
                .filter(helpers::contains)
                .distinct()
                .map(id -> new EventCertificateRecipients.Recipient(id, null))
                .collectList();
    }
}
