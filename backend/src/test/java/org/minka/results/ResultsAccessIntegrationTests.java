package org.minka.results;

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
 * Every results endpoint, called in column order by: anonymous, a citizen with no role, a member of
 * the team placed first, a mentor and a judge of the event, and an organizer. The draft and its
 * changes are the organizers': others get 403, or 404 when the event is PRIVATE and they may not
 * see it. The public page and its open data are not found before publication, whoever asks, and
 * afterwards readable by everyone who sees the event.
 */
class ResultsAccessIntegrationTests extends IntegrationTest {

    record Setup(ResultsScenario s, UUID distinction) {}

    static final AccessMatrix<Setup> PRIVATE =
            AccessMatrix.<Setup>of(
                    """
                                                     anonymous citizen member mentor judge organizer
                    GET draft                        401       404     403    403    403   200
                    POST draft                       401       404     403    403    403   200
                    POST disqualifications           401       404     403    403    403   200
                    DELETE disqualifications/{id}    401       404     403    403    403   200
                    POST distinctions                401       404     403    403    403   201
                    DELETE distinctions/{id}         401       404     403    403    403   200
                    POST publish                     401       404     403    403    403   200
                    POST unpublish                   401       404     403    403    403   200
                    GET results before publication   404       404     404    404    404   404
                    GET data.json before publication 404       404     404    404    404   404
                    GET results                      404       404     200    200    200   200
                    GET results.csv                  404       404     200    200    200   200
                    GET results.json                 404       404     200    200    200   200
                    GET data.json                    404       404     200    200    200   200
                    """);

    static final AccessMatrix<Setup> PUBLIC =
            AccessMatrix.<Setup>of(
                    """
                                                     anonymous citizen member mentor judge organizer
                    GET draft                        401       403     403    403    403   200
                    POST draft                       401       403     403    403    403   200
                    POST disqualifications           401       403     403    403    403   200
                    DELETE disqualifications/{id}    401       403     403    403    403   200
                    POST distinctions                401       403     403    403    403   201
                    DELETE distinctions/{id}         401       403     403    403    403   200
                    POST publish                     401       403     403    403    403   200
                    POST unpublish                   401       403     403    403    403   200
                    GET results before publication   404       404     404    404    404   404
                    GET data.json before publication 404       404     404    404    404   404
                    GET results                      200       200     200    200    200   200
                    GET results.csv                  200       200     200    200    200   200
                    GET results.json                 200       200     200    200    200   200
                    GET data.json                    200       200     200    200    200   200
                    """);

    private static final List<String> PUBLISHED =
            List.of("GET results", "GET results.csv", "GET results.json", "GET data.json");

    static {
        for (AccessMatrix<Setup> matrix : List.of(PRIVATE, PUBLIC)) {
            matrix.read("GET draft", x -> Call.get(x.s().results("/draft")))
                    .read(
                            "POST draft",
                            x ->
                                    Call.json(
                                            HttpMethod.POST,
                                            x.s().results("/draft"),
                                            Map.of("places", 3)))
                    .read(
                            "POST disqualifications",
                            x ->
                                    Call.json(
                                            HttpMethod.POST,
                                            x.s().results("/disqualifications"),
                                            Map.of(
                                                    "submissionId",
                                                    x.s().b.submission().toString(),
                                                    "reason",
                                                    "Plagio")))
                    .read(
                            "DELETE disqualifications/{id}",
                            x ->
                                    Call.json(
                                            HttpMethod.DELETE,
                                            x.s().results(
                                                            "/disqualifications/"
                                                                    + x.s().c.submission()),
                                            null))
                    .read(
                            "POST distinctions",
                            x ->
                                    Call.json(
                                            HttpMethod.POST,
                                            x.s().results("/distinctions"),
                                            distinction(x.s().d.team())))
                    .read(
                            "DELETE distinctions/{id}",
                            x ->
                                    Call.json(
                                            HttpMethod.DELETE,
                                            x.s().results("/distinctions/" + x.distinction()),
                                            null))
                    .write(
                            "POST publish",
                            x -> Call.json(HttpMethod.POST, x.s().results("/publish"), null))
                    .write(
                            "POST unpublish",
                            x ->
                                    Call.json(
                                            HttpMethod.POST,
                                            x.s().results("/unpublish"),
                                            Map.of("reason", "Error en un puntaje")))
                    .read("GET results before publication", x -> Call.get(x.s().results("")))
                    .read(
                            "GET data.json before publication",
                            x -> Call.get(x.s().results("/data.json")))
                    .read("GET results", x -> Call.get(x.s().results("")))
                    .read("GET results.csv", x -> Call.get(x.s().results("/results.csv")))
                    .read("GET results.json", x -> Call.get(x.s().results("/results.json")))
                    .read("GET data.json", x -> Call.get(x.s().results("/data.json")));
        }
    }

    static Map<String, Object> distinction(UUID team) {
        return Map.of(
                "teamId",
                team.toString(),
                "title",
                Map.of("es", "Mejor visualización", "en", "Best visualisation"),
                "reason",
                Map.of("es", "Mapas claros por distrito.", "en", "Clear maps by district."));
    }

    static Stream<String> rows() {
        return PRIVATE.rows();
    }

    static Stream<String> publicRows() {
        return PUBLIC.rows();
    }

    /** The draft built, a distinction given, c disqualified; published when {@code published}. */
    private Setup setup(boolean privateEvent, boolean published) {
        ResultsScenario s = new ResultsScenario(web, db, fixtures, privateEvent);
        s.api.post(s.organizer, s.results("/draft"), null).expect(200);
        List<String> ids =
                s.api.post(s.organizer, s.results("/distinctions"), distinction(s.c.team()))
                        .expect(201)
                        .json("$.awards[?(@.kind == 'DISTINCTION')].id");
        s.api.post(
                        s.organizer,
                        s.results("/disqualifications"),
                        Map.of("submissionId", s.c.submission().toString(), "reason", "Plagio"))
                .expect(200);
        if (published) {
            s.api.post(s.organizer, s.results("/publish"), null).expect(200);
        }
        return new Setup(s, UUID.fromString(ids.get(0)));
    }

    private Setup scenario(AccessMatrix<Setup> matrix, String row, boolean privateEvent) {
        boolean published = PUBLISHED.contains(row) || row.equals("POST unpublish");
        String key = (privateEvent ? "private" : "public") + (published ? "-published" : "");
        return matrix.scenario(row, key, () -> setup(privateEvent, published));
    }

    private void verify(AccessMatrix<Setup> matrix, String row, Setup x) {
        ResultsScenario s = x.s();
        matrix.verify(
                web,
                row,
                x,
                null,
                s.citizen.token(),
                s.a.member().token(),
                s.mentor.token(),
                s.judge.token(),
                s.organizer.token());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callerWhenPrivateEventThenGetsExpectedStatus(String row) {
        verify(PRIVATE, row, scenario(PRIVATE, row, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publicRows")
    void callerWhenPublicEventThenGetsExpectedStatus(String row) {
        verify(PUBLIC, row, scenario(PUBLIC, row, false));
    }
}
