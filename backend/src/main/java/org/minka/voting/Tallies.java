package org.minka.voting;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An event's tallies of valid, live ballots: per submission, per challenge and for the event.
 * Submissions without a valid vote are left out; no voter and no invalidated ballot shows.
 */
@Schema(name = "VotingTallies")
public record Tallies(
        @Schema(example = "0e7c1a52-3f6b-4bd4-9a43-8f0f1d2c3b4a") UUID eventId,
        @Schema(description = "Valid votes in the whole event", example = "42") long votes,
        @Schema(description = "Whether VOTING has closed (the tallies are final)") boolean closed,
        @Schema(description = "Challenges with votes, by id") List<ChallengeTally> challenges) {

    /** One challenge's valid votes, its submissions most voted first. */
    @Schema(name = "VotingChallengeTally")
    public record ChallengeTally(
            @Schema(example = "7a1e2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b") UUID challengeId,
            @Schema(example = "30") long votes,
            List<SubmissionTally> submissions) {}

    /** One submission's valid votes. */
    @Schema(name = "VotingSubmissionTally")
    public record SubmissionTally(
            @Schema(example = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") UUID submissionId,
            @Schema(example = "12") long votes) {}

    /** A row of the tally query: a submission's votes within its challenge. */
    record Row(UUID challengeId, UUID submissionId, long votes) {}

    /** Tallies from rows ordered by challenge, then votes (most first). */
    static Tallies of(UUID eventId, boolean closed, List<Row> rows) {
        Map<UUID, List<SubmissionTally>> byChallenge = new LinkedHashMap<>();
        long total = 0;
        for (Row row : rows) {
            byChallenge
                    .computeIfAbsent(row.challengeId(), c -> new ArrayList<>())
                    .add(new SubmissionTally(row.submissionId(), row.votes()));
            total += row.votes();
        }
        List<ChallengeTally> challenges = new ArrayList<>();
        byChallenge.forEach(
                (challenge, subs) ->
                        challenges.add(new ChallengeTally(challenge, sum(subs), subs)));
        return new Tallies(eventId, total, closed, List.copyOf(challenges));
    }

    private static long sum(List<SubmissionTally> subs) {
        return subs.stream().mapToLong(SubmissionTally::votes).sum();
    }
}
