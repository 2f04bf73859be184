package org.minka.voting.fraud;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Every fraud-review endpoint, called in column order by: anonymous, a citizen voter, a member of a
 * competing team, a mentor and a judge of the challenge, and an organizer. In a PRIVATE event the
 * citizen cannot see the event (404); in a PUBLIC one they can, and get 403. Each matrix shares one
 * scenario: only the organizer's calls pass, and each passes once.
 */
class FraudReviewAccessIntegrationTests extends IntegrationTest {

    record Setup(FraudScenario s, UUID flag, UUID ballot) {}

    static final AccessMatrix<Setup> PRIVATE =
            AccessMatrix.<Setup>of(
                    """
                                    anonymous citizen member mentor judge organizer
                    GET flags       401       404     403    403    403   200
                    GET flags/{id}  401       404     403    403    403   200
                    POST scan       401       404     403    403    403   200
                    POST actions    401       404     403    403    403   201
                    GET export      401       404     403    403    403   200
                    """);

    static final AccessMatrix<Setup> PUBLIC =
            AccessMatrix.<Setup>of(
                    """
                                    anonymous citizen member mentor judge organizer
                    GET flags       401       403     403    403    403   200
                    GET flags/{id}  401       403     403    403    403   200
                    POST scan       401       403     403    403    403   200
                    POST actions    401       403     403    403    403   201
                    GET export      401       403     403    403    403   200
                    """);

    static {
        for (AccessMatrix<Setup> matrix : List.of(PRIVATE, PUBLIC)) {
            matrix.read("GET flags", x -> Call.get(x.s().path("/flags")))
                    .read("GET flags/{id}", x -> Call.get(x.s().path("/flags/" + x.flag())))
                    .read("POST scan", x -> Call.json(HttpMethod.POST, x.s().path("/scan"), null))
                    .read(
                            "POST actions",
                            x ->
                                    Call.json(
                                            HttpMethod.POST,
                                            x.s().path("/actions"),
                                            Map.of(
                                                    "action",
                                                    "INVALIDATE",
                                                    "ballotIds",
                                                    List.of(x.ballot().toString()),
                                                    "reason",
                                                    "Cuenta duplicada")))
                    .read("GET export", x -> Call.get(x.s().path("/export")));
        }
    }

    static Stream<String> rows() {
        return PRIVATE.rows();
    }

    static Stream<String> publicRows() {
        return PUBLIC.rows();
    }

    private Setup setup(boolean privateEvent) {
        FraudScenario s = new FraudScenario(web, db, fixtures, privateEvent);
        Instant start = s.votingOpened.plus(Duration.ofHours(2));
        UUID first = null;
        for (int i = 0; i < 20; i++) {
            UUID id =
                    s.ballot(
                            s.oldVoter(),
                            s.submissions.get(0),
                            start.plusSeconds(i),
                            "10.2.0." + i);
            first = first == null ? id : first;
        }
        s.api.post(s.organizer, s.path("/scan"), null).expect(200);
        List<String> ids =
                s.api.get(s.organizer, s.path("/flags")).expect(200).json("$.items[*].id");
        return new Setup(s, UUID.fromString(ids.get(0)), first);
    }

    private void verify(AccessMatrix<Setup> matrix, String row, Setup x) {
        FraudScenario s = x.s();
        matrix.verify(
                web,
                row,
                x,
                null,
                s.citizen.token(),
                s.members.get(1).token(),
                s.mentor.token(),
                s.judge.token(),
                s.organizer.token());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callerWhenPrivateEventThenGetsExpectedStatus(String row) {
        verify(PRIVATE, row, PRIVATE.scenario(row, "private", () -> setup(true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicRows")
    void callerWhenPublicEventThenGetsExpectedStatus(String row) {
        verify(PUBLIC, row, PUBLIC.scenario(row, "public", () -> setup(false)));
    }
}
