package org.minka.judging;

import java.util.function.Function;
import org.minka.common.HttpCaching;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import reactor.core.publisher.Mono;

/**
 * The response blocks the judging controllers share: a 200 whose strong ETag is the
 * representation's version (so {@code If-Match} can name it, and {@code If-None-Match} gets a 304),
 * and a write that expects the {@code If-Match} version.
 */
final class JudgingHttp {

    private JudgingHttp() {}

    /** A 200 tagged with the version, revalidated before reuse. */
    static <T> ResponseEntity<T> versioned(T body, long version) {
        return ResponseEntity.ok()
                .eTag(HttpCaching.versionTag(version, null))
                .cacheControl(CacheControl.noCache())
                .body(body);
    }

    /**
     * Runs a write with the version {@code If-Match} expects (null when absent or {@code *}); the
     * header is read on subscription, so a malformed one fails as a problem. The result is mapped
     * to its response by {@code respond}.
     */
    static <T> Mono<ResponseEntity<T>> ifMatch(
            String ifMatch, Function<Long, Mono<T>> write, Function<T, ResponseEntity<T>> respond) {
        return expecting(ifMatch, write).map(respond);
    }

    /** Runs a write with the version {@code If-Match} expects, read on subscription. */
    static <T> Mono<T> expecting(String ifMatch, Function<Long, Mono<T>> write) {
        return Mono.defer(() -> write.apply(HttpCaching.expectedVersion(ifMatch)));
    }
}
