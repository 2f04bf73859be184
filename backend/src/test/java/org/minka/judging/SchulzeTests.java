package org.minka.judging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchulzeTests {

    /**
     * Wikipedia, "Schulze method": 45 voters, five candidates; the ranking is E > A > C > B > D.
     */
    @Test
    void rankWhenWikipedia45VoterExampleThenEacbd() {
        List<List<String>> ballots = new ArrayList<>();
        add(ballots, 5, "ACBED");
        add(ballots, 5, "ADECB");
        add(ballots, 8, "BEDAC");
        add(ballots, 3, "CABED");
        add(ballots, 7, "CAEBD");
        add(ballots, 2, "CBADE");
        add(ballots, 7, "DCEBA");
        add(ballots, 8, "EBADC");

        assertThat(Schulze.rank(ballots))
                .containsExactly(
                        List.of("E"), List.of("A"), List.of("C"), List.of("B"), List.of("D"));
    }

    /** The same example's strongest paths, as Wikipedia tabulates them. */
    @Test
    void strongestPathsWhenWikipedia45VoterExampleThenMatchTable() {
        int[][] d = {
            {0, 20, 26, 30, 22},
            {25, 0, 16, 33, 18},
            {19, 29, 0, 17, 24},
            {15, 12, 28, 0, 14},
            {23, 27, 21, 31, 0}
        };
        int[][] p = Schulze.strongestPaths(d);
        assertThat(p[0]).containsExactly(0, 28, 28, 30, 24);
        assertThat(p[1]).containsExactly(25, 0, 28, 33, 24);
        assertThat(p[2]).containsExactly(25, 29, 0, 29, 24);
        assertThat(p[3]).containsExactly(25, 28, 28, 0, 24);
        assertThat(p[4]).containsExactly(25, 28, 28, 31, 0);
    }

    /** Tennessee's capital (Wikipedia, "Condorcet method"): Nashville wins, Memphis is last. */
    @Test
    void rankWhenTennesseeCapitalThenNashvilleChattanoogaKnoxvilleMemphis() {
        List<List<String>> ballots = new ArrayList<>();
        addNamed(ballots, 42, "Memphis", "Nashville", "Chattanooga", "Knoxville");
        addNamed(ballots, 26, "Nashville", "Chattanooga", "Knoxville", "Memphis");
        addNamed(ballots, 15, "Chattanooga", "Knoxville", "Nashville", "Memphis");
        addNamed(ballots, 17, "Knoxville", "Chattanooga", "Nashville", "Memphis");

        assertThat(Schulze.rank(ballots))
                .containsExactly(
                        List.of("Nashville"),
                        List.of("Chattanooga"),
                        List.of("Knoxville"),
                        List.of("Memphis"));
    }

    @Test
    void rankWhenCondorcetCycleOfEqualStrengthThenOneTier() {
        List<List<String>> ballots = new ArrayList<>();
        add(ballots, 1, "ABC");
        add(ballots, 1, "BCA");
        add(ballots, 1, "CAB");

        assertThat(Schulze.rank(ballots)).containsExactly(List.of("A", "B", "C"));
    }

    @Test
    void rankWhenOpposedBallotsThenTieAboveTheRest() {
        List<List<String>> ballots = new ArrayList<>();
        add(ballots, 1, "ABC");
        add(ballots, 1, "BAC");

        assertThat(Schulze.rank(ballots)).containsExactly(List.of("A", "B"), List.of("C"));
    }

    @Test
    void rankWhenOneBallotThenItsOrder() {
        assertThat(Schulze.rank(List.of(List.of("z", "a", "m"))))
                .containsExactly(List.of("z"), List.of("a"), List.of("m"));
    }

    @Test
    void rankWhenNoBallotsThenNoTiers() {
        assertThat(Schulze.rank(List.of())).isEmpty();
    }

    @Test
    void rankWhenBallotIncompleteOrRepeatsThenRejected() {
        assertThatThrownBy(() -> Schulze.rank(List.of(List.of("A", "B"), List.of("A"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Schulze.rank(List.of(List.of("A", "B"), List.of("A", "A"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Schulze.rank(List.of(List.of("A", "B"), List.of("A", "C"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void add(List<List<String>> ballots, int times, String order) {
        for (int i = 0; i < times; i++) {
            ballots.add(Arrays.asList(order.split("")));
        }
    }

    private static void addNamed(List<List<String>> ballots, int times, String... order) {
        for (int i = 0; i < times; i++) {
            ballots.add(List.of(order));
        }
    }
}
