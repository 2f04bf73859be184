package org.minka.results;

import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Results' settings and its one job: announcing scheduled publications when their time comes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResultsProperties.class)
class ResultsConfiguration {

    /**
     * Every {@code announce-every}, one instance at a time, announces the publications whose time
     * has passed. Visibility needs no job (the clock decides); the job tells the winners.
     */
    @Bean
    static SmartLifecycle resultsPublicationJob(
            ResultsAnnouncer announcer, ResultsProperties properties, ClusterLocks locks) {
        boolean enabled = !properties.announceEvery().isZero();
        return new PeriodicTask(
                        "Announcing scheduled results",
                        properties.announceEvery(),
                        enabled ? properties.announceEvery() : java.time.Duration.ofHours(1),
                        announcer::announceDue,
                        enabled)
                .clusterSingleton(locks);
    }
}
