package org.minka.voting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.event.EventSettings.VotingScope;

class PeoplesChoiceTests {

    private final UUID event = UUID.randomUUID();
    private final UUID c1 = new UUID(0, 1);
    private final UUID c2 = new UUID(0, 2);
    private final UUID c3 = new UUID(0, 3);
    private final UUID a = new UUID(1, 1);
    private final UUID b = new UUID(1, 2);
    private final UUID w = new UUID(1, 3);

    private Tallies tallies() {
        return Tallies.of(
                event,
                true,
                List.of(
                        new Tallies.Row(c1, a, 5),
                        new Tallies.Row(c1, b, 5),
                        new Tallies.Row(c1, new UUID(1, 9), 2),
                        new Tallies.Row(c2, w, 7)));
    }

    @Test
    void ofWhenPerChallengeThenTopPerChallengeWithTiesAndEmptyWithoutVotes() {
        PeoplesChoice choice =
                PeoplesChoice.of(tallies(), VotingScope.PER_CHALLENGE, List.of(c1, c2, c3));

        assertThat(choice.winners())
                .containsExactly(
                        new PeoplesChoice.Winner(c1, List.of(a, b), 5, true),
                        new PeoplesChoice.Winner(c2, List.of(w), 7, false),
                        new PeoplesChoice.Winner(c3, List.of(), 0, false));
        assertThat(choice.closed()).isTrue();
    }

    @Test
    void ofWhenPerEventThenOneWinnerOverAllChallenges() {
        PeoplesChoice choice = PeoplesChoice.of(tallies(), VotingScope.PER_EVENT, List.of(c1, c2));

        assertThat(choice.winners())
                .containsExactly(new PeoplesChoice.Winner(null, List.of(w), 7, false));
    }

    @Test
    void talliesOfWhenRowsThenSumsPerChallengeAndEvent() {
        Tallies t = tallies();

        assertThat(t.votes()).isEqualTo(19);
        assertThat(t.challenges())
                .extracting(Tallies.ChallengeTally::votes)
                .containsExactly(12L, 7L);
    }
}
