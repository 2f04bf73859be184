package org.minka.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.IntegrationTest;

/**
 * A sign-in writes the users row only when a claim changed or the user was last seen four to six
 * minutes ago (each user's own point in those two minutes, so a crowd that signed in at once does
 * not refresh at once).
 */
class UserRefreshIntegrationTests extends IntegrationTest {

    private static final String ISSUER = "https://refresh.test/issuer";

    /** A directory with nothing in memory, so that every sign-in runs its statement. */
    private UserDirectory fresh() {
        return new UserDirectory(db, List.of());
    }

    private void signIn(String subject) {
        fresh().upsert(ISSUER, subject, subject + "@example.org", true, "Ana", false).block();
    }

    private void lastSeen(String subject, String ago) {
        db.sql(
                        "update users set last_seen_at = now() - cast($2 as interval)"
                                + " where issuer = $1 and subject = $3")
                .bind(0, ISSUER)
                .bind(1, ago)
                .bind(2, subject)
                .then()
                .block();
    }

    private Instant lastSeen(String subject) {
        return db.sql("select last_seen_at from users where issuer = $1 and subject = $2")
                .bind(0, ISSUER)
                .bind(1, subject)
                .map((row, meta) -> row.get(0, Instant.class))
                .one()
                .block();
    }

    @Test
    void signInWhenSeenOverSixMinutesAgoThenRefreshed() {
        String subject = "refresh-" + UUID.randomUUID();
        signIn(subject);
        lastSeen(subject, "6 minutes 1 second");
        Instant before = lastSeen(subject);

        signIn(subject);

        assertThat(lastSeen(subject)).isAfter(before);
    }

    @Test
    void signInWhenSeenUnderFourMinutesAgoThenOnlyRead() {
        String subject = "recent-" + UUID.randomUUID();
        signIn(subject);
        lastSeen(subject, "3 minutes 59 seconds");
        Instant before = lastSeen(subject);

        signIn(subject);

        assertThat(lastSeen(subject)).isEqualTo(before);
    }

    @Test
    void signInWhenACrowdWasSeenFiveMinutesAgoThenOnlyPartRefreshes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            crowd.add("crowd-" + run + "-" + i);
        }
        crowd.forEach(this::signIn);
        crowd.forEach(subject -> lastSeen(subject, "5 minutes"));
        List<Instant> before = crowd.stream().map(this::lastSeen).toList();

        crowd.forEach(this::signIn);

        long refreshed =
                java.util.stream.IntStream.range(0, crowd.size())
                        .filter(i -> lastSeen(crowd.get(i)).isAfter(before.get(i)))
                        .count();
        // each subject's point in the two minutes decides; 40 all on one side: odds 2 in 2^40
        assertThat(refreshed).isBetween(1L, 39L);
    }
}
