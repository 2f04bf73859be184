package org.minka.common;

import io.micrometer.context.ContextRegistry;
import java.time.Clock;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

@Configuration(proxyBeanMethods = false)
@org.springframework.scheduling.annotation.EnableScheduling
class CommonConfiguration {

    static {
        // Carries the request id from the Reactor context into the MDC of every log line.
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        RequestIds.CONTEXT_KEY,
                        () -> MDC.get(RequestIds.CONTEXT_KEY),
                        value -> MDC.put(RequestIds.CONTEXT_KEY, value),
                        () -> MDC.remove(RequestIds.CONTEXT_KEY));
    }

    /**
     * Bean validation with messages from Minka's bundles (see {@link MessageSourceInterpolator}).
     */
    @Bean
    static LocalValidatorFactoryBean defaultValidator(MessageSource messageSource) {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setMessageInterpolator(new MessageSourceInterpolator(messageSource));
        return validator;
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
