package org.minka.voting.fraud;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The fraud detectors' settings ({@code minka.voting.fraud.*}); every field has a default, so a
 * deployment sets only what differs. See docs/voting-fraud.md.
 *
 * @param every how often the detectors scan events whose VOTING is open (zero or less: never)
 * @param firstAfter the delay before the first scan after start-up
 * @param burst the burst detector's thresholds
 * @param sharedIp the shared-IP detector's thresholds
 * @param cluster the new-account cluster detector's thresholds
 */
@ConfigurationProperties("minka.voting.fraud")
record FraudProperties(
        Duration every, Duration firstAfter, Burst burst, SharedIp sharedIp, Cluster cluster) {

    FraudProperties {
        every = every == null ? Duration.ofMinutes(1) : every;
        firstAfter = firstAfter == null ? Duration.ofSeconds(45) : firstAfter;
        burst = burst == null ? Burst.DEFAULTS : burst;
        sharedIp = sharedIp == null ? SharedIp.DEFAULTS : sharedIp;
        cluster = cluster == null ? Cluster.DEFAULTS : cluster;
    }

    /** The defaults, as documented. */
    static final FraudProperties DEFAULTS = new FraudProperties(null, null, null, null, null);

    /** Whether the periodic scan runs at all. */
    boolean scheduled() {
        return !every.isZero() && !every.isNegative();
    }

    /**
     * A burst: more ballots on one submission within {@code window} than the event's baseline rate
     * makes plausible.
     *
     * @param window the sliding window's length
     * @param minBallots fewer ballots than this in the window are never a burst
     * @param maxPValue the Poisson tail probability at or below which the window is a burst
     * @param minBaselinePerHour the floor of the expected ballots per submission and hour, so that
     *     the first ballots of a quiet event are not all bursts
     */
    record Burst(Duration window, Integer minBallots, Double maxPValue, Double minBaselinePerHour) {

        static final Burst DEFAULTS = new Burst(null, null, null, null);

        Burst {
            window = window == null ? Duration.ofMinutes(10) : window;
            minBallots = minBallots == null ? 20 : minBallots;
            maxPValue = maxPValue == null ? 1e-6 : maxPValue;
            minBaselinePerHour = minBaselinePerHour == null ? 1.0 : minBaselinePerHour;
        }
    }

    /**
     * Many voters behind one IP hash.
     *
     * @param minVoters distinct voters behind one IP hash from which it is flagged
     */
    record SharedIp(Integer minVoters) {

        static final SharedIp DEFAULTS = new SharedIp(null);

        SharedIp {
            minVoters = minVoters == null ? 10 : minVoters;
        }
    }

    /**
     * Accounts created during the voting window whose ballot sets are alike.
     *
     * @param minAccounts accounts a cluster needs to be flagged
     * @param minJaccard the Jaccard similarity of two accounts' ballot sets (submissions) from
     *     which they are linked (single linkage)
     * @param minBallots an account with fewer ballots than this is not considered
     */
    record Cluster(Integer minAccounts, Double minJaccard, Integer minBallots) {

        static final Cluster DEFAULTS = new Cluster(null, null, null);

        Cluster {
            minAccounts = minAccounts == null ? 5 : minAccounts;
            minJaccard = minJaccard == null ? 0.8 : minJaccard;
            minBallots = minBallots == null ? 1 : minBallots;
        }
    }
}
