package org.minka.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.minka.support.AccessMatrix;
import org.minka.support.AccessMatrix.Call;
import org.minka.support.Api;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** Issue 16 item 5: dataset feedback from datathon to entity. */
class FeedbackIntegrationTests extends IntegrationTest {

    @Autowired ScoreSignals signals;

    static final AccessMatrix<FeedbackWorld> MATRIX =
            AccessMatrix.<FeedbackWorld>of(
                            """
                                                anonymous outsider captain mentor member admin
                            POST report               401      403     201    201    403    201
                            GET queue                 401      403     403    403    200    200
                            GET open report           404      404     200    404    200    200
                            GET public list           200      200     200    200    200    200
                            POST answer               401      404     403    404    200    200
                            """)
                    .write(
                            "POST report",
                            w ->
                                    Call.json(
                                            HttpMethod.POST,
                                            "/api/v1/recognition/datasets/" + w.used + "/reports",
                                            FeedbackWorld.report("STALE_DATA")))
                    .read(
                            "GET queue",
                            w ->
                                    Call.get(
                                            "/api/v1/recognition/publishers/"
                                                    + w.publisher
                                                    + "/reports"))
                    .read(
                            "GET open report",
                            w -> Call.get("/api/v1/recognition/reports/" + w.reported()))
                    .read(
                            "GET public list",
                            w -> Call.get("/api/v1/recognition/reports?publisherId=" + w.publisher))
                    .write(
                            "POST answer",
                            w ->
                                    Call.json(
                                            HttpMethod.POST,
                                            "/api/v1/recognition/reports/"
                                                    + w.reported()
                                                    + "/answers",
                                            Map.of(
                                                    "status",
                                                    "ACKNOWLEDGED",
                                                    "text",
                                                    "Lo revisamos.")));

    static Stream<String> rows() {
        return MATRIX.rows();
    }

    private FeedbackWorld world() {
        return new FeedbackWorld(new Api(web, fixtures), fixtures, db);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void callWhenRoleVariesThenOnlyAllowedCallersSucceed(String row) {
        FeedbackWorld w = MATRIX.scenario(row, "world", this::world);

        MATRIX.verify(
                web,
                row,
                w,
                null,
                w.outsider.token(),
                w.captain.token(),
                w.mentor.token(),
                w.member.token(),
                w.admin.token());
    }

    private long reports(UUID dataset) {
        return count("select count(*) from dataset_reports where dataset_id = $1", dataset);
    }

    @Test
    void reportWhenBadInputThenProblemAndNothingStored() {
        FeedbackWorld w = world();
        Api api = w.api;
        String path = "/api/v1/recognition/datasets/{d}/reports";

        api.post(w.captain, path, FeedbackWorld.report("MISSING_VALUES"), w.unused)
                .problem(422, "dataset-not-in-challenge");
        api.post(w.captain, path, FeedbackWorld.report("MISSING_VALUES"), UUID.randomUUID())
                .problem(404, "not-found");
        api.post(w.captain, path, FeedbackWorld.report("UGLY_COLOURS"), w.used)
                .problem(400, "validation-failed");
        api.post(w.captain, path, Map.of("kind", "BROKEN_LINK", "text", " "), w.used)
                .problem(400, "validation-failed");
        Map<String, Object> cellWithoutSubmission =
                Map.of(
                        "kind", "MISSING_VALUES",
                        "text", "La celda 7 muestra nulos.",
                        "evidence", Map.of("cell", 7));
        api.post(w.captain, path, cellWithoutSubmission, w.used).problem(400, "validation-failed");
        Map<String, Object> badUrl =
                Map.of(
                        "kind", "BROKEN_LINK",
                        "text", "El enlace no abre.",
                        "evidence", Map.of("resourceUrl", "javascript:alert(1)"));
        api.post(w.captain, path, badUrl, w.used).problem(400, "validation-failed");

        assertThat(reports(w.used)).isZero();
        assertThat(reports(w.unused)).isZero();
    }

    private static Map<String, Object> evidenced(Map<String, Object> evidence) {
        return Map.of("kind", "MISSING_VALUES", "text", "Faltan valores.", "evidence", evidence);
    }

    private static Map<String, Object> cell(UUID submission, UUID artifact, int cell) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("submissionId", submission.toString());
        if (artifact != null) {
            e.put("artifactId", artifact.toString());
        }
        e.put("cell", cell);
        return evidenced(e);
    }

    @Test
    void reportWhenEvidenceDoesNotHoldThen422InvalidEvidenceNamingTheFieldAndNothingStored() {
        FeedbackWorld w = world();
        Api api = w.api;
        FeedbackWorld.Notebook nb = w.notebookSubmission();
        String path = "/api/v1/recognition/datasets/{d}/reports";
        Map<Map<String, Object>, String> bad = new java.util.LinkedHashMap<>();
        bad.put(
                evidenced(Map.of("resourceUrl", FeedbackWorld.OTHER_RESOURCE)),
                "evidence.resourceUrl");
        bad.put(
                evidenced(Map.of("resourceUrl", "https://portal.example.org/r/2024.csv")),
                "evidence.resourceUrl");
        bad.put(cell(UUID.randomUUID(), null, 0), "evidence.submissionId");
        bad.put(cell(nb.submission(), nb.draft(), 0), "evidence.artifactId");
        bad.put(cell(nb.submission(), nb.data(), 0), "evidence.artifactId");
        bad.put(cell(nb.submission(), UUID.randomUUID(), 0), "evidence.artifactId");
        bad.put(cell(nb.submission(), nb.submitted(), 5), "evidence.cell");
        bad.put(cell(nb.submission(), null, 5), "evidence.cell");

        bad.forEach(
                (body, field) ->
                        assertThat(
                                        api.post(w.captain, path, body, w.used)
                                                .problem(422, "invalid-evidence")
                                                .<List<String>>json("$.errors[*].field"))
                                .as(body.toString())
                                .containsExactly(field));
        // another team's captain may report on the dataset, but may not read this team's
        // submission while the gallery is closed
        api.post(w.otherCaptain, path, cell(nb.submission(), nb.submitted(), 0), w.used)
                .problem(422, "invalid-evidence");
        api.post(w.captain, path, cell(nb.submission(), nb.submitted(), -1), w.used)
                .problem(400, "validation-failed");

        assertThat(reports(w.used)).isZero();
        assertThat(
                        count(
                                "select count(*) from notifications where user_id = $1 and kind = $2",
                                w.member.id(),
                                "recognition.report.received"))
                .isZero();
    }

    @Test
    void reportWhenEvidenceNamesAResourceOrASubmittedNotebookCellThenStored() {
        FeedbackWorld w = world();
        Api api = w.api;
        FeedbackWorld.Notebook nb = w.notebookSubmission();
        String path = "/api/v1/recognition/datasets/{d}/reports";

        api.post(w.captain, path, evidenced(Map.of("resourceUrl", FeedbackWorld.RESOURCE)), w.used)
                .expect(201);
        Api.Reply last =
                api.post(w.captain, path, cell(nb.submission(), nb.submitted(), 4), w.used)
                        .expect(201);
        assertThat(last.<Integer>json("$.evidence.cell")).isEqualTo(4);
        assertThat(last.<String>json("$.evidence.artifactId")).isEqualTo(nb.submitted().toString());
        api.post(w.captain, path, cell(nb.submission(), null, 0), w.used).expect(201);
        api.post(w.mentor, path, cell(nb.submission(), nb.submitted(), 0), w.used).expect(201);

        assertThat(reports(w.used)).isEqualTo(4);
    }

    @Test
    void answerWhenMemberTriagesThenReporterNotifiedAndReportPublicWithoutPersonalData() {
        FeedbackWorld w = world();
        Api api = w.api;
        FeedbackWorld.Notebook notebook = w.notebookSubmission();
        Map<String, Object> withCell =
                Map.of(
                        "kind", "MISSING_VALUES",
                        "text", "La celda 4 muestra nulos en 2025.",
                        "evidence",
                                Map.of(
                                        "resourceUrl",
                                        FeedbackWorld.RESOURCE,
                                        "submissionId",
                                        notebook.submission().toString(),
                                        "cell",
                                        4));
        UUID report =
                api.post(w.captain, "/api/v1/recognition/datasets/{d}/reports", withCell, w.used)
                        .expect(201)
                        .id();
        assertThat(
                        count(
                                "select count(*) from notifications where user_id = $1 and kind = $2",
                                w.member.id(),
                                "recognition.report.received"))
                .isEqualTo(1);
        assertThat(
                        api.get(null, "/api/v1/recognition/reports?datasetId={d}", w.used)
                                .expect(200)
                                .<List<Object>>json("$.items"))
                .isEmpty();

        Api.Reply queue =
                api.get(
                                w.member,
                                "/api/v1/recognition/publishers/{p}/reports?status=OPEN",
                                w.publisher)
                        .expect(200);
        assertThat(queue.<List<String>>json("$.items[*].id")).containsExactly(report.toString());
        assertThat(queue.<String>json("$.items[0].reporterName")).isNotBlank();

        Api.Reply answered = w.answer(report, "FIXED").expect(200);
        assertThat(answered.<String>json("$.status")).isEqualTo("FIXED");
        assertThat(
                        count(
                                "select count(*) from notifications where user_id = $1 and kind = $2",
                                w.captain.id(),
                                "recognition.report.answered"))
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from audit_log where action = 'recognition.report.answered'"
                                        + " and details->>'reportId' = $1",
                                report.toString()))
                .isEqualTo(1);

        Api.Reply pub = api.get(null, "/api/v1/recognition/reports/{r}", report).expect(200);
        assertThat(pub.body()).doesNotContain(w.captain.email()).doesNotContain(w.member.email());
        assertThat(pub.<String>json("$.reporterName")).isNull();
        assertThat(pub.<String>json("$.answers[0].authorName")).isNull();
        assertThat(pub.<String>json("$.answers[0].text")).startsWith("Gracias");
        assertThat(pub.<String>json("$.evidence.submissionId")).isNull();
        assertThat(pub.<String>json("$.evidence.resourceUrl")).endsWith("2025.csv");
        Api.Reply list =
                api.get(
                                null,
                                "/api/v1/recognition/reports?publisherId={p}&status=FIXED",
                                w.publisher)
                        .expect(200);
        assertThat(list.<List<String>>json("$.items[*].id")).containsExactly(report.toString());
        api.get(null, "/api/v1/recognition/reports?status=OPEN").problem(400, "validation-failed");
    }

    @Test
    void answerWhenIfMatchIsStaleThen412AndNothingStored() {
        FeedbackWorld w = world();
        UUID report = w.reported();
        String etag =
                w.api.get(w.member, "/api/v1/recognition/reports/{r}", report).headers().getETag();
        w.answer(report, "ACKNOWLEDGED").expect(200);

        var spec =
                web.post()
                        .uri("/api/v1/recognition/reports/{r}/answers", report)
                        .headers(h -> h.setBearerAuth(w.member.token()))
                        .header("If-Match", etag)
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("status", "FIXED", "text", "Ya está."));
        spec.exchange().expectStatus().isEqualTo(412);
        assertThat(
                        count(
                                "select count(*) from dataset_report_answers where report_id = $1",
                                report))
                .isEqualTo(1);
    }

    @Test
    void listWhenMoreThanAPageThenCursorWalksEveryTriagedReport() {
        FeedbackWorld w = world();
        List<UUID> ids = List.of(w.reported(), w.reported(), w.reported());
        ids.forEach(id -> w.answer(id, "ACKNOWLEDGED").expect(200));

        Api.Reply first =
                w.api.get(null, "/api/v1/recognition/reports?publisherId={p}&limit=2", w.publisher)
                        .expect(200);
        String cursor = first.json("$.nextCursor");
        Api.Reply second =
                w.api.get(
                                null,
                                "/api/v1/recognition/reports?publisherId={p}&limit=2&cursor={c}",
                                w.publisher,
                                cursor)
                        .expect(200);
        List<String> seen = new java.util.ArrayList<>(first.<List<String>>json("$.items[*].id"));
        seen.addAll(second.<List<String>>json("$.items[*].id"));
        assertThat(seen).containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        assertThat(second.<String>json("$.nextCursor")).isNull();
    }

    @Test
    void responsivenessWhenAnsweredAfterTwoHoursThenMedianTwoHoursAndFixedCounted() {
        FeedbackWorld w = world();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        clock.set(start);
        UUID fixedOne = w.reported();
        UUID open = w.reported();
        clock.set(start.plus(Duration.ofHours(2)));
        w.answer(fixedOne, "FIXED").expect(200);

        // reports 2, answered 1 (after 2 h), fixed 1; the open one has no answer time
        List<ScoreSignals.Responsiveness> got =
                signals.responsiveness(List.of(w.publisher), start, start.plus(Duration.ofDays(1)))
                        .collectList()
                        .block();
        assertThat(got)
                .containsExactly(
                        new ScoreSignals.Responsiveness(w.publisher, 2, 1, 1, Duration.ofHours(2)));
        assertThat(open).isNotEqualTo(fixedOne);
        assertThat(
                        signals.responsiveness(
                                        List.of(w.publisher),
                                        start.plusSeconds(1),
                                        start.plus(Duration.ofDays(1)))
                                .collectList()
                                .block())
                .isEmpty();
    }
}
