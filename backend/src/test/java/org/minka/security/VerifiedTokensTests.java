package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.minka.support.MutableClock;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/** A verified token is answered from memory until its expiry, and at most {@code KEPT}. */
class VerifiedTokensTests {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final MutableClock clock = new MutableClock();

    {
        clock.set(NOW);
    }

    private final AtomicInteger decoded = new AtomicInteger();

    /** Decodes "good-<seconds to expiry>" and refuses anything else, counting every call. */
    private final ReactiveJwtDecoder full =
            token -> {
                decoded.incrementAndGet();
                if (!token.startsWith("good-")) {
                    return Mono.error(new BadJwtException("bad signature"));
                }
                long seconds = Long.parseLong(token.substring("good-".length()));
                return Mono.just(
                        Jwt.withTokenValue(token)
                                .header("alg", "RS256")
                                .subject("ana")
                                .issuedAt(NOW.minusSeconds(10))
                                .expiresAt(NOW.plusSeconds(seconds))
                                .build());
            };

    private final VerifiedTokens tokens = new VerifiedTokens(full, clock);

    @Test
    void decodeWhenTheSameTokenAgainThenFromMemory() {
        Jwt first = tokens.decode("good-1800").block();
        Jwt second = tokens.decode("good-1800").block();

        assertThat(second).isSameAs(first);
        assertThat(decoded).hasValue(1);
    }

    @Test
    void decodeWhenKeptLongEnoughThenVerifiedAgain() {
        // expires in an hour, but kept for KEPT at most
        tokens.decode("good-3600").block();
        clock.advance(VerifiedTokens.KEPT.minusSeconds(1));
        tokens.decode("good-3600").block();
        assertThat(decoded).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        tokens.decode("good-3600").block();

        assertThat(decoded).hasValue(2);
    }

    @Test
    void decodeWhenTheTokenHasExpiredSinceThenVerifiedAgain() {
        // expires in 30 s: kept until then, not for KEPT
        tokens.decode("good-30").block();
        clock.advance(Duration.ofSeconds(29));
        tokens.decode("good-30").block();
        assertThat(decoded).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        tokens.decode("good-30").block();

        assertThat(decoded).hasValue(2);
    }

    @Test
    void decodeWhenRefusedThenNothingKeptAndEveryTryVerified() {
        assertThatThrownBy(() -> tokens.decode("tampered").block())
                .isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("tampered").block())
                .isInstanceOf(BadJwtException.class);

        assertThat(decoded).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void decodeWhenAnotherTokenThenVerifiedOnItsOwn() {
        tokens.decode("good-1800").block();

        tokens.decode("good-1801").block();

        assertThat(decoded).hasValue(2);
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void decodeWhenFullThenTheExpiredGoFirst() {
        VerifiedTokens small = new VerifiedTokens(full, clock, 3);
        small.decode("good-10").block();
        small.decode("good-1800").block();
        small.decode("good-1801").block();
        clock.advance(Duration.ofSeconds(10));

        small.decode("good-1802").block();

        assertThat(small.size()).isEqualTo(3);
        small.decode("good-1800").block();
        small.decode("good-1801").block();
        assertThat(decoded).hasValue(4);
    }

    @Test
    void decodeWhenFullAndTooFewExpiredThenAllGo() {
        VerifiedTokens small = new VerifiedTokens(full, clock, 2);
        small.decode("good-1800").block();
        small.decode("good-1801").block();

        small.decode("good-1802").block();

        assertThat(small.size()).isEqualTo(1);
        small.decode("good-1800").block();
        assertThat(decoded).hasValue(4);
    }

    @Test
    void decodeWhenFullAndOnlyOneOfManyExpiredThenAllGo() {
        VerifiedTokens tokens20 = new VerifiedTokens(full, clock, 20);
        tokens20.decode("good-5").block();
        for (int i = 0; i < 19; i++) {
            tokens20.decode("good-" + (1800 + i)).block();
        }
        clock.advance(Duration.ofSeconds(5));

        // one expired frees less than a tenth of the room: all go, not one at each new token
        tokens20.decode("good-3600").block();

        assertThat(tokens20.size()).isEqualTo(1);
    }
}
