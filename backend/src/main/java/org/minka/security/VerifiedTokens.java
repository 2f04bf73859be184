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
 * (never the token itself), for at most {@link #KEPT} and never past its {@code exp}; any other
 * text, a tampered one included, is a miss and goes through the full decoder (issuer, audience,
 * signature, times). The price: a token signed with a key the issuer has just withdrawn is taken
 * for at most {@link #KEPT} more.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    /** How long a verified token is answered from memory at most. */
    static final Duration KEPT = Duration.ofMinutes(1);

    private static final int MAX = 10_000;

    private final ReactiveJwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    private record Kept(Jwt jwt, Instant until) {}

    VerifiedTokens(ReactiveJwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
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
        if (kept.size() >= MAX) {
            kept.clear();
        }
        kept.put(key, new Kept(jwt, until));
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
