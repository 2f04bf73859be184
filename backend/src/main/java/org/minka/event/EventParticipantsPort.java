package org.minka.event;

import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the event module asks of the module that holds registrations and teams, to decide who sees a
 * PRIVATE event: a user takes part when registered (not withdrawn), in a team, or holding a
 * pending, unexpired team invitation (to their id or their verified email).
 */
public interface EventParticipantsPort {

    /** Whether the user takes part in the event; {@code verifiedEmail} may be null. */
    Mono<Boolean> takesPart(UUID eventId, UUID userId, String verifiedEmail);

    /** The events the user takes part in; {@code verifiedEmail} may be null. */
    Flux<UUID> eventsOf(UUID userId, String verifiedEmail);
}
