package org.minka.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The tokens this instance verified lately, so that a client's next requests with the same token
 * skip parsing it and checking its signature again (about a tenth of an authenticated request's
 * CPU, measured in {@code make bench-vote}). A token is kept by the SHA-256 of its exact text
 * (never the token itself) until its {@code exp}, and for at most {@link #KEPT}; any other text, a
 * tampered one included, is a miss and goes through the full decoder (issuer, audience, signature,
 * times).
 *
 * <p>Keeping a token until it expires answers what the decoder would answer: the issuer, audience
 * and signature of the same text cannot change, and the times are checked against the clock here
 * (stricter than the decoder, which allows a minute of skew past {@code exp}). What it does not see
 * is a signing key the issuer withdraws: Spring's reactive decoder does not either, as it keeps the
 * issuer's keys until a token names a key it has not got. {@link #KEPT} bounds how long a token
 * without a near {@code exp} stays in memory. At {@link #MAX} tokens, the expired ones go first,
 * and all of them if too few had expired.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    /** How long a verified token is answered from memory at most (its exp comes first). */
    static final Duration KEPT = Duration.ofMinutes(10);

    static final int MAX = 10_000;

    private final ReactiveJwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Jwt jwt, Instant until) {}

    private final int max;

    VerifiedTokens(ReactiveJwtDecoder decoder, Clock clock) {
        this(decoder, clock, MAX);
    }

    VerifiedTokens(ReactiveJwtDecoder decoder, Clock clock, int max) {
        this.decoder = decoder;
        this.clock = clock;
        this.max = max;
    }

    /** Wraps the application's JWT decoder (Spring Boot's, from the issuer's settings). */
    static BeanPostProcessor wrapping() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof ReactiveJwtDecoder decoder
                                && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, Clock.systemUTC())
                        : bean;
            }
        };
    }

    @Override
    public Mono<Jwt> decode(String token) {
        String key = digest(token);
        Kept known = kept.get(key);
        if (known != null && clock.instant().isBefore(known.until())) {
            return Mono.just(known.jwt());
        }
        return decoder.decode(token).doOnNext(jwt -> keep(key, jwt));
    }

    private void keep(String key, Jwt jwt) {
        Instant until = clock.instant().plus(KEPT);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (kept.size() >= max) {
            makeRoom();
        }
        kept.put(key, new Kept(jwt, until));
    }

    /**
     * Drops the expired tokens, or every token when that freed less than a tenth of the room (so
     * that a full map is not scanned again at the next token).
     */
    private void makeRoom() {
        Instant now = clock.instant();
        kept.values().removeIf(k -> !now.isBefore(k.until()));
        if (kept.size() >= max - max / 10) {
            kept.clear();
        }
    }

    private static String digest(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Tokens kept now (for tests). */
    int size() {
        return kept.size();
    }
}
