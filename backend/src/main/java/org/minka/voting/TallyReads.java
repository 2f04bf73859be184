package org.minka.voting;

import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** An event's current tallies, with whether VOTING has closed; no access check. */
@Component
class TallyReads {

    private final TallyRepository tallies;
    private final EventAccess events;

    TallyReads(TallyRepository tallies, EventAccess events) {
        this.tallies = tallies;
        this.events = events;
    }

    Mono<Tallies> read(UUID eventId) {
        return Mono.zip(events.hasClosed(eventId, Phase.VOTING), tallies.rows(eventId))
                .map(t -> Tallies.of(eventId, t.getT1(), t.getT2()));
    }
}
