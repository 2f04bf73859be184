package org.minka.common;

import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/** The shared guard steps of reactive chains: a check that must hold, and a write that must hit. */
public final class Checks {

    private Checks() {}

    /** Completes empty when the check is true; else fails with the given problem. */
    public static Mono<Void> require(Mono<Boolean> check, Supplier<MinkaException> otherwise) {
        return check.flatMap(ok -> ok ? Mono.<Void>empty() : Mono.error(otherwise.get()));
    }

    /** Completes empty when the condition holds; else fails with the given problem. */
    public static Mono<Void> require(boolean condition, Supplier<MinkaException> otherwise) {
        return condition ? Mono.empty() : Mono.error(otherwise.get());
    }

    /** Completes empty when the write touched at least one row; else fails with the problem. */
    public static Mono<Void> updatedOrFail(Mono<Long> rows, Supplier<MinkaException> otherwise) {
        return rows.flatMap(n -> n > 0 ? Mono.<Void>empty() : Mono.error(otherwise.get()));
    }
}
