package org.minka.event;

import static org.minka.support.AccessMatrix.Call.get;
import static org.minka.support.AccessMatrix.Call.json;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.Cast;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/**
 * Every event endpoint, called by each of the five callers in this order, so that a call that
 * changes state (publishing) only happens after the refused ones. Rows marked "(draft)" run on an
 * unpublished event, the others on a published one.
 */
class EndpointAccessIntegrationTests extends IntegrationTest {

    /** What a row builds on: the cast, the fixtures to create fresh resources, a challenge. */
    record Setup(Cast cast, Fixtures fixtures, UUID challenge) {}

    static final AccessMatrix<Setup> MATRIX =
            AccessMatrix.<Setup>of(
                    """
                                                          anonymous citizen other-organizer organizer admin
            GET /events                                   200       200     200             200       200
            POST /events                                  401       403     403             403       201
            GET /me                                       401       200     200             200       200
            GET /events/{id} (draft)                      404       404     404             200       200
            PATCH /events/{id} (draft)                    401       404     404             200       200
            PUT /events/{id}/phases (draft)               401       404     404             200       200
            POST /events/{id}/publish (draft)             401       404     404             200       200
            GET /events/{id}/challenges (draft)           404       404     404             200       200
            GET /events/{id}/challenges/{id} (draft)      404       404     404             200       200
            POST /events/{id}/challenges (draft)          401       404     404             201       201
            PATCH /events/{id}/challenges/{id} (draft)    401       404     404             200       200
            DELETE /events/{id}/challenges/{id} (draft)   401       404     404             204       204
            GET /events/{id}/memberships (draft)          401       404     404             200       200
            POST /events/{id}/memberships (draft)         401       404     404             201       201
            DELETE /events/{id}/memberships/{id} (draft)  401       404     404             204       204
            GET /events/{id}                              200       200     200             200       200
            PATCH /events/{id}                            401       403     403             200       200
            PUT /events/{id}/phases                       401       403     403             200       200
            POST /events/{id}/unpublish                   401       403     403             200       200
            GET /events/{id}/challenges                   200       200     200             200       200
            GET /events/{id}/challenges/{id}              200       200     200             200       200
            POST /events/{id}/challenges                  401       403     403             201       201
            PATCH /events/{id}/challenges/{id}            401       403     403             200       200
            DELETE /events/{id}/challenges/{id}           401       403     403             204       204
            GET /events/{id}/memberships                  401       403     403             200       200
            POST /events/{id}/memberships                 401       403     403             201       201
            DELETE /events/{id}/memberships/{id}          401       403     403             204       204
            """);

    static {
        MATRIX.read("GET /events", s -> get("/api/v1/events"))
                .write(
                        "POST /events",
                        s ->
                                json(
                                        HttpMethod.POST,
                                        "/api/v1/events",
                                        s.fixtures().eventBody(s.fixtures().slug())))
                .read("GET /me", s -> get("/api/v1/me"))
                .write("POST /events/{id}/publish (draft)", s -> on(HttpMethod.POST, s, "/publish"))
                .write("POST /events/{id}/unpublish", s -> on(HttpMethod.POST, s, "/unpublish"));
        for (String draft : new String[] {" (draft)", ""}) {
            MATRIX.read("GET /events/{id}" + draft, s -> on(HttpMethod.GET, s, ""))
                    .write(
                            "PATCH /events/{id}" + draft,
                            s -> on(HttpMethod.PATCH, s, "", Map.of("description", "nueva")))
                    .write(
                            "PUT /events/{id}/phases" + draft,
                            s ->
                                    on(
                                            HttpMethod.PUT,
                                            s,
                                            "/phases",
                                            Map.of("phases", Fixtures.phases(Instant.now()))))
                    .read(
                            "GET /events/{id}/challenges" + draft,
                            s -> on(HttpMethod.GET, s, "/challenges"))
                    .read(
                            "GET /events/{id}/challenges/{id}" + draft,
                            s -> on(HttpMethod.GET, s, "/challenges/" + s.challenge()))
                    .write(
                            "POST /events/{id}/challenges" + draft,
                            s ->
                                    on(
                                            HttpMethod.POST,
                                            s,
                                            "/challenges",
                                            Fixtures.challengeBody("Reto nuevo")))
                    .write(
                            "PATCH /events/{id}/challenges/{id}" + draft,
                            s ->
                                    on(
                                            HttpMethod.PATCH,
                                            s,
                                            "/challenges/" + s.challenge(),
                                            Map.of("title", "Reto cambiado")))
                    .write(
                            "DELETE /events/{id}/challenges/{id}" + draft,
                            s -> on(HttpMethod.DELETE, s, "/challenges/" + doomedChallenge(s)))
                    .read(
                            "GET /events/{id}/memberships" + draft,
                            s -> on(HttpMethod.GET, s, "/memberships"))
                    .write(
                            "POST /events/{id}/memberships" + draft,
                            s ->
                                    on(
                                            HttpMethod.POST,
                                            s,
                                            "/memberships",
                                            Map.of(
                                                    "role",
                                                    "MENTOR",
                                                    "userId",
                                                    s.fixtures().user("mentor").id().toString())))
                    .write(
                            "DELETE /events/{id}/memberships/{id}" + draft,
                            s -> on(HttpMethod.DELETE, s, "/memberships/" + doomedMember(s)));
        }
    }

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private static AccessMatrix.Call on(HttpMethod method, Setup s, String suffix) {
        return on(method, s, suffix, null);
    }

    private static AccessMatrix.Call on(HttpMethod method, Setup s, String suffix, Object body) {
        return json(method, "/api/v1/events/" + s.cast().event() + suffix, body);
    }

    /** A challenge made for one caller to delete. */
    private static UUID doomedChallenge(Setup s) {
        return s.fixtures().challenge(s.cast().event(), s.cast().admin(), "Reto a borrar");
    }

    /** A judge added for one caller to remove. */
    private static UUID doomedMember(Setup s) {
        return s.fixtures()
                .addMember(s.cast().event(), s.cast().admin(), s.fixtures().user("judge"), "JUDGE");
    }

    private Setup setup(boolean published) {
        Cast cast = fixtures.cast(published);
        UUID challenge = fixtures.challenge(cast.event(), cast.admin(), "Reto base");
        return new Setup(cast, fixtures, challenge);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callerGetsExpectedStatus(String row) {
        boolean published = !row.endsWith("(draft)");
        Setup s = MATRIX.scenario(row, published, () -> setup(published));
        MATRIX.verify(
                web,
                row,
                s,
                null,
                s.cast().citizen().token(),
                s.cast().otherOrganizer().token(),
                s.cast().organizer().token(),
                s.cast().admin().token());
    }
}
