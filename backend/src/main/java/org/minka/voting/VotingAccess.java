package org.minka.voting;

import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Voting's API for other modules (results): the valid tallies and People's Choice of an event.
 * These methods check nothing about the caller; the caller has (the results' own rules), except
 * {@link #peoplesChoice(UUID, CurrentUser)}, which is for organizers.
 */
@Service
public class VotingAccess {

    private final EventAccess events;
    private final TallyReads reads;

    VotingAccess(EventAccess events, TallyReads reads) {
        this.events = events;
        this.reads = reads;
    }

    /** The event's valid tallies now (final once {@code closed}). */
    public Mono<Tallies> tallies(UUID eventId) {
        return reads.read(eventId);
    }

    /**
     * People's Choice from the valid tally, per challenge or per event by the event's voting scope;
     * provisional until {@code closed}. Empty when there is no such event.
     */
    public Mono<PeoplesChoice> peoplesChoice(UUID eventId) {
        return events.facts(eventId).flatMap(this::peoplesChoice);
    }

    /** People's Choice for an organizer of the event (403/404 for anyone else). */
    public Mono<PeoplesChoice> peoplesChoice(UUID eventId, CurrentUser user) {
        return events.organized(eventId, user).flatMap(this::peoplesChoice);
    }

    private Mono<PeoplesChoice> peoplesChoice(EventAccess.EventFacts event) {
        return Mono.zip(reads.read(event.id()), events.challengeTitles(event.id()).collectList())
                .map(
                        t ->
                                PeoplesChoice.of(
                                        t.getT1(),
                                        event.settings().voting().scope(),
                                        t.getT2().stream()
                                                .map(EventAccess.ChallengeTitle::id)
                                                .toList()));
    }
}
