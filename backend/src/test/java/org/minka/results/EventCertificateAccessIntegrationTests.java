package org.minka.results;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Who may start and follow an event's certificate runs and list its certificates, with RESULTS open
 * and one run done, called in column order by: anonymous, a citizen, a member of a team that
 * submitted, a mentor and a judge who took part, an organizer and the admin. On a PRIVATE event a
 * citizen does not learn that it exists (404); the people who take part see it and get 403.
 */
class EventCertificateAccessIntegrationTests extends IntegrationTest {

    /** The scenario and its finished run. */
    record Setup(EventCertificateScenario s, UUID run) {}

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                                            anonymous citizen member mentor judge organizer admin
            POST certificates/runs                          401       403     403    403    403   202       202
            GET certificates/runs/latest                    401       403     403    403    403   200       200
            GET certificates/runs/{id}                      401       403     403    403    403   200       200
            GET certificates                                401       403     403    403    403   200       200
            GET certificates/runs/latest (private event)    401       404     403    403    403   200       200
            GET certificates (private event)                401       404     403    403    403   200       200
            POST certificates/runs (private event)          401       404     403    403    403   202       202
            """);

    static {
        MATRIX.write(
                        "POST certificates/runs",
                        x -> Call.json(HttpMethod.POST, x.s().runs(), Map.of("language", "en")))
                .read("GET certificates/runs/latest", x -> Call.get(x.s().runs() + "/latest"))
                .read("GET certificates/runs/{id}", x -> Call.get(x.s().runs() + "/" + x.run()))
                .read("GET certificates", x -> Call.get(certificates(x)))
                .read(
                        "GET certificates/runs/latest (private event)",
                        x -> Call.get(x.s().runs() + "/latest"))
                .read("GET certificates (private event)", x -> Call.get(certificates(x)))
                .write(
                        "POST certificates/runs (private event)",
                        x -> Call.json(HttpMethod.POST, x.s().runs(), null));
    }

    @Autowired EventCertificateWorker worker;

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private static String certificates(Setup x) {
        return "/api/v1/events/" + x.s().event + "/certificates?limit=2";
    }

    private Setup setup(boolean privateEvent) {
        EventCertificateScenario s = new EventCertificateScenario(web, db, fixtures);
        if (privateEvent) {
            s.sql("update events set visibility = 'PRIVATE' where id = $1", s.event);
        }
        UUID run = s.api.post(s.organizer, s.runs(), null).expect(202).id();
        worker.work(run).block();
        return new Setup(s, run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyCallerGetsTheRightStatus(String row) {
        boolean privateEvent = row.contains("private");
        Setup x = MATRIX.scenario(row, privateEvent, () -> setup(privateEvent));
        EventCertificateScenario s = x.s();
        MATRIX.verify(
                web,
                row,
                x,
                null,
                s.citizen.token(),
                s.teamA.member().token(),
                s.mentor.token(),
                s.judge.token(),
                s.organizer.token(),
                s.admin.token());
    }
}
