package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BordaTests {

    /**
     * Wikipedia, "Borda count", the Tennessee capital example: 42 Memphis, 26 Nashville, 15
     * Chattanooga and 17 Knoxville voters. With 0..3 points: Nashville 194, Chattanooga 173,
     * Memphis 126, Knoxville 107.
     */
    @Test
    void pointsWhenTennesseeExampleThenNashvilleWins() {
        List<List<String>> ballots = new ArrayList<>();
        add(ballots, 42, "M", "N", "C", "K");
        add(ballots, 26, "N", "C", "K", "M");
        add(ballots, 15, "C", "K", "N", "M");
        add(ballots, 17, "K", "C", "N", "M");

        assertThat(Borda.points(ballots)).isEqualTo(Map.of("N", 194, "C", 173, "M", 126, "K", 107));
        assertThat(Borda.rank(ballots))
                .containsExactly(List.of("N"), List.of("C"), List.of("M"), List.of("K"));
    }

    /** ABC, ABC, BCA: A 2+2+0 = 4, B 1+1+2 = 4, C 0+0+1 = 1, so A and B share the first tier. */
    @Test
    void rankWhenEqualPointsThenSharedTier() {
        List<List<String>> ballots =
                List.of(List.of("A", "B", "C"), List.of("A", "B", "C"), List.of("B", "C", "A"));

        assertThat(Borda.rank(ballots)).containsExactly(List.of("A", "B"), List.of("C"));
    }

    @Test
    void rankWhenNoBallotsThenNoTiers() {
        assertThat(Borda.rank(List.of())).isEmpty();
    }

    @Test
    void pointsWhenBallotOmitsOrRepeatsThenRejected() {
        assertThatThrownBy(() -> Borda.points(List.of(List.of("A", "B"), List.of("A"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Borda.points(List.of(List.of("A", "B"), List.of("A", "A"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void add(List<List<String>> ballots, int times, String... order) {
        for (int i = 0; i < times; i++) {
            ballots.add(List.of(order));
        }
    }
}
