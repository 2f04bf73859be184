package org.minka.team;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The team finder, for the event's registered citizens and its organizers: people and teams marked
 * "looking", filtered by skill, region and challenge, with cursor paging.
 */
@Service
class TeamFinder {

    private final FinderRepository finder;
    private final RegistrationRepository registrations;
    private final EventAccess access;
    private final UserDirectory users;

    TeamFinder(
            FinderRepository finder,
            RegistrationRepository registrations,
            EventAccess access,
            UserDirectory users) {
        this.finder = finder;
        this.registrations = registrations;
        this.access = access;
        this.users = users;
    }

    Mono<CursorPage<Finder.Person>> people(
            UUID eventId, Finder.Filter filter, PageRequest page, CurrentUser user) {
        return allowed(eventId, user)
                .flatMap(event -> finder.people(eventId, filter, single(event), page).collectList())
                .flatMap(this::named)
                .map(
                        rows ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        Finder.Person::since,
                                        Finder.Person::userId,
                                        p -> p));
    }

    Mono<CursorPage<Finder.Team>> teams(
            UUID eventId, Finder.Filter filter, PageRequest page, CurrentUser user) {
        return allowed(eventId, user)
                .flatMap(event -> finder.teams(eventId, filter, page).collectList())
                .map(
                        rows ->
                                CursorPage.of(
                                        rows,
                                        page,
                                        Finder.Team::createdAt,
                                        Finder.Team::teamId,
                                        t -> t));
    }

    /** Whether people already in a team are left out: when a citizen may join only one. */
    private static boolean single(EventAccess.EventFacts event) {
        return !Boolean.TRUE.equals(event.settings().allowMultipleTeams());
    }

    private Mono<List<Finder.Person>> named(List<Finder.Person> people) {
        List<UUID> ids = people.stream().map(Finder.Person::userId).toList();
        return users.findAllById(ids).map(byId -> named(people, byId));
    }

    private static List<Finder.Person> named(
            List<Finder.Person> people, Map<UUID, UserDirectory.UserSummary> byId) {
        return people.stream().map(p -> p.withDisplayName(nameOf(byId.get(p.userId())))).toList();
    }

    private static String nameOf(UserDirectory.UserSummary user) {
        return user == null ? null : user.name();
    }

    /** Registered citizens of the event and its organizers; others get 403. */
    private Mono<EventAccess.EventFacts> allowed(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .filterWhen(event -> registeredOrOrganizer(eventId, user))
                .switchIfEmpty(Mono.error(MinkaException.forbidden()));
    }

    private Mono<Boolean> registeredOrOrganizer(UUID eventId, CurrentUser user) {
        return registrations
                .findActiveRegistration(eventId, user.id())
                .map(r -> true)
                .switchIfEmpty(access.isOrganizer(eventId, user));
    }
}
