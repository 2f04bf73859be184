package org.minka.results;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.certificate.Certificates;
import org.minka.event.EventAccess;
import org.minka.notification.EmailLanguages;
import org.minka.security.UserDirectory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The texts of the event certificates that are not awards: participation, mentoring and judging.
 * The subject of each is the event, so a person gets one certificate of a kind per event, and the
 * event's organizers are the ones who may revoke it. Each is printed in the recipient's language
 * (their notification language) when they chose one, else in the run's.
 */
@Component
class EventCertificateRecipients {

    static final String PARTICIPATION = "participation";
    static final String MENTORING = "mentoring";
    static final String JUDGING = "judging";
    static final Set<String> KINDS = Set.of(PARTICIPATION, MENTORING, JUDGING);

    /** Spanish: Minka's editions are Peruvian. */
    static final String DEFAULT_LANGUAGE = "es";

    private final EventAccess events;
    private final UserDirectory users;
    private final EmailLanguages languages;

    EventCertificateRecipients(EventAccess events, UserDirectory users, EmailLanguages languages) {
        this.events = events;
        this.users = users;
        this.languages = languages;
    }

    /** One recipient: the user, and the team they were in (participants only). */
    record Recipient(UUID userId, String team) {}

    private record Known(String event, Map<UUID, String> names, Map<UUID, String> languages) {}

    /** The certificates of this kind for these recipients. */
    Flux<Certificates.Issue> issues(
            UUID eventId, String kind, List<Recipient> recipients, String fallback) {
        if (recipients.isEmpty()) {
            return Flux.empty();
        }
        return known(eventId, recipients)
                .flatMapMany(
                        k ->
                                Flux.fromIterable(recipients)
                                        .map(r -> issue(eventId, kind, r, k, fallback)));
    }

    private Mono<Known> known(UUID eventId, List<Recipient> recipients) {
        List<UUID> ids = recipients.stream().map(Recipient::userId).toList();
        return Mono.zip(events.title(eventId), users.namesOf(ids), languages.of(ids))
                .map(z -> new Known(z.getT1(), z.getT2(), z.getT3()));
    }

    private static Certificates.Issue issue(
            UUID eventId, String kind, Recipient r, Known k, String fallback) {
        String language = k.languages().getOrDefault(r.userId(), fallback);
        boolean es = "es".equals(language);
        String name = k.names().get(r.userId());
        String who = name == null || name.isBlank() ? (es ? "Participante" : "Participant") : name;
        return new Certificates.Issue(
                kind, eventId, r.userId(), who, achievement(kind, r, es), k.event(), language);
    }

    static String achievement(String kind, Recipient r, boolean es) {
        return switch (kind) {
            case PARTICIPATION -> participation(r.team(), es);
            case MENTORING ->
                    es
                            ? "acompañó como mentor o mentora a los equipos participantes"
                            : "mentored the participating teams";
            default ->
                    es
                            ? "integró el jurado y evaluó las soluciones presentadas"
                            : "served on the jury and evaluated the submitted solutions";
        };
    }

    private static String participation(String team, boolean es) {
        if (team == null || team.isBlank()) {
            return es
                    ? "participó en un equipo que presentó una solución"
                    : "took part in a team that submitted a solution";
        }
        return es
                ? "participó como integrante del equipo \u201c"
                        + team
                        + "\u201d, que presentó una solución"
                : "took part as a member of the team \u201c"
                        + team
                        + "\u201d, which submitted a solution";
    }
}
