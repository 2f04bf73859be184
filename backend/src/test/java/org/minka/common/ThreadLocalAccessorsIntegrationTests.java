package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.context.ContextRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import reactor.core.publisher.Mono;

/**
 * Reactor's handle operator no longer opens the Reactor context's observation in ThreadLocals
 * ({@link ThreadLocalAccessors}), and the security context still flows the reactive way. (Spring
 * Security's accessors are registered in the production jar, not on the test class path.)
 */
class ThreadLocalAccessorsIntegrationTests extends IntegrationTest {

    @Autowired ThreadLocalAccessors accessors;

    @Test
    void registryWhenAppStartedThenNoObservationOrSecurityAccessor() {
        assertThat(accessors.removed()).contains(ObservationThreadLocalAccessor.KEY);
        assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
                .noneMatch(ThreadLocalAccessors::unread);
    }

    @Test
    void handleWhenContextHoldsObservationThenNoScopeOpenedAndReactiveReadsWork() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context -> true);
        Observation observation = Observation.start("minka.test", registry);
        Authentication user = new TestingAuthenticationToken("voter", "n/a", "ROLE_USER");
        AtomicReference<Observation> inHandle = new AtomicReference<>();

        Authentication reactive =
                Mono.just("row")
                        .<String>handle(
                                (row, sink) -> {
                                    // with the accessor, Reactor opens the observation's scope here
                                    inHandle.set(registry.getCurrentObservation());
                                    sink.next(row);
                                })
                        .then(ReactiveSecurityContextHolder.getContext())
                        .map(context -> context.getAuthentication())
                        .contextWrite(ReactiveSecurityContextHolder.withAuthentication(user))
                        .contextWrite(
                                context ->
                                        context.put(
                                                ObservationThreadLocalAccessor.KEY, observation))
                        .block();
        observation.stop();

        assertThat(inHandle.get()).isNull();
        assertThat(reactive).isSameAs(user);
    }
}
