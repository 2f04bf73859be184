package org.minka.judging;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The randomness of pairwise choices: one generator per turn, seeded from the configured seed (or a
 * random one), the judge, the challenge and the turn, so that a seed fixes every choice whatever
 * the order in which requests arrive.
 */
@Component
@EnableConfigurationProperties(PairwiseProperties.class)
class PairwiseRandom {

    private final long seed;

    PairwiseRandom(PairwiseProperties properties) {
        this.seed = properties.seed() != null ? properties.seed() : new SecureRandom().nextLong();
    }

    /** The generator of one turn. */
    RandomGenerator forTurn(UUID judgeId, UUID challengeId, long turn, UUID previousId) {
        long mixed = seed;
        mixed = mix(mixed, judgeId.getMostSignificantBits(), judgeId.getLeastSignificantBits());
        mixed =
                mix(
                        mixed,
                        challengeId.getMostSignificantBits(),
                        challengeId.getLeastSignificantBits());
        mixed = mix(mixed, turn, previousId == null ? 0 : previousId.getLeastSignificantBits());
        return new SplittableRandom(mixed);
    }

    private static long mix(long h, long a, long b) {
        return (h * 31 + a) * 0x9E3779B97F4A7C15L + b;
    }
}
