package org.minka.notification;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ends this instance's streams when it shuts down. Readiness has gone DOWN by then (Boot publishes
 * REFUSING_TRAFFIC before the context closes); each stream gets a last comment with a {@code
 * retry:} hint and completes, so that the graceful shutdown does not wait on endless responses and
 * clients reconnect, through the load balancer, to an instance that stays. A stream opened after
 * that point gets the hint at once.
 */
@Component
class StreamShutdown implements ApplicationListener<ContextClosedEvent> {

    private final Sinks.One<Boolean> closing = Sinks.one();
    private final ServerSentEvent<Notification> farewell;

    StreamShutdown(@Value("${minka.notifications.shutdown-retry:2s}") Duration retry) {
        this.farewell =
                ServerSentEvent.<Notification>builder()
                        .comment("shutting down")
                        .retry(retry)
                        .build();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing.tryEmitValue(Boolean.TRUE);
    }

    /** The stream until shutdown, then a last event that says when to reconnect. */
    Flux<ServerSentEvent<Notification>> untilShutdown(Flux<ServerSentEvent<Notification>> stream) {
        return stream.takeUntilOther(closing.asMono()).concatWith(Mono.just(farewell));
    }
}
