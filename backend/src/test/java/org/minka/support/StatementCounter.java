package org.minka.support;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import reactor.core.publisher.Flux;

/**
 * Records the SQL of every statement the application creates, on a connection factory that wraps
 * the real one. Import it into a test class to count what a request costs.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

    /** The statements created since the last clear, in order. */
    public static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    /** The statements of the cheapest of three runs (a background job may add to one run). */
    public static List<String> fewest(Runnable request) {
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

    /** The statements recorded since the last clear that name one of these tables. */
    public static List<String> naming(String... tables) {
        return STATEMENTS.stream()
                .filter(sql -> java.util.Arrays.stream(tables).anyMatch(sql::contains))
                .toList();
    }

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
                        StatementCounter.class.getClassLoader(),
                        new Class<?>[] {ConnectionFactory.class},
                        (proxy, method, args) -> {
                            Object result = invoke(target, method, args);
                            if (method.getName().equals("create")) {
                                @SuppressWarnings("unchecked")
                                Publisher<Connection> created = (Publisher<Connection>) result;
                                return Flux.from(created).map(StatementCounter::counting).next();
                            }
                            return result;
                        });
    }

    static Connection counting(Connection target) {
        return (Connection)
                Proxy.newProxyInstance(
                        StatementCounter.class.getClassLoader(),
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
