package org.minka.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Concurrent asks for the same key share one load: the first starts it, the others that arrive
 * while it runs get its result (or its error), and the next ask after it ended starts a new one.
 * For reads that a crowd makes at once (a thousand streams reconnecting to one event) and that
 * would otherwise each take a pooled connection for the same answer.
 */
public final class SingleFlight<K> {

    private final Map<K, Mono<?>> running = new ConcurrentHashMap<>();

    /** The running load of {@code key}, or a new one from {@code load}. */
    @SuppressWarnings("unchecked")
    public <T> Mono<T> run(K key, Supplier<Mono<T>> load) {
        return Mono.defer(() -> (Mono<T>) running.computeIfAbsent(key, k -> shared(k, load)));
    }

    private <T> Mono<T> shared(K key, Supplier<Mono<T>> load) {
        Mono<T> mono = Mono.defer(load).doFinally(signal -> running.remove(key)).cache();
        return mono;
    }

    /** Keys with a load running (for tests). */
    int running() {
        return running.size();
    }
}
