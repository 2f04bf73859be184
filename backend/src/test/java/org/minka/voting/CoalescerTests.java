package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CoalescerTests {

    @Test
    void signalWhenManyWithinOneIntervalThenOneLeadingAndOneTrailingRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch two = new CountDownLatch(2);
        Coalescer coalescer =
                new Coalescer(
                        Duration.ofSeconds(2),
                        key ->
                                Mono.fromRunnable(
                                        () -> {
                                            runs.incrementAndGet();
                                            two.countDown();
                                        }));
        UUID key = UUID.randomUUID();

        for (int i = 0; i < 100; i++) {
            coalescer.signal(key);
        }

        assertThat(two.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runs.get()).isEqualTo(2);
    }

    @Test
    void signalWhenKeysDifferThenEachRunsAtOnce() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        Coalescer coalescer =
                new Coalescer(Duration.ofHours(1), key -> Mono.fromRunnable(both::countDown));

        coalescer.signal(UUID.randomUUID());
        coalescer.signal(UUID.randomUUID());

        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void signalWhenActionFailsThenLaterSignalsStillRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Coalescer coalescer =
                new Coalescer(
                        Duration.ofMillis(1),
                        key -> {
                            runs.incrementAndGet();
                            return Mono.error(new IllegalStateException("down"));
                        });
        UUID key = UUID.randomUUID();

        coalescer.signal(key);

        assertThat(waitFor(() -> runs.get() >= 1)).isTrue();
        assertThat(waitFor(() -> signalled(coalescer, key) && runs.get() >= 2)).isTrue();
    }

    private static boolean signalled(Coalescer coalescer, UUID key) {
        coalescer.signal(key);
        return true;
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
