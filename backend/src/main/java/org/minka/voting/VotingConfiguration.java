package org.minka.voting;

import java.util.List;
import org.minka.common.ClusterLocks;
import org.minka.common.OwnWriteLimits;
import org.minka.common.PeriodicTask;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Voting's settings, its own write limits, and its one job: rotating the HMAC keys of archived
 * events.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VotingProperties.class)
class VotingConfiguration {

    /**
     * Casts and retracts count under voting's own limits (per voter and per address, stricter than
     * the general write limits), so the general ones skip them; with voting's limits off, they
     * don't.
     */
    @Bean
    static OwnWriteLimits votingWriteLimits(VotingProperties properties) {
        List<String> ballots =
                List.of(
                        "/api/v1/events/{eventId}/voting/ballots",
                        "/api/v1/events/{eventId}/voting/ballots/{ballotId}");
        return () -> properties.rateLimitEnabled() ? ballots : List.of();
    }

    /** Deletes ended rate-limit windows of casts and retracts, one instance at a time. */
    @Bean
    static SmartLifecycle votingRateCounterPurge(
            BallotRepository ballots, VotingProperties properties, ClusterLocks locks) {
        return new PeriodicTask(
                        "Purging the rate-limit windows of casts",
                        properties.keyRotationEvery(),
                        properties.keyRotationEvery(),
                        ballots::purgeCounters)
                .clusterSingleton(locks);
    }

    /** Rotates archived events' keys every {@code key-rotation-every}, one instance at a time. */
    @Bean
    static SmartLifecycle votingKeyRotation(
            VotingKeys keys, VotingProperties properties, ClusterLocks locks) {
        return new PeriodicTask(
                        "Rotating the voting keys of archived events",
                        properties.keyRotationEvery(),
                        properties.keyRotationEvery(),
                        keys::rotateArchived)
                .clusterSingleton(locks);
    }
}
