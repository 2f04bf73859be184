package org.minka.voting;

import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Voting's settings and its one job: rotating the HMAC keys of archived events. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VotingProperties.class)
class VotingConfiguration {

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
