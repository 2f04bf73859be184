package org.minka.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class SingleFlightTests {

    @Test
    void runWhenAsksOverlapThenOneLoadServesThemAll() {
        SingleFlight<String> flight = new SingleFlight<>();
        AtomicInteger loads = new AtomicInteger();
        Sinks.One<String> answer = Sinks.one();
        List<String> got = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            flight.run(
                            "event",
                            () -> {
                                loads.incrementAndGet();
                                return answer.asMono();
                            })
                    .subscribe(got::add);
        }

        answer.tryEmitValue("tallies");

        assertThat(loads.get()).isEqualTo(1);
        assertThat(got).hasSize(100).containsOnly("tallies");
        assertThat(flight.running()).isZero();
    }

    @Test
    void runWhenTheLoadEndedThenTheNextAskLoadsAgainAndOtherKeysAreApart() {
        SingleFlight<String> flight = new SingleFlight<>();
        AtomicInteger loads = new AtomicInteger();

        StepVerifier.create(flight.run("a", () -> Mono.just(loads.incrementAndGet())))
                .expectNext(1)
                .verifyComplete();
        StepVerifier.create(flight.run("a", () -> Mono.just(loads.incrementAndGet())))
                .expectNext(2)
                .verifyComplete();
        StepVerifier.create(flight.run("b", () -> Mono.just(loads.incrementAndGet())))
                .expectNext(3)
                .verifyComplete();
    }

    @Test
    void runWhenTheLoadFailsThenEveryWaiterGetsTheErrorAndTheNextAskRetries() {
        SingleFlight<String> flight = new SingleFlight<>();
        Sinks.One<String> answer = Sinks.one();
        Mono<String> first = flight.run("k", answer::asMono);
        Mono<String> second = flight.run("k", () -> Mono.just("never"));
        List<Throwable> errors = new ArrayList<>();
        first.subscribe(x -> {}, errors::add);
        second.subscribe(x -> {}, errors::add);

        answer.tryEmitError(new IllegalStateException("down"));

        assertThat(errors).hasSize(2).allMatch(e -> e.getMessage().equals("down"));
        StepVerifier.create(flight.run("k", () -> Mono.just("back")))
                .expectNext("back")
                .verifyComplete();
        assertThat(flight.running()).isZero();
    }
}
