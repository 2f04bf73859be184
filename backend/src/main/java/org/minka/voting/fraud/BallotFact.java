package org.minka.voting.fraud;

import java.time.Instant;
import java.util.UUID;

/**
 * What the detectors know of one counted ballot (valid, not retracted). The voter's id only groups
 * ballots; no flag shows it.
 */
record BallotFact(
        UUID ballotId,
        UUID voterId,
        UUID submissionId,
        String ipHash,
        String uaHash,
        Instant castAt,
        Instant voterCreatedAt) {

    /** This ballot, with its voter's account creation. */
    BallotFact withVoterCreatedAt(Instant created) {
        return new BallotFact(ballotId, voterId, submissionId, ipHash, uaHash, castAt, created);
    }
}
