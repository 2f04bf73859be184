package org.minka.team;

import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.recognition.DatasetReporterPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Answers recognition's question: may this user report on this dataset? Yes when a challenge uses
 * it and the user organizes that challenge's event, mentors the challenge, or is a member of a team
 * of that event.
 */
@Component
class DatasetReporterAdapter implements DatasetReporterPort {

    private final EventAccess events;
    private final DatabaseClient db;

    DatasetReporterAdapter(EventAccess events, DatabaseClient db) {
        this.events = events;
        this.db = db;
    }

    @Override
    public Mono<Standing> standing(UUID datasetId, UUID userId) {
        Flux<EventAccess.EventChallenge> using = events.challengesUsingDataset(datasetId).cache();
        return using.hasElements()
                .flatMap(used -> used ? allowed(using, userId) : Mono.just(Standing.NOT_USED));
    }

    private Mono<Standing> allowed(Flux<EventAccess.EventChallenge> using, UUID userId) {
        return using.concatMap(c -> takesPart(c, userId))
                .any(Boolean::booleanValue)
                .map(ok -> ok ? Standing.ALLOWED : Standing.NOT_ALLOWED);
    }

    private Mono<Boolean> takesPart(EventAccess.EventChallenge c, UUID userId) {
        return events.isMentorOrOrganizer(c.eventId(), c.challengeId(), userId)
                .flatMap(staff -> staff ? Mono.just(true) : inTeam(c, userId));
    }

    private Mono<Boolean> inTeam(EventAccess.EventChallenge c, UUID userId) {
        return db.sql(
                        """
                        select exists (select 1 from team_members
                          where event_id = :e and user_id = :u)""")
                .bind("e", c.eventId())
                .bind("u", userId)
                .map(row -> row.get(0, Boolean.class))
                .one();
    }
}
