package org.minka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.minka.support.BlockHoundSupport;
import org.minka.support.IntegrationTest;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves BlockHound is installed in the integration JVM: a blocking call on a non-blocking thread
 * fails.
 */
class BlockHoundIntegrationTests extends IntegrationTest {

    @Test
    void blockingCallOnParallelSchedulerIsRefused() {
        Mono<Integer> sleeper =
                Mono.fromCallable(
                                () -> {
                                    Thread.sleep(1);
                                    return 1;
                                })
                        .subscribeOn(Schedulers.parallel());
        StepVerifier.create(sleeper)
                .expectError(BlockingOperationError.class)
                .verify(Duration.ofSeconds(5));
        assertThat(BlockHoundSupport.VIOLATIONS).hasSize(1);
        BlockHoundSupport.VIOLATIONS.clear();
    }
}
