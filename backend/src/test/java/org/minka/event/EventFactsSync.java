package org.minka.event;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * For tests that change an event's tables with raw SQL, behind the application's back: the
 * database's trigger NOTIFYs every instance, but asynchronously. {@link #await} sends one more
 * NOTIFY ("*") and waits until every listening {@link EventFactsCache} in this JVM has heard it;
 * since PostgreSQL delivers notifications in commit order, each cache has then heard the test's
 * change too, and the test's next request cannot read a stale standing.
 */
public final class EventFactsSync {

    private static final Set<EventFactsCache> CACHES = ConcurrentHashMap.newKeySet();

    private EventFactsSync() {}

    /** Registers every cache a test context creates (declare it as a static bean). */
    public static BeanPostProcessor registrar() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof EventFactsCache cache) {
                    CACHES.add(cache);
                }
                return bean;
            }
        };
    }

    /** Waits until every listening cache has heard the changes committed before this call. */
    public static void await(DatabaseClient db) {
        Map<EventFactsCache, Long> before = new java.util.HashMap<>();
        CACHES.stream().filter(EventFactsCache::active).forEach(c -> before.put(c, c.resets()));
        db.sql("select pg_notify('" + EventFactsCache.CHANNEL + "', '*')").then().block();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (before.entrySet().stream().anyMatch(e -> unheard(e.getKey(), e.getValue()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the event facts listener did not hear the NOTIFY");
            }
            sleep();
        }
    }

    /** Whether this context's cache is in use (on, and its listener connected). */
    public static boolean active(org.springframework.context.ApplicationContext context) {
        return context.getBean(EventFactsCache.class).active();
    }

    /** How many NOTIFYs this context's listener has heard so far. */
    public static long heard(org.springframework.context.ApplicationContext context) {
        return context.getBean(EventFactsCache.class).heard();
    }

    /** Waits until this context's listener has heard more than {@code before} NOTIFYs. */
    public static void awaitHeard(
            org.springframework.context.ApplicationContext context, long before) {
        EventFactsCache cache = context.getBean(EventFactsCache.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (cache.heard() <= before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the event facts listener did not hear the NOTIFY");
            }
            sleep();
        }
    }

    private static boolean unheard(EventFactsCache cache, long resets) {
        return cache.active() && cache.resets() <= resets;
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
