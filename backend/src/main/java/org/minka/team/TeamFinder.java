package org.minka.team;

import java.util.UUID;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The team finder, for the event's registered citizens and its organizers: people and teams marked
 * "looking", filtered by skill, region and challenge, with cursor paging.
 */
@Service
class TeamFinder {

    private final FinderRepository finder;
    private final TeamRepository teams;
    private final EventAccess access;

    TeamFinder(FinderRepository finder, TeamRepository teams, EventAccess access) {
        this.finder = finder;
        this.teams = teams;
        this.access = access;
    }

    Mono<CursorPage<Finder.Person>> people(
            UUID eventId, Finder.Filter filter, PageRequest page, CurrentUser user) {
        return allowed(eventId, user)
                .flatMap(
                        event ->
                                finder.people(
                                                eventId,
                                                filter,
                                                !Boolean.TRUE.equals(
                                                        event.settings().allowMultipleTeams()),
                                                page)
                                        .collectList())
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

    /** Registered citizens of the event and its organizers; others get 403. */
    private Mono<EventAccess.EventFacts> allowed(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .filterWhen(
                        event ->
                                teams.findActiveRegistration(eventId, user.id())
                                        .map(r -> true)
                                        .switchIfEmpty(access.isOrganizer(eventId, user)))
                .switchIfEmpty(Mono.error(MinkaException.forbidden()));
    }
}
