package org.minka.team;

import java.util.List;
import java.util.UUID;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Public team pages, once the event's gallery is open (the rule lives in event). */
@Service
class PublicTeams {

    private final TeamRepository teams;
    private final TeamViews views;
    private final EventAccess access;

    PublicTeams(TeamRepository teams, TeamViews views, EventAccess access) {
        this.teams = teams;
        this.views = views;
        this.access = access;
    }

    /** The public page of a team, once the gallery is open; 404 before. */
    Mono<Team.Public> one(UUID eventId, UUID teamId, CurrentUser user) {
        return galleryOpen(eventId, user, "team")
                .then(teams.findTeam(eventId, teamId))
                .switchIfEmpty(Mono.error(MinkaException.notFound("team")))
                .flatMap(team -> views.publics(List.of(team)))
                .map(list -> list.get(0));
    }

    /** Teams of an open gallery, in creation order, with cursor paging; 404 before. */
    Mono<CursorPage<Team.Public>> page(UUID eventId, PageRequest page, CurrentUser user) {
        return galleryOpen(eventId, user, "gallery")
                .thenMany(teams.findTeams(eventId, page))
                .collectList()
                .flatMap(
                        rows -> views.publics(rows).map(list -> TeamViews.paged(rows, list, page)));
    }

    private Mono<Void> galleryOpen(UUID eventId, CurrentUser user, String what) {
        return access.galleryOpen(eventId, user)
                .filter(open -> open)
                .switchIfEmpty(Mono.error(MinkaException.notFound(what)))
                .then();
    }
}
