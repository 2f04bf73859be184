package org.minka.results;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.certificate.Certificates;
import org.minka.submission.SubmissionAccess;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Participation certificates: every member of every team of the event that has a counted
 * (submitted) version. The subject is the event, not the team: one certificate per person and
 * edition, which stays valid if the team is later renamed or dissolved, and which the event's
 * organizers revoke.
 */
@Component
class ParticipantCertificateSource implements LocalizedCertificateSource {

    private final SubmissionAccess submissions;
    private final TeamLookup teams;
    private final EventCertificateRecipients recipients;

    ParticipantCertificateSource(
            SubmissionAccess submissions, TeamLookup teams, EventCertificateRecipients recipients) {
        this.submissions = submissions;
        this.teams = teams;
        this.recipients = recipients;
    }

    @Override
    public Flux<Certificates.Issue> due(UUID eventId, String fallbackLanguage) {
        return submittedTeams(eventId)
                .flatMap(submitted -> members(eventId, submitted))
                .flatMapMany(
                        list ->
                                recipients.issues(
                                        eventId,
                                        EventCertificateRecipients.PARTICIPATION,
                                        list,
                                        fallbackLanguage));
    }

    private Mono<Set<UUID>> submittedTeams(UUID eventId) {
        return submissions
                .countedVersions(eventId)
                .map(SubmissionAccess.CountedVersion::teamId)
                .collect(Collectors.toSet());
    }

    private Mono<List<EventCertificateRecipients.Recipient>> members(
            UUID eventId, Set<UUID> submitted) {
        return teams.eventMembers(eventId)
                .filter(m -> submitted.contains(m.teamId()))
                .collectList()
                .zipWith(teams.names(submitted))
                .map(t -> recipients(t.getT1(), t.getT2()));
    }

    private static List<EventCertificateRecipients.Recipient> recipients(
            List<TeamLookup.TeamMember> members, Map<UUID, String> names) {
        return members.stream()
                .collect(
                        Collectors.toMap(
                                TeamLookup.TeamMember::userId,
                                m -> names.getOrDefault(m.teamId(), ""),
                                (a, b) -> a,
                                java.util.LinkedHashMap::new))
                .entrySet()
                .stream()
                .map(e -> new EventCertificateRecipients.Recipient(e.getKey(), e.getValue()))
                .toList();
    }
}
