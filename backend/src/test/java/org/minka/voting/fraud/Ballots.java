package org.minka.voting.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds ballot facts for the detectors' tests, with ids that sort in creation order. */
final class Ballots {

    static final Instant OPENS = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    private final List<BallotFact> all = new ArrayList<>();
    private long next = 1;

    static UUID id(long n) {
        return new UUID(0, n);
    }

    /** A ballot by an old account. */
    BallotFact cast(UUID voter, UUID submission, String ip, Instant at) {
        return cast(voter, submission, ip, "ua-1", at, LONG_AGO);
    }

    BallotFact cast(
            UUID voter, UUID submission, String ip, String ua, Instant at, Instant created) {
        BallotFact ballot = new BallotFact(id(next++), voter, submission, ip, ua, at, created);
        all.add(ballot);
        return ballot;
    }

    /**
     * Background traffic: for each submission, one ballot every {@code gap} by a fresh old account
     * from its own address, between {@link #OPENS} and {@code until}.
     */
    List<BallotFact> steady(List<UUID> submissions, Duration gap, Instant until) {
        List<BallotFact> made = new ArrayList<>();
        int n = 0;
        for (Instant at = OPENS; at.isBefore(until); at = at.plus(gap)) {
            for (UUID submission : submissions) {
                made.add(cast(UUID.randomUUID(), submission, "ip-steady-" + n++, at));
            }
        }
        return made;
    }

    List<BallotFact> all() {
        return List.copyOf(all);
    }
}
