package org.minka.judging;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Every pairwise endpoint of the health challenge, with JUDGING open and the event in PAIRWISE
 * mode, called in column order by: anonymous, a citizen, a member of a health team, the mentor of
 * water, the judge of water (not of health), the judge of health, a judge of the whole event, a
 * judge of health conflicted with every health submission, an organizer and the admin.
 */
class JudgingPairwiseAccessIntegrationTests extends IntegrationTest {

    /** The scenario and its conflicted judge. */
    record Setup(JudgingScenario s, User conflicted) {}

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                                       anonymous citizen member mentor judge-other judge judge-all conflicted organizer admin
            POST pairwise/next                         401       403     403    403    403         200   200       200        403       403
            POST pairwise/decisions (not handed)       401       403     403    403    403         409   409       409        403       403
            GET pairwise/ranking                       401       403     403    403    403         403   403       403        200       200
            GET pairwise/ranking?source=DECISIONS      401       403     403    403    403         403   403       403        200       200
            GET pairwise/judges                        401       403     403    403    403         403   403       403        200       200
            """);

    static {
        MATRIX.write("POST pairwise/next", x -> Call.json(HttpMethod.POST, base(x) + "/next", null))
                .write(
                        "POST pairwise/decisions (not handed)",
                        x ->
                                Call.json(
                                        HttpMethod.POST,
                                        base(x) + "/decisions",
                                        Map.of(
                                                "currentId",
                                                x.s().healthA.submission().toString(),
                                                "outcome",
                                                "SKIP")))
                .read("GET pairwise/ranking", x -> Call.get(base(x) + "/ranking"))
                .read(
                        "GET pairwise/ranking?source=DECISIONS",
                        x -> Call.get(base(x) + "/ranking?source=DECISIONS"))
                .read("GET pairwise/judges", x -> Call.get(base(x) + "/judges"));
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private static String base(Setup x) {
        return PairwiseSetup.base(x.s(), x.s().health);
    }

    private Setup setup() {
        JudgingScenario s = new JudgingScenario(web, db, fixtures, PairwiseSetup.PAIRWISE);
        User conflicted = s.judge(s.health);
        for (JudgingScenario.Entry e : s.entries) {
            s.sql(
                    "insert into judging_conflicts (event_id, submission_id, judge_id, source,"
                            + " reason) values ($1, $2, $3, 'DECLARED', 'Familiar en el equipo')",
                    s.event,
                    e.submission(),
                    conflicted.id());
        }
        return new Setup(s, conflicted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallerGetsTheRightStatus(String row) {
        Setup x = MATRIX.scenario(row, "pairwise", this::setup);
        JudgingScenario s = x.s();
        MATRIX.verify(
                web,
                row,
                x,
                null,
                s.citizen.token(),
                s.healthA.member().token(),
                s.mentor.token(),
                s.judgeWater.token(),
                s.judgeHealth.token(),
                s.judgeAll.token(),
                x.conflicted().token(),
                s.organizer.token(),
                s.admin.token());
    }
}
