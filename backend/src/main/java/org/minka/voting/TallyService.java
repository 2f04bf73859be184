package org.minka.voting;

import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.SingleFlight;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Who reads tallies, and when. Organizers always. Everyone who sees the event once VOTING has
 * closed, and while it is open when the event's {@code liveTallies} is on. Anyone else gets a 403
 * {@code tallies-hidden}; a caller who may not see the event gets 404.
 */
@Service
class TallyService {

    private final EventAccess events;
    private final TallyReads reads;
    private final TallyFeed feed;
    private final VotingWindows windows;
    private final SingleFlight<UUID> opening = new SingleFlight<>();

    TallyService(EventAccess events, TallyReads reads, TallyFeed feed, VotingWindows windows) {
        this.events = events;
        this.reads = reads;
        this.feed = feed;
        this.windows = windows;
    }

    /** The event's tallies, if the caller may read them now. */
    Mono<Tallies> tallies(UUID eventId, CurrentUser user) {
        return allowed(eventId, user).then(reads.read(eventId));
    }

    /**
     * The tallies now, then each change (at most once per interval), if the caller may read them.
     */
    Mono<Flux<Tallies>> stream(UUID eventId, CurrentUser user) {
        return allowed(eventId, user).thenReturn(live(eventId));
    }

    /**
     * The tallies now, then each change. Streams opening at once (reconnecting after a restart)
     * share one read of the tallies now.
     */
    private Flux<Tallies> live(UUID eventId) {
        return Flux.merge(opening.run(eventId, () -> reads.read(eventId)), feed.updates(eventId));
    }

    private Mono<Void> allowed(UUID eventId, CurrentUser user) {
        return events.visible(eventId, user)
                .flatMap(event -> mayRead(event, user))
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.TALLIES_HIDDEN)))
                .then();
    }

    private Mono<Boolean> mayRead(EventAccess.EventFacts event, CurrentUser user) {
        boolean live = Boolean.TRUE.equals(event.settings().voting().liveTallies());
        return Mono.zip(
                        events.isOrganizer(event.id(), user),
                        windows.of(event.id())
                                .map(o -> o.map(w -> w.closed() || (live && w.open())))
                                .map(o -> o.orElse(false)))
                .map(t -> t.getT1() || t.getT2());
    }
}
