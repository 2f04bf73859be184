package org.minka.results;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.minka.catalog.CatalogLookup;
import org.minka.catalog.Publisher;
import org.minka.event.EventAccess;
import org.minka.results.ResultsRows.Award;
import org.minka.results.ResultsRows.DatasetRef;
import org.minka.results.ResultsRows.Disqualification;
import org.minka.results.ResultsRows.Edition;
import org.minka.results.ResultsRows.Placement;
import org.minka.results.ResultsViews.AwardView;
import org.minka.results.ResultsViews.ChallengeView;
import org.minka.results.ResultsViews.DatasetView;
import org.minka.results.ResultsViews.PublisherView;
import org.minka.results.ResultsViews.Ranked;
import org.minka.results.ResultsViews.TeamView;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads an event's results and names what they refer to: challenge titles, team names with their
 * members' display names (never emails), publishers' names, and the gallery links when the event's
 * gallery is open.
 */
@Component
class ResultsComposer {

    private final ResultsRepository repository;
    private final EventAccess events;
    private final TeamLookup teams;
    private final UserDirectory users;
    private final CatalogLookup catalog;

    ResultsComposer(
            ResultsRepository repository,
            EventAccess events,
            TeamLookup teams,
            UserDirectory users,
            CatalogLookup catalog) {
        this.repository = repository;
        this.events = events;
        this.teams = teams;
        this.users = users;
        this.catalog = catalog;
    }

    /** An event's stored results. */
    record Loaded(
            Edition edition,
            List<Placement> placements,
            List<Award> awards,
            List<Disqualification> disqualifications) {

        Map<UUID, String> disqualified() {
            Map<UUID, String> out = new LinkedHashMap<>();
            disqualifications.forEach(d -> out.put(d.submissionId(), d.reason()));
            return out;
        }
    }

    /** The names the views show. */
    record Names(
            UUID eventId,
            Map<UUID, String> challenges,
            Map<UUID, String> teams,
            Map<UUID, List<String>> members,
            Map<UUID, String> publishers,
            boolean galleryOpen) {}

    Mono<Loaded> load(Edition edition) {
        UUID e = edition.eventId();
        return Mono.zip(
                        repository.placements(e).collectList(),
                        repository.awards(e).collectList(),
                        repository.disqualifications(e).collectList())
                .map(t -> new Loaded(edition, t.getT1(), t.getT2(), t.getT3()));
    }

    Mono<Names> names(Loaded loaded, CurrentUser user) {
        UUID e = loaded.edition().eventId();
        Set<UUID> teamIds = teamIds(loaded);
        return Mono.zip(
                        challengeTitles(e),
                        teams.names(teamIds),
                        members(e, teamIds),
                        publishers(publisherIds(loaded)),
                        events.galleryOpen(e, user))
                .map(t -> new Names(e, t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5()));
    }

    private Mono<Map<UUID, String>> challengeTitles(UUID eventId) {
        return events.challengeTitles(eventId)
                .collectMap(
                        EventAccess.ChallengeTitle::id,
                        EventAccess.ChallengeTitle::title,
                        LinkedHashMap::new);
    }

    private static Set<UUID> teamIds(Loaded loaded) {
        Set<UUID> ids = new HashSet<>();
        loaded.placements().forEach(p -> ids.add(p.teamId()));
        loaded.awards().stream().map(Award::teamId).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    private static Set<UUID> publisherIds(Loaded loaded) {
        Set<UUID> ids = new HashSet<>();
        loaded.awards().stream().map(Award::publisherId).filter(Objects::nonNull).forEach(ids::add);
        loaded.placements().stream()
                .flatMap(p -> p.datasets().stream())
                .map(DatasetRef::publisherId)
                .filter(Objects::nonNull)
                .forEach(ids::add);
        return ids;
    }

    /** Display names of each team's members, in the order they joined; unnamed users left out. */
    private Mono<Map<UUID, List<String>>> members(UUID eventId, Set<UUID> teamIds) {
        return teams.eventMembers(eventId)
                .filter(m -> teamIds.contains(m.teamId()))
                .collectList()
                .flatMap(this::memberNames);
    }

    private Mono<Map<UUID, List<String>>> memberNames(List<TeamLookup.TeamMember> members) {
        Set<UUID> ids =
                members.stream().map(TeamLookup.TeamMember::userId).collect(Collectors.toSet());
        return users.namesOf(ids).map(names -> byTeam(members, names));
    }

    private static Map<UUID, List<String>> byTeam(
            List<TeamLookup.TeamMember> members, Map<UUID, String> names) {
        Map<UUID, List<String>> out = new LinkedHashMap<>();
        for (TeamLookup.TeamMember m : members) {
            List<String> team = out.computeIfAbsent(m.teamId(), k -> new ArrayList<>());
            String name = names.get(m.userId());
            if (name != null && !name.isBlank()) {
                team.add(name);
            }
        }
        return out;
    }

    private Mono<Map<UUID, String>> publishers(Collection<UUID> ids) {
        return Flux.fromIterable(ids)
                .concatMap(catalog::publisher)
                .collectMap(Publisher::id, Publisher::name);
    }

    // The views.

    ResultsViews.Draft draft(Loaded loaded, Names names, java.time.Instant now) {
        Edition e = loaded.edition();
        return new ResultsViews.Draft(
                e.eventId(),
                status(e, now),
                e.publishAt(),
                e.places(),
                e.overallWinner(),
                e.licence(),
                e.language(),
                e.builtAt(),
                e.version(),
                challenges(loaded, names, false),
                awards(loaded, names),
                loaded.disqualifications().stream()
                        .map(
                                d ->
                                        new ResultsViews.DisqualificationView(
                                                d.submissionId(), d.reason(), d.at()))
                        .toList());
    }

    private static ResultsViews.Status status(Edition e, java.time.Instant now) {
        if (e.publishAt() == null) {
            return ResultsViews.Status.DRAFT;
        }
        return e.publicAt(now) ? ResultsViews.Status.PUBLISHED : ResultsViews.Status.SCHEDULED;
    }

    ResultsViews.Page page(Loaded loaded, Names names) {
        Edition e = loaded.edition();
        return new ResultsViews.Page(
                e.eventId(),
                e.publishAt(),
                e.licence(),
                awards(loaded, names),
                challenges(loaded, names, true));
    }

    /** The ranked submissions as rows of the open data, by challenge then place. */
    List<ResultsViews.Row> rows(Loaded loaded, Names names) {
        return challenges(loaded, names, true).stream()
                .flatMap(c -> c.ranking().stream().map(r -> row(c, r)))
                .toList();
    }

    private static ResultsViews.Row row(ChallengeView c, Ranked r) {
        return new ResultsViews.Row(
                c.challengeId(),
                c.title(),
                r.place(),
                r.team().name(),
                r.score(),
                r.votes(),
                r.datasets().stream().map(DatasetView::url).toList());
    }

    private List<ChallengeView> challenges(Loaded loaded, Names names, boolean rankedOnly) {
        Map<UUID, String> disqualified = loaded.disqualified();
        Map<UUID, List<Ranked>> byChallenge = new LinkedHashMap<>();
        names.challenges().keySet().forEach(c -> byChallenge.put(c, new ArrayList<>()));
        for (Placement p : loaded.placements()) {
            if (rankedOnly && p.place() == null) {
                continue;
            }
            byChallenge
                    .computeIfAbsent(p.challengeId(), k -> new ArrayList<>())
                    .add(ranked(p, names, rankedOnly ? null : disqualified.get(p.submissionId())));
        }
        return byChallenge.entrySet().stream()
                .map(
                        en ->
                                new ChallengeView(
                                        en.getKey(),
                                        names.challenges().get(en.getKey()),
                                        en.getValue()))
                .toList();
    }

    private Ranked ranked(Placement p, Names names, String disqualified) {
        return new Ranked(
                p.submissionId(),
                team(p.teamId(), names),
                p.place(),
                p.tied(),
                p.score(),
                p.votes(),
                p.source(),
                disqualified,
                p.datasets().stream().map(d -> dataset(d, names)).toList(),
                gallery(p.teamId(), names));
    }

    private static TeamView team(UUID teamId, Names names) {
        if (teamId == null) {
            return null;
        }
        return new TeamView(
                teamId, names.teams().get(teamId), names.members().getOrDefault(teamId, List.of()));
    }

    private static DatasetView dataset(DatasetRef d, Names names) {
        return new DatasetView(
                d.url(), d.title(), d.datasetId(), publisher(d.publisherId(), names));
    }

    private static PublisherView publisher(UUID id, Names names) {
        return id == null ? null : new PublisherView(id, names.publishers().get(id));
    }

    private static String gallery(UUID teamId, Names names) {
        if (teamId == null || !names.galleryOpen()) {
            return null;
        }
        return "/api/v1/events/" + names.eventId() + "/gallery/teams/" + teamId;
    }

    private List<AwardView> awards(Loaded loaded, Names names) {
        Map<UUID, Placement> bySubmission = new LinkedHashMap<>();
        loaded.placements().forEach(p -> bySubmission.put(p.submissionId(), p));
        return loaded.awards().stream().map(a -> award(a, bySubmission, names)).toList();
    }

    private AwardView award(Award a, Map<UUID, Placement> placements, Names names) {
        return new AwardView(
                a.id(),
                a.kind(),
                a.challengeId(),
                a.challengeId() == null ? null : names.challenges().get(a.challengeId()),
                a.place(),
                a.submissionId(),
                team(a.teamId(), names),
                a.kind() == AwardKind.DATASET ? null : publisher(a.publisherId(), names),
                a.datasetId() == null ? null : awardedDataset(a, placements, names),
                a.titleEs() == null ? null : new ResultsViews.Text(a.titleEs(), a.titleEn()),
                a.reasonEs() == null ? null : new ResultsViews.Text(a.reasonEs(), a.reasonEn()),
                a.uses(),
                gallery(a.teamId(), names));
    }

    private static DatasetView awardedDataset(
            Award a, Map<UUID, Placement> placements, Names names) {
        return placements.values().stream()
                .flatMap(p -> p.datasets().stream())
                .filter(d -> a.datasetId().equals(d.datasetId()))
                .findFirst()
                .map(d -> dataset(d, names))
                .orElse(
                        new DatasetView(
                                null, null, a.datasetId(), publisher(a.publisherId(), names)));
    }
}
