package org.minka.results;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.catalog.CatalogLookup;
import org.minka.catalog.Publisher;
import org.minka.certificate.Certificates;
import org.minka.event.EventAccess;
import org.minka.notification.EmailLanguages;
import org.minka.results.ResultsRows.Award;
import org.minka.results.ResultsRows.Edition;
import org.minka.security.UserDirectory;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Award certificates (kind {@code award}, subject the award): one for every member of an awarded
 * team, named by their display name (the team's name when they have none), and one for every
 * awarded publisher (recipient the publisher, named by its name). Nothing is due until the results
 * are public. Each is printed in the recipient's notification language when they chose one, else in
 * the run's language (the organizer's choice), or the results' {@code language} without a run.
 */
@Component
class AwardCertificateSource implements LocalizedCertificateSource {

    static final String KIND = "award";

    private final ResultsRepository repository;
    private final EventAccess events;
    private final TeamLookup teams;
    private final UserDirectory users;
    private final CatalogLookup catalog;
    private final EmailLanguages languages;
    private final Clock clock;

    AwardCertificateSource(
            ResultsRepository repository,
            EventAccess events,
            TeamLookup teams,
            UserDirectory users,
            CatalogLookup catalog,
            EmailLanguages languages,
            Clock clock) {
        this.repository = repository;
        this.events = events;
        this.teams = teams;
        this.users = users;
        this.catalog = catalog;
        this.languages = languages;
        this.clock = clock;
    }

    /** What the certificates print, read once per run. */
    private record Context(
            Edition edition,
            String fallback,
            Map<UUID, String> languages,
            String event,
            List<Award> awards,
            Map<UUID, String> challenges,
            Map<UUID, String> teamNames,
            List<TeamLookup.TeamMember> members,
            Map<UUID, String> people,
            Map<UUID, String> publishers,
            Map<UUID, String> datasets) {}

    @Override
    public Flux<Certificates.Issue> due(UUID eventId) {
        return due(eventId, null);
    }

    @Override
    public Flux<Certificates.Issue> due(UUID eventId, String fallbackLanguage) {
        return repository
                .edition(eventId)
                .filter(e -> e.publicAt(clock.instant()))
                .flatMap(e -> context(e, fallbackLanguage))
                .flatMapMany(c -> Flux.fromIterable(c.awards()).concatMap(a -> issues(c, a)));
    }

    private Mono<Context> context(Edition edition, String fallback) {
        UUID e = edition.eventId();
        return Mono.zip(
                        events.title(e),
                        repository.awards(e).collectList(),
                        events.challengeTitles(e)
                                .collectMap(
                                        EventAccess.ChallengeTitle::id,
                                        EventAccess.ChallengeTitle::title),
                        teams.eventMembers(e).collectList(),
                        datasetTitles(e))
                .flatMap(
                        t ->
                                named(
                                        edition,
                                        fallback == null ? edition.language() : fallback,
                                        t.getT1(),
                                        t.getT2(),
                                        t.getT3(),
                                        t.getT4(),
                                        t.getT5()));
    }

    private Mono<Map<UUID, String>> datasetTitles(UUID eventId) {
        return repository
                .placements(eventId)
                .flatMapIterable(ResultsRows.Placement::datasets)
                .filter(d -> d.datasetId() != null && d.title() != null)
                .collectMap(ResultsRows.DatasetRef::datasetId, ResultsRows.DatasetRef::title);
    }

    private Mono<Context> named(
            Edition edition,
            String fallback,
            String event,
            List<Award> awards,
            Map<UUID, String> challenges,
            List<TeamLookup.TeamMember> members,
            Map<UUID, String> datasets) {
        Set<UUID> teamIds =
                awards.stream()
                        .map(Award::teamId)
                        .filter(Objects::nonNull)
                        .collect(Collectors.toSet());
        List<TeamLookup.TeamMember> awarded =
                members.stream().filter(m -> teamIds.contains(m.teamId())).toList();
        Set<UUID> userIds =
                awarded.stream().map(TeamLookup.TeamMember::userId).collect(Collectors.toSet());
        return Mono.zip(
                        teams.names(teamIds),
                        users.namesOf(userIds),
                        publishers(awards),
                        languages.of(userIds))
                .map(
                        t ->
                                new Context(
                                        edition,
                                        fallback,
                                        t.getT4(),
                                        event,
                                        awards,
                                        challenges,
                                        t.getT1(),
                                        awarded,
                                        t.getT2(),
                                        t.getT3(),
                                        datasets));
    }

    private Mono<Map<UUID, String>> publishers(List<Award> awards) {
        return Flux.fromIterable(awards)
                .mapNotNull(Award::publisherId)
                .distinct()
                .concatMap(catalog::publisher)
                .collectMap(Publisher::id, Publisher::name);
    }

    private Flux<Certificates.Issue> issues(Context c, Award a) {
        if (a.teamId() != null) {
            return Flux.fromIterable(c.members())
                    .filter(m -> m.teamId().equals(a.teamId()))
                    .map(m -> issue(c, a, m.userId(), person(c, m), language(c, m.userId())));
        }
        if (a.publisherId() != null && c.publishers().containsKey(a.publisherId())) {
            String name = c.publishers().get(a.publisherId());
            return Flux.just(issue(c, a, a.publisherId(), name, c.fallback()));
        }
        return Flux.empty();
    }

    private static String language(Context c, UUID userId) {
        return c.languages().getOrDefault(userId, c.fallback());
    }

    private static String person(Context c, TeamLookup.TeamMember m) {
        String name = c.people().get(m.userId());
        return name == null || name.isBlank() ? c.teamNames().get(m.teamId()) : name;
    }

    private static Certificates.Issue issue(
            Context c, Award a, UUID recipient, String name, String language) {
        String achievement = achievement(c, a, "es".equals(language));
        return new Certificates.Issue(
                KIND, a.id(), recipient, name, achievement, c.event(), language);
    }

    /** What the award is for, in the results' language. */
    private static String achievement(Context c, Award a, boolean es) {
        String challenge = a.challengeId() == null ? null : c.challenges().get(a.challengeId());
        String team = a.teamId() == null ? null : c.teamNames().get(a.teamId());
        return switch (a.kind()) {
            case PLACE ->
                    es
                            ? "Puesto " + a.place() + " en el reto «" + challenge + "» con " + team
                            : "Place "
                                    + a.place()
                                    + " in the challenge “"
                                    + challenge
                                    + "” with "
                                    + team;
            case OVERALL -> es ? "Ganador general con " + team : "Overall winner with " + team;
            case PEOPLES_CHOICE ->
                    (es ? "Premio del Público con " : "People's Choice with ")
                            + team
                            + (challenge == null
                                    ? ""
                                    : es
                                            ? " (reto «" + challenge + "»)"
                                            : " (challenge “" + challenge + "”)");
            case DISTINCTION ->
                    es ? a.titleEs() + ": " + a.reasonEs() : a.titleEn() + ": " + a.reasonEn();
            case PUBLISHER ->
                    es
                            ? "Entidad cuyos datos abiertos usaron los equipos ganadores"
                            : "Public entity whose open data the winning teams used";
            case DATASET ->
                    (es
                                    ? "Publicó uno de los datos más usados de la edición: "
                                    : "Published one of the edition's most-used datasets: ")
                            + c.datasets()
                                    .getOrDefault(a.datasetId(), String.valueOf(a.datasetId()));
        };
    }
}
