package org.minka.voting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.minka.event.EventSettings;

/**
 * People's Choice from the valid tally: the most voted submission per challenge, or in the whole
 * event, by the event's voting scope. A tie is explicit: every submission sharing the top count is
 * named and {@code tied} is true. A challenge without valid votes has no winner.
 */
@Schema(name = "PeoplesChoice")
public record PeoplesChoice(
        @Schema(example = "0e7c1a52-3f6b-4bd4-9a43-8f0f1d2c3b4a") UUID eventId,
        @Schema(
                        description =
                                "PER_CHALLENGE: one winner per challenge; PER_EVENT: one for the event",
                        example = "PER_CHALLENGE")
                EventSettings.VotingScope scope,
        @Schema(description = "Whether VOTING has closed: false means provisional") boolean closed,
        List<Winner> winners) {

    /** The top of one challenge (or of the event, when {@code challengeId} is null). */
    @Schema(name = "PeoplesChoiceWinner")
    public record Winner(
            @Schema(
                            nullable = true,
                            description = "Null when People's Choice is per event",
                            example = "7a1e2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b")
                    UUID challengeId,
            @Schema(description = "Every submission with the top count; empty without votes")
                    List<UUID> submissionIds,
            @Schema(example = "12") long votes,
            @Schema(description = "More than one submission shares the top count") boolean tied) {}

    /** People's Choice of these tallies, for these challenges (in this order). */
    static PeoplesChoice of(
            Tallies tallies, EventSettings.VotingScope scope, Collection<UUID> challengeIds) {
        List<Winner> winners = new ArrayList<>();
        if (scope == EventSettings.VotingScope.PER_EVENT) {
            List<Tallies.SubmissionTally> all = new ArrayList<>();
            tallies.challenges().forEach(c -> all.addAll(c.submissions()));
            winners.add(top(null, all));
        } else {
            for (UUID challenge : challengeIds) {
                List<Tallies.SubmissionTally> subs =
                        tallies.challenges().stream()
                                .filter(c -> c.challengeId().equals(challenge))
                                .flatMap(c -> c.submissions().stream())
                                .toList();
                winners.add(top(challenge, subs));
            }
        }
        return new PeoplesChoice(tallies.eventId(), scope, tallies.closed(), winners);
    }

    private static Winner top(UUID challengeId, List<Tallies.SubmissionTally> subs) {
        long best = subs.stream().mapToLong(Tallies.SubmissionTally::votes).max().orElse(0);
        List<UUID> ids =
                best == 0
                        ? List.of()
                        : subs.stream()
                                .filter(s -> s.votes() == best)
                                .map(Tallies.SubmissionTally::submissionId)
                                .sorted()
                                .toList();
        return new Winner(challengeId, ids, best, ids.size() > 1);
    }
}
