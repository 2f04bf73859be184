package org.minka.voting;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * An event's VOTING window, kept in this instance's memory with the event's other facts ({@link
 * EventAccess#remembered}: forgotten on every instance when the event's phases change), and whether
 * it is open or closed now by the clock. For reads and a cast's early refusal: the ballot's
 * statement checks the window again at the database's now().
 */
@Component
class VotingWindows {

    /** The key this module keeps the window under. */
    private record Kept() {}

    private static final Kept KEPT = new Kept();

    private final EventAccess events;
    private final Clock clock;

    VotingWindows(EventAccess events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The window, open and closed as of now; empty when the event has no VOTING phase. */
    Mono<Optional<EventAccess.Window>> of(UUID eventId) {
        return events.remembered(eventId, KEPT, () -> stored(eventId)).map(w -> w.map(this::now));
    }

    private Mono<Optional<EventAccess.Window>> stored(UUID eventId) {
        return events.window(eventId, Phase.VOTING)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    private EventAccess.Window now(EventAccess.Window w) {
        Instant now = clock.instant();
        boolean closed = !now.isBefore(w.closesAt());
        return new EventAccess.Window(
                w.opensAt(), w.closesAt(), !now.isBefore(w.opensAt()) && !closed, closed);
    }
}
