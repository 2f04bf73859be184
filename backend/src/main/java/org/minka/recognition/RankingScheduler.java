package org.minka.recognition;

import java.time.Duration;
import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the {@link RankingJob} on a cluster-singleton {@link PeriodicTask}: one instance at a time
 * queues and computes rankings. A catalog refresh is seen on the next run after it; a ranking asked
 * for on demand waits at most one period.
 */
@Configuration(proxyBeanMethods = false)
class RankingScheduler {

    /** The job, unless {@code minka.recognition.rankings.enabled} is false. */
    @Bean
    static SmartLifecycle recognitionRankingJob(
            RankingJob job,
            @Value("${minka.recognition.rankings.every:PT30S}") Duration every,
            @Value("${minka.recognition.rankings.first-after:PT30S}") Duration firstAfter,
            @Value("${minka.recognition.rankings.enabled:true}") boolean enabled,
            ClusterLocks locks) {
        return new PeriodicTask("Recognition rankings", firstAfter, every, job::runOnce, enabled)
                .clusterSingleton(locks);
    }
}
