package org.minka.submission;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.catalog.Dataset;
import org.minka.catalog.DatasetUsagePort;
import org.minka.event.EventAccess;
import org.minka.team.TeamLookup;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers the catalog's question of which submissions declare a dataset: those whose latest
 * submitted version lists one of its URLs, and of them the ones a public gallery shows (the gallery
 * rule is event's). Submissions of UNLISTED and PRIVATE events are neither counted nor shown.
 */
@Component
class CatalogUsageAdapter implements DatasetUsagePort {

    private static final String DECLARED =
            """
            with urls as (select rtrim(lower(u), '/') as u from unnest(cast(:urls as text[])) u),
            declared as (select s.id, s.event_id, s.team_id, v.title, v.submitted_at
              from submissions s join submission_versions v
                on v.submission_id = s.id and v.number = s.latest_version
              where exists (select 1 from jsonb_array_elements(v.datasets) x
                where rtrim(lower(x->>'url'), '/') in (select u from urls)))
            """;

    private final DatabaseClient db;
    private final EventAccess events;
    private final TeamLookup teams;

    CatalogUsageAdapter(DatabaseClient db, EventAccess events, TeamLookup teams) {
        this.db = db;
        this.events = events;
        this.teams = teams;
    }

    /** A declaring submission before its team is named. */
    private record Declared(UUID id, UUID eventId, UUID teamId, String title) {}

    /** Counts only submissions of listed (PUBLIC) events: the catalog is a page for everyone. */
    @Override
    public Mono<Long> countDeclaring(List<String> urls) {
        return declaringEvents(urls)
                .collectList()
                .flatMap(events::listedAmong)
                .flatMap(listed -> countIn(urls, listed));
    }

    private Mono<Long> countIn(List<String> urls, Set<UUID> listed) {
        if (listed.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql(DECLARED + "select count(*) as n from declared where event_id = any(:in)")
                .bind("urls", urls.toArray(String[]::new))
                .bind("in", listed.toArray(UUID[]::new))
                .map(row -> row.get("n", Long.class))
                .one();
    }

    @Override
    public Flux<Dataset.PublicSubmission> publicDeclaring(List<String> urls, int limit) {
        return declaringEvents(urls)
                .collectList()
                .flatMap(events::galleryOpenAmong)
                .flatMapMany(open -> declaredIn(urls, open, limit))
                .collectList()
                .flatMapMany(this::named);
    }

    private Flux<UUID> declaringEvents(List<String> urls) {
        return db.sql(DECLARED + "select distinct event_id from declared")
                .bind("urls", urls.toArray(String[]::new))
                .map(row -> row.get("event_id", UUID.class))
                .all();
    }

    private Flux<Declared> declaredIn(List<String> urls, Set<UUID> open, int limit) {
        if (open.isEmpty()) {
            return Flux.empty();
        }
        return db.sql(
                        DECLARED
                                + """
                                select id, event_id, team_id, title from declared
                                where event_id = any(:open)
                                order by submitted_at, id limit :n""")
                .bind("urls", urls.toArray(String[]::new))
                .bind("open", open.toArray(UUID[]::new))
                .bind("n", limit)
                .map(
                        row ->
                                new Declared(
                                        row.get("id", UUID.class),
                                        row.get("event_id", UUID.class),
                                        row.get("team_id", UUID.class),
                                        row.get("title", String.class)))
                .all();
    }

    private Flux<Dataset.PublicSubmission> named(List<Declared> shown) {
        List<UUID> teamIds = shown.stream().map(Declared::teamId).distinct().toList();
        return teams.names(teamIds).flatMapIterable(names -> publicOnes(shown, names));
    }

    private static List<Dataset.PublicSubmission> publicOnes(
            List<Declared> shown, Map<UUID, String> names) {
        return shown.stream()
                .map(
                        d ->
                                new Dataset.PublicSubmission(
                                        d.id(), d.eventId(), d.title(), names.get(d.teamId())))
                .toList();
    }
}
