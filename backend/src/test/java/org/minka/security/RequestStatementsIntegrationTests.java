package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * Issue 12, item 13: what every authenticated request costs before its own work. Statements are
 * counted where the application creates them, on a connection factory that records each SQL text.
 */
@Import(RequestStatementsIntegrationTests.Counting.class)
class RequestStatementsIntegrationTests extends IntegrationTest {

    static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    @Test
    void getWhenOrganizerReadsUnpublishedEventThenOneStatementBeforeItsOwnWork() {
        User admin = fixtures.admin();
        User organizer = fixtures.user("organizer");
        UUID event = fixtures.event(admin, false);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        List<String> seen =
                fewest(
                        () ->
                                web.get()
                                        .uri("/api/v1/events/{id}", event)
                                        .headers(h -> h.setBearerAuth(organizer.token()))
                                        .exchange()
                                        .expectStatus()
                                        .isOk());
        // one for the caller's standing in the event, one for its phases (the read itself)
        assertThat(seen).as("statements: %s", seen).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void patchWhenOrganizerEditsEventThenOneStatementBeforeItsOwnWork() {
        User admin = fixtures.admin();
        User organizer = fixtures.user("organizer");
        UUID event = fixtures.event(admin, false);
        fixtures.addMember(event, admin, organizer, "ORGANIZER");
        List<String> seen =
                fewest(
                        () ->
                                web.patch()
                                        .uri("/api/v1/events/{id}", event)
                                        .headers(h -> h.setBearerAuth(organizer.token()))
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(Map.of("title", "T " + UUID.randomUUID()))
                                        .exchange()
                                        .expectStatus()
                                        .isOk());
        // the standing check, then its own work: the update, the audit entry and the phases
        assertThat(seen).as("statements: %s", seen).hasSizeLessThanOrEqualTo(4);
    }

    /** The statements of the cheapest of three runs (a background job may add to one run). */
    private List<String> fewest(Runnable request) {
        request.run();
        List<String> best = null;
        for (int i = 0; i < 3; i++) {
            STATEMENTS.clear();
            request.run();
            List<String> run = new ArrayList<>(STATEMENTS);
            if (best == null || run.size() < best.size()) {
                best = run;
            }
        }
        return best;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        @Bean
        static BeanPostProcessor countingConnectionFactory() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof ConnectionFactory factory ? counting(factory) : bean;
                }
            };
        }

        static ConnectionFactory counting(ConnectionFactory target) {
            return (ConnectionFactory)
                    Proxy.newProxyInstance(
                            Counting.class.getClassLoader(),
                            new Class<?>[] {ConnectionFactory.class},
                            (proxy, method, args) -> {
                                Object result = invoke(target, method, args);
                                if (method.getName().equals("create")) {
                                    @SuppressWarnings("unchecked")
                                    Publisher<Connection> created = (Publisher<Connection>) result;
                                    return Flux.from(created).map(Counting::counting).next();
                                }
                                return result;
                            });
        }

        static Connection counting(Connection target) {
            return (Connection)
                    Proxy.newProxyInstance(
                            Counting.class.getClassLoader(),
                            new Class<?>[] {Connection.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("createStatement")) {
                                    STATEMENTS.add((String) args[0]);
                                }
                                return invoke(target, method, args);
                            });
        }

        private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException ex) {
                throw ex.getCause();
            }
        }
    }
}
