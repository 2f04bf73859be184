package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The per-instance memory of event facts: what it keeps, and what makes it forget. */
class EventFactsCacheTests {

    private final UUID event = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final AtomicInteger loads = new AtomicInteger();

    private EventFactsCache listening() {
        EventFactsCache cache = new EventFactsCache(null, Duration.ofMinutes(1), 100);
        cache.listening(true);
        return cache;
    }

    private String read(EventFactsCache cache, UUID eventId, String what) {
        return cache.get(eventId, what, () -> Mono.fromCallable(() -> load(what))).block();
    }

    private String load(String what) {
        return what + "#" + loads.incrementAndGet();
    }

    @Test
    void getWhenAskedTwiceWhileListeningThenLoadedOnce() {
        EventFactsCache cache = listening();

        String first = read(cache, event, "standing");
        String second = read(cache, event, "standing");

        assertThat(second).isEqualTo(first);
        assertThat(loads).hasValue(1);
    }

    @Test
    void getWhenListenerNotConnectedThenNothingKept() {
        EventFactsCache cache = new EventFactsCache(null, Duration.ofMinutes(1), 100);

        read(cache, event, "standing");
        read(cache, event, "standing");

        assertThat(loads).hasValue(2);
        assertThat(cache.active()).isFalse();
    }

    @Test
    void getWhenTtlIsZeroThenNothingKept() {
        EventFactsCache cache = new EventFactsCache(null, Duration.ZERO, 100);
        cache.listening(true);

        read(cache, event, "standing");
        read(cache, event, "standing");

        assertThat(loads).hasValue(2);
    }

    @Test
    void heardWhenEventIdNotifiedThenOnlyThatEventForgotten() {
        EventFactsCache cache = listening();
        read(cache, event, "standing");
        read(cache, other, "standing");

        cache.heard(event.toString());

        assertThat(read(cache, event, "standing")).isEqualTo("standing#3");
        assertThat(read(cache, other, "standing")).isEqualTo("standing#2");
    }

    @Test
    void heardWhenStarNotifiedThenEveryEventForgotten() {
        EventFactsCache cache = listening();
        read(cache, event, "standing");
        read(cache, other, "standing");

        cache.heard("*");

        read(cache, event, "standing");
        read(cache, other, "standing");
        assertThat(loads).hasValue(4);
        assertThat(cache.heard()).isEqualTo(1);
    }

    @Test
    void listeningWhenConnectionLostThenForgottenAndNotKeptUntilBack() {
        EventFactsCache cache = listening();
        read(cache, event, "standing");

        cache.listening(false);
        read(cache, event, "standing");
        read(cache, event, "standing");

        assertThat(loads).hasValue(3);
    }

    @Test
    void getWhenForgottenWhileLoadingThenTheLoadIsNotKept() {
        EventFactsCache cache = listening();
        Sinks.One<String> slow = Sinks.one();
        Mono<String> pending = cache.get(event, "standing", slow::asMono);
        String[] got = new String[1];
        pending.subscribe(value -> got[0] = value);

        cache.forget(event);
        slow.tryEmitValue("old");

        assertThat(got[0]).isEqualTo("old");
        assertThat(read(cache, event, "standing")).isEqualTo("standing#1");
    }
}
