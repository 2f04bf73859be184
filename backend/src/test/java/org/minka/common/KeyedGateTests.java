package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class KeyedGateTests {

    /** Work that ends when the test says, and counts how many run at once. */
    private static final class Work {
        final Sinks.One<String> done = Sinks.one();
        final AtomicInteger running;
        final AtomicInteger peak;
        final AtomicInteger started = new AtomicInteger();

        Work(AtomicInteger running, AtomicInteger peak) {
            this.running = running;
            this.peak = peak;
        }

        Mono<String> mono() {
            // before the terminal signal goes on (doFinally would run after the gate's)
            return Mono.defer(this::begin)
                    .doOnTerminate(running::decrementAndGet)
                    .doOnCancel(running::decrementAndGet);
        }

        private Mono<String> begin() {
            started.incrementAndGet();
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            return done.asMono();
        }

        void finish(String value) {
            done.tryEmitValue(value);
        }
    }

    private static List<Work> works(int n, AtomicInteger running, AtomicInteger peak) {
        List<Work> works = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            works.add(new Work(running, peak));
        }
        return works;
    }

    @Test
    void runWhenMoreCallsThanPermitsThenTheRestWaitInOrderAndNeverExceedThePermits() {
        KeyedGate gate = new KeyedGate(2, 10);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Work> works = works(6, running, peak);
        List<String> results = new ArrayList<>();
        List<Disposable> subscriptions = new ArrayList<>();
        for (Work w : works) {
            subscriptions.add(gate.run("voter", w.mono()).subscribe(results::add));
        }

        assertThat(works).extracting(w -> w.started.get()).containsExactly(1, 1, 0, 0, 0, 0);
        for (int i = 0; i < works.size(); i++) {
            works.get(i).finish("r" + i);
        }

        assertThat(results).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
        assertThat(peak.get()).isEqualTo(2);
        assertThat(gate.activeKeys()).isZero();
        subscriptions.forEach(Disposable::dispose);
    }

    @Test
    void runWhenQueueIsFullThenRefusedAt429AndOtherKeysUnaffected() {
        KeyedGate gate = new KeyedGate(1, 1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Work> works = works(4, running, peak);
        gate.run("a", works.get(0).mono()).subscribe();
        gate.run("a", works.get(1).mono()).subscribe();

        StepVerifier.create(gate.run("a", works.get(2).mono()))
                .expectErrorSatisfies(
                        e -> {
                            assertThat(e).isInstanceOf(RateLimitedException.class);
                            assertThat(((RateLimitedException) e).type())
                                    .isEqualTo(ProblemType.RATE_LIMITED);
                        })
                .verify(Duration.ofSeconds(5));
        StepVerifier.create(gate.run("b", Mono.just("other"))).expectNext("other").verifyComplete();
        assertThat(works.get(2).started.get()).isZero();
        works.get(0).finish("x");
        works.get(1).finish("y");
        assertThat(gate.activeKeys()).isZero();
    }

    @Test
    void runWhenAQueuedCallIsCancelledThenItNeverStartsAndItsTurnPassesOn() {
        KeyedGate gate = new KeyedGate(1, 5);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Work> works = works(3, running, peak);
        List<String> results = new ArrayList<>();
        gate.run("k", works.get(0).mono()).subscribe(results::add);
        Disposable queued = gate.run("k", works.get(1).mono()).subscribe(results::add);
        gate.run("k", works.get(2).mono()).subscribe(results::add);

        queued.dispose();
        works.get(0).finish("first");
        works.get(2).finish("third");

        assertThat(works.get(1).started.get()).isZero();
        assertThat(results).containsExactly("first", "third");
        assertThat(gate.activeKeys()).isZero();
    }

    @Test
    void runWhenRunningCallFailsOrIsCancelledThenThePermitIsReleased() {
        KeyedGate gate = new KeyedGate(1, 5);
        StepVerifier.create(gate.run("k", Mono.error(new IllegalStateException("boom"))))
                .expectError(IllegalStateException.class)
                .verify(Duration.ofSeconds(5));
        Disposable hanging = gate.run("k", Mono.never()).subscribe();
        hanging.dispose();

        StepVerifier.create(gate.run("k", Mono.just("next"))).expectNext("next").verifyComplete();
        assertThat(gate.activeKeys()).isZero();
    }

    @Test
    void runWhenManyThreadsRaceThenEveryCallRunsOnceAndPermitsHold() {
        KeyedGate gate = new KeyedGate(3, 10_000);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger ran = new AtomicInteger();
        Mono<Integer> work =
                Mono.fromCallable(
                                () -> {
                                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                                    ran.incrementAndGet();
                                    running.decrementAndGet();
                                    return 1;
                                })
                        .subscribeOn(reactor.core.scheduler.Schedulers.parallel());

        Long total =
                Flux.range(0, 2_000)
                        .parallel(4)
                        .runOn(reactor.core.scheduler.Schedulers.parallel())
                        .flatMap(i -> gate.run("k", work))
                        .sequential()
                        .count()
                        .block(Duration.ofSeconds(30));

        assertThat(total).isEqualTo(2_000);
        assertThat(ran.get()).isEqualTo(2_000);
        assertThat(peak.get()).isLessThanOrEqualTo(3);
        // a call's permit is given back just after its result went on (doFinally), possibly on
        // another thread than the one that saw the last result: wait for it, fail on a leak
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> gate.activeKeys() == 0);
    }
}
