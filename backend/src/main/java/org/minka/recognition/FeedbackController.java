package org.minka.recognition;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/recognition", produces = "application/json")
@Tag(name = "dataset feedback")
class FeedbackController {

    private final DatasetFeedback feedback;
    private final FeedbackViews views;
    private final HttpCaching caching;

    FeedbackController(DatasetFeedback feedback, FeedbackViews views, HttpCaching caching) {
        this.feedback = feedback;
        this.views = views;
        this.caching = caching;
    }

    @PostMapping(path = "/datasets/{datasetId}/reports", consumes = "application/json")
    @Operation(
            operationId = "reportDatasetProblem",
            summary =
                    "Report a problem on a dataset that a challenge uses (a team member, mentor or"
                            + " organizer of that challenge's event); the publisher's members are"
                            + " notified",
            description =
                    "Evidence is checked before anything is stored: a resourceUrl must be an"
                            + " access or download URL of the dataset's resources; a notebook"
                            + " cell (submissionId, optional artifactId, cell index from 0) must"
                            + " be a cell of a notebook in a submitted version the reporter may"
                            + " read (without artifactId: the newest such notebook). Otherwise"
                            + " 422 invalid-evidence, naming the field.")
    @ApiResponse(responseCode = "201", description = "Reported")
    @ApiErrors(
            value = {400, 401, 403, 404, 415, 422},
            types = {ProblemType.DATASET_NOT_IN_CHALLENGE, ProblemType.INVALID_EVIDENCE})
    Mono<ResponseEntity<DatasetReport>> report(
            @PathVariable UUID datasetId,
            @Valid @RequestBody DatasetReport.Create request,
            @AuthenticationPrincipal CurrentUser user) {
        return feedback.report(datasetId, request, user)
                .map(
                        r ->
                                ResponseEntity.created(
                                                URI.create("/api/v1/recognition/reports/" + r.id()))
                                        .eTag(tag(r))
                                        .body(r));
    }

    @GetMapping("/reports")
    @Operation(
            operationId = "listDatasetReports",
            summary =
                    "Triaged dataset reports and their answers, oldest first, without personal data"
                            + " (public); filter by publisher, dataset, kind and status")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<DatasetReport>>> list(
            @RequestParam(required = false) UUID publisherId,
            @RequestParam(required = false) UUID datasetId,
            @Parameter(
                            description =
                                    "BROKEN_LINK, MISSING_VALUES, WRONG_LICENCE, STALE_DATA or"
                                            + " MISSING_DOCUMENTATION")
                    @RequestParam(required = false)
                    String kind,
            @Parameter(description = "FIXED, ACKNOWLEDGED or DECLINED")
                    @RequestParam(required = false)
                    String status,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> views.triaged(publisherId, datasetId, kind, status, page))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/reports/{reportId}")
    @Operation(
            operationId = "getDatasetReport",
            summary =
                    "One dataset report with its answers: public once triaged; an open one only for"
                            + " its reporter, the publisher's members and admins (else 404)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<DatasetReport>> get(
            @PathVariable UUID reportId, @AuthenticationPrincipal CurrentUser user) {
        return views.one(reportId, user).map(r -> caching.ok(r, tag(r)));
    }

    @GetMapping("/publishers/{publisherId}/reports")
    @Operation(
            operationId = "listPublisherReportQueue",
            summary =
                    "The publisher's queue of dataset reports, every status, oldest first, with"
                            + " names (the publisher's members and admins)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<CursorPage<DatasetReport>>> queue(
            @PathVariable UUID publisherId,
            @RequestParam(required = false) UUID datasetId,
            @Parameter(
                            description =
                                    "BROKEN_LINK, MISSING_VALUES, WRONG_LICENCE, STALE_DATA or"
                                            + " MISSING_DOCUMENTATION")
                    @RequestParam(required = false)
                    String kind,
            @Parameter(description = "OPEN, FIXED, ACKNOWLEDGED or DECLINED")
                    @RequestParam(required = false)
                    String status,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> views.queue(publisherId, datasetId, kind, status, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @PostMapping(path = "/reports/{reportId}/answers", consumes = "application/json")
    @Operation(
            operationId = "answerDatasetReport",
            summary =
                    "Answer a report and mark it FIXED, ACKNOWLEDGED or DECLINED (the publisher's"
                            + " members and admins); the reporter is notified. If-Match (the"
                            + " report's ETag) guards against answering a stale report")
    @ApiResponse(responseCode = "200", description = "The report with its answers")
    @ApiErrors({400, 401, 403, 404, 412, 415})
    Mono<ResponseEntity<DatasetReport>> answer(
            @PathVariable UUID reportId,
            @Parameter(description = "The report's ETag, to answer only that version")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody DatasetReport.AnswerRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.fromSupplier(
                        () -> java.util.Optional.ofNullable(HttpCaching.expectedVersion(ifMatch)))
                .flatMap(v -> feedback.answer(reportId, request, v.orElse(null), user))
                .map(r -> ResponseEntity.ok().eTag(tag(r)).body(r));
    }

    /** The version, qualified by the view (the public one has no names). */
    private static String tag(DatasetReport r) {
        return HttpCaching.versionTag(r.version(), r.reporterName() == null ? "public" : "named");
    }
}
