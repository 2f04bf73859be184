package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** A key's hashes are HMAC-SHA256 under its secret, however many are taken and from where. */
class VotingKeysTests {

    private static final byte[] SECRET = "a 32-byte secret for the tests!!".getBytes();

    @Test
    void hashWhenTakenThenTheHmacOfTheTextUnderTheSecret() throws Exception {
        VotingKeys.Key key = VotingKeys.Key.of(3, SECRET);

        assertThat(key.hash("10.0.0.1")).isEqualTo(hmac("10.0.0.1"));
        assertThat(key.hash("vote-bench/1.0")).isEqualTo(hmac("vote-bench/1.0"));
        assertThat(key.hash("10.0.0.1")).isEqualTo(hmac("10.0.0.1"));
    }

    @Test
    void hashWhenTakenFromManyThreadsAtOnceThenEachIsRight() {
        VotingKeys.Key key = VotingKeys.Key.of(1, SECRET);

        List<String> hashes =
                IntStream.range(0, 2_000)
                        .parallel()
                        .mapToObj(i -> HexFormat.of().formatHex(key.hash("10.0." + i % 7)))
                        .toList();

        for (int i = 0; i < hashes.size(); i++) {
            assertThat(hashes.get(i)).isEqualTo(hex("10.0." + i % 7));
        }
    }

    /** The HMAC the long way: a MAC of its own for each text. */
    private static byte[] hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(String text) {
        try {
            return HexFormat.of().formatHex(hmac(text));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
