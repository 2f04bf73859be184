package org.minka.recognition;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Api;
import org.minka.support.IntegrationTest;
import org.springframework.http.HttpMethod;

/** Issue 16 item 4: who may call each training endpoint. */
class CourseAccessIntegrationTests extends IntegrationTest {

    static final AccessMatrix<TrainingWorld> MATRIX =
            AccessMatrix.<TrainingWorld>of(
                            """
                                                 anonymous citizen other-organizer creator admin
                            POST courses               401       403     201             201     201
                            GET courses                200       200     200             200     200
                            GET course                 200       200     200             200     200
                            POST enrolment             401       201     201             201     201
                            GET my enrolment           401       404     404             404     404
                            GET enrolments             401       403     403             200     200
                            PUT attendance             401       403     403             422     422
                            """)
                    .write(
                            "POST courses",
                            w ->
                                    Call.json(
                                            HttpMethod.POST,
                                            "/api/v1/recognition/courses",
                                            TrainingWorld.courseBody("Curso", 10, 2)))
                    .read("GET courses", w -> Call.get("/api/v1/recognition/courses?limit=5"))
                    .read("GET course", w -> Call.get(w.path("/api/v1/recognition/courses/{c}")))
                    .write(
                            "POST enrolment",
                            w ->
                                    Call.json(
                                            HttpMethod.POST,
                                            w.path("/api/v1/recognition/courses/{c}/enrolments"),
                                            null))
                    .read(
                            "GET my enrolment",
                            w -> Call.get(w.path("/api/v1/recognition/courses/{c}/enrolments/me")))
                    .read(
                            "GET enrolments",
                            w -> Call.get(w.path("/api/v1/recognition/courses/{c}/enrolments")))
                    .read(
                            "PUT attendance",
                            w ->
                                    Call.json(
                                            HttpMethod.PUT,
                                            w.path(
                                                    "/api/v1/recognition/courses/{c}/sessions/{s}/attendance"),
                                            Map.of("userIds", List.of(w.citizen.id().toString()))));

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callWhenRoleVariesThenOnlyAllowedCallersSucceed(String row) {
        TrainingWorld w =
                MATRIX.scenario(
                        row,
                        "world",
                        () -> new TrainingWorld(new Api(web, fixtures), fixtures, 50));

        MATRIX.verify(web, row, w, w.tokens());
    }
}
