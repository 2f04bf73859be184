package org.minka.team;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.CursorPage;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The caller's own teams, in one event or across events, as their members see them. */
@Service
class MyTeams {

    private final TeamRepository teams;
    private final TeamGuards guards;
    private final TeamViews views;

    MyTeams(TeamRepository teams, TeamGuards guards, TeamViews views) {
        this.teams = teams;
        this.guards = guards;
        this.views = views;
    }

    /** My teams in this event, in creation order, with cursor paging. */
    Mono<CursorPage<Team>> inEvent(UUID eventId, PageRequest page, CurrentUser user) {
        return views.sizeRule(eventId, user).flatMap(rule -> inEvent(eventId, rule, page, user));
    }

    /** My teams in every event, in creation order, with cursor paging. */
    Mono<CursorPage<Team>> everywhere(PageRequest page, CurrentUser user) {
        return teams.findTeamsOf(user.id(), null, page)
                .collectList()
                .flatMap(rows -> acrossEvents(rows, page, user));
    }

    private Mono<CursorPage<Team>> inEvent(
            UUID eventId, TeamViews.SizeRule rule, PageRequest page, CurrentUser user) {
        return teams.findTeamsOf(user.id(), eventId, page)
                .collectList()
                .flatMap(rows -> views.page(rows, true, rule).map(v -> paged(rows, v, page)));
    }

    private Mono<CursorPage<Team>> acrossEvents(
            List<TeamRepository.TeamRow> rows, PageRequest page, CurrentUser user) {
        return rules(rows, user)
                .flatMap(rules -> views.page(rows, true, rules))
                .map(list -> paged(rows, list, page));
    }

    /** The size rule of each event on the page, read once per event. */
    private Mono<Map<UUID, TeamViews.SizeRule>> rules(
            List<TeamRepository.TeamRow> rows, CurrentUser user) {
        return Flux.fromIterable(rows)
                .map(TeamRepository.TeamRow::eventId)
                .distinct()
                .concatMap(eventId -> rule(eventId, user))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private Mono<Map.Entry<UUID, TeamViews.SizeRule>> rule(UUID eventId, CurrentUser user) {
        // a member still sees their team when its event became hidden; it is then never "below"
        return views.sizeRule(eventId, user)
                .onErrorResume(MinkaException.class, ex -> Mono.just(TeamViews.OPEN))
                .map(rule -> Map.entry(eventId, rule));
    }

    private static CursorPage<Team> paged(
            List<TeamRepository.TeamRow> rows, List<Team> list, PageRequest page) {
        return TeamViews.paged(rows, list, page);
    }
}
