package org.minka.common;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

@Configuration(proxyBeanMethods = false)
class CommonConfiguration {

    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(CommonConfiguration.class);

    /**
     * Bean validation with messages from Minka's bundles (see {@link MessageSourceInterpolator}).
     */
    @Bean
    static LocalValidatorFactoryBean defaultValidator(MessageSource messageSource) {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setMessageInterpolator(new MessageSourceInterpolator(messageSource));
        return validator;
    }

    /**
     * Reaps expired idempotency keys on a timer, as a Reactor interval (no blocked thread), started
     * when the app is ready and stopped with it. One instance at a time runs it.
     */
    @Bean
    SmartLifecycle idempotencyReaper(
            IdempotencyFilter idempotency,
            @Value("${minka.idempotency.reap-every:PT1H}") Duration every,
            @Value("${minka.idempotency.reap-first-after:PT1M}") Duration firstAfter,
            ClusterLocks locks) {
        return new PeriodicTask("Reaping idempotency keys", firstAfter, every, idempotency::reap)
                .clusterSingleton(locks);
    }

    /** ThreadLocals that Reactor would restore for nothing ({@link ThreadLocalAccessors}). */
    @Bean
    static ThreadLocalAccessors unreadThreadLocalAccessors() {
        ThreadLocalAccessors accessors =
                ThreadLocalAccessors.removeUnread(
                        io.micrometer.context.ContextRegistry.getInstance());
        log.debug("Context propagation without the accessors of {}", accessors.removed());
        return accessors;
    }

    /** {@code @RequestMapping} lookup by an index of the paths ({@link IndexedHandlerMapping}). */
    @Bean
    WebFluxRegistrations indexedHandlerMapping() {
        return new WebFluxRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new IndexedHandlerMapping();
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
