package org.minka.team;

import java.security.SecureRandom;

/**
 * Join codes: 16 symbols from a 32-letter alphabet without look-alikes (80 bits of entropy), shown
 * in groups of four. Guessing one of a few thousand live codes takes about 2^68 tries.
 */
@org.springframework.stereotype.Component
final class JoinCodes {

    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ0123456789".toCharArray();
    private final SecureRandom random = seeded();

    JoinCodes() {}

    /**
     * A DRBG seeded when the bean is created at startup: drawing from it later never reads
     * /dev/urandom, which would block an event-loop thread.
     */
    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextInt();
            return random;
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    String next() {
        StringBuilder code = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /** Accepts what people type: any case, with or without dashes and spaces. */
    static String normalize(String typed) {
        String raw = typed.toUpperCase().replaceAll("[^A-Z0-9]", "");
        if (raw.length() != 16) {
            return raw;
        }
        return raw.substring(0, 4)
                + "-"
                + raw.substring(4, 8)
                + "-"
                + raw.substring(8, 12)
                + "-"
                + raw.substring(12);
    }
}
