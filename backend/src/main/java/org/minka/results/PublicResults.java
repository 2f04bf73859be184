package org.minka.results;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.event.EventAccess;
import org.minka.results.ResultsComposer.Loaded;
import org.minka.results.ResultsComposer.Names;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The published results, for everyone who sees the event: the page with every award, and the rows
 * of the open data. Until the publication time has passed they are not found, whoever asks
 * (organizers read the draft), so nothing of a draft shows before then.
 */
@Service
class PublicResults {

    private final ResultsRepository repository;
    private final ResultsComposer composer;
    private final EventAccess events;
    private final Clock clock;

    PublicResults(
            ResultsRepository repository,
            ResultsComposer composer,
            EventAccess events,
            Clock clock) {
        this.repository = repository;
        this.composer = composer;
        this.events = events;
        this.clock = clock;
    }

    /** What was published, named; 404 before publication. */
    record Published(Loaded loaded, Names names) {}

    Mono<ResultsViews.Page> page(UUID eventId, CurrentUser user) {
        return published(eventId, user).map(p -> composer.page(p.loaded(), p.names()));
    }

    Mono<ResultsViews.RowsDocument> rows(UUID eventId, CurrentUser user) {
        return published(eventId, user).map(p -> document(p));
    }

    /** The rows of what was published. */
    List<ResultsViews.Row> rows(Published p) {
        return composer.rows(p.loaded(), p.names());
    }

    private ResultsViews.RowsDocument document(Published p) {
        List<ResultsViews.Row> rows = rows(p);
        ResultsRows.Edition e = p.loaded().edition();
        return new ResultsViews.RowsDocument(e.eventId(), e.publishAt(), e.licence(), rows);
    }

    Mono<Published> published(UUID eventId, CurrentUser user) {
        return events.visible(eventId, user)
                .then(repository.edition(eventId))
                .filter(e -> e.publicAt(clock.instant()))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("results")))
                .flatMap(composer::load)
                .flatMap(l -> composer.names(l, user).map(n -> new Published(l, n)));
    }
}
