package org.minka.submission;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
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
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "submissions")
class SubmissionController {

    private final SubmissionService submissions;
    private final SubmissionListing listing;
    private final SubmissionVersions versions;
    private final HttpCaching caching;

    SubmissionController(
            SubmissionService submissions,
            SubmissionListing listing,
            SubmissionVersions versions,
            HttpCaching caching) {
        this.submissions = submissions;
        this.listing = listing;
        this.versions = versions;
        this.caching = caching;
    }

    @PostMapping(
            path = "/api/v1/events/{eventId}/submissions",
            consumes = "application/json",
            produces = "application/json")
    @Operation(
            operationId = "createSubmission",
            summary =
                    "Create a team's submission for a challenge it entered (team members, while"
                            + " SUBMISSION is open)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.SUBMISSION_EXISTS,
                ProblemType.PHASE_CLOSED,
                ProblemType.CHALLENGE_NOT_ENTERED,
                ProblemType.CHALLENGE_DATASET_REQUIRED,
                ProblemType.UNKNOWN_LICENCE
            })
    Mono<ResponseEntity<Submission>> create(
            @PathVariable UUID eventId,
            @Valid @RequestBody Submission.Create request,
            @AuthenticationPrincipal CurrentUser user) {
        return submissions
                .create(eventId, request, user)
                .map(
                        s ->
                                ResponseEntity.created(URI.create("/api/v1/submissions/" + s.id()))
                                        .eTag(HttpCaching.versionTag(s.version(), "submission"))
                                        .body(s));
    }

    @GetMapping(path = "/api/v1/events/{eventId}/submissions", produces = "application/json")
    @Operation(
            operationId = "listSubmissions",
            summary =
                    "The event's submissions the caller may read: organizers all, team members"
                            + " with teamId, mentors (and judges once JUDGING opens) with challengeId",
            description =
                    "Drafts included; latestVersion is 0 until the first submit. Pages follow"
                            + " creation order; follow nextCursor (or the Link header). The public"
                            + " reads submitted work in the gallery instead.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<org.minka.common.CursorPage<Submission.Listed>>> list(
            @PathVariable UUID eventId,
            @Parameter(description = "Only this team's submissions") @RequestParam(required = false)
                    UUID teamId,
            @Parameter(description = "Only submissions to this challenge")
                    @RequestParam(required = false)
                    UUID challengeId,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            org.springframework.web.server.ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> org.minka.common.PageRequest.of(cursor, limit))
                .flatMap(page -> listing.list(eventId, teamId, challengeId, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping(path = "/api/v1/submissions/{submissionId}", produces = "application/json")
    @Operation(
            operationId = "getSubmission",
            summary =
                    "Read a submission's draft, artifacts and versions (its team, organizers,"
                            + " mentors of the challenge, and judges once JUDGING opens)")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Submission>> get(
            @PathVariable UUID submissionId, @AuthenticationPrincipal CurrentUser user) {
        return submissions
                .get(submissionId, user)
                .map(
                        s ->
                                ResponseEntity.ok()
                                        .eTag(HttpCaching.versionTag(s.version(), "submission"))
                                        .cacheControl(CacheControl.noCache().cachePrivate())
                                        .body(s));
    }

    @PatchMapping(
            path = "/api/v1/submissions/{submissionId}",
            consumes = "application/json",
            produces = "application/json")
    @Operation(
            operationId = "updateSubmission",
            summary = "Edit the draft (team members, while SUBMISSION is open)")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 412, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.PHASE_CLOSED,
                ProblemType.STALE_VERSION,
                ProblemType.CHALLENGE_DATASET_REQUIRED,
                ProblemType.UNKNOWN_LICENCE
            })
    Mono<ResponseEntity<Submission>> update(
            @PathVariable UUID submissionId,
            @Valid @RequestBody Submission.Update request,
            @Parameter(description = "The ETag last read, to refuse lost updates")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @AuthenticationPrincipal CurrentUser user) {
        return submissions
                .update(submissionId, request, HttpCaching.expectedVersion(ifMatch), user)
                .map(
                        s ->
                                ResponseEntity.ok()
                                        .eTag(HttpCaching.versionTag(s.version(), "submission"))
                                        .body(s));
    }

    @PostMapping(path = "/api/v1/submissions/{submissionId}/submit", produces = "application/json")
    @Operation(
            operationId = "submitSubmission",
            summary =
                    "Freeze the draft and its artifacts as the next immutable numbered version; the"
                            + " deadline (plus the event's grace period) is checked at the database's"
                            + " clock when the request finishes")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.PHASE_CLOSED})
    Mono<ResponseEntity<Submission.Version>> submit(
            @PathVariable UUID submissionId, @AuthenticationPrincipal CurrentUser user) {
        return submissions
                .submit(submissionId, user)
                .map(
                        v ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/submissions/"
                                                                + submissionId
                                                                + "/versions/"
                                                                + v.number()))
                                        .body(v));
    }

    @GetMapping(
            path = "/api/v1/submissions/{submissionId}/versions/{number}",
            produces = "application/json")
    @Operation(
            operationId = "getSubmissionVersion",
            summary =
                    "Read a submitted version (as the submission; and by anyone, without a token,"
                            + " once SUBMISSION closed if the event's gallery is public)")
    @ApiErrors(
            value = {400, 401, 403, 404},
            publicRead = true)
    Mono<Submission.Version> version(
            @PathVariable UUID submissionId,
            @PathVariable int number,
            @AuthenticationPrincipal CurrentUser user) {
        return versions.version(submissionId, number, user);
    }

    @GetMapping(path = "/api/v1/submissions/{submissionId}/versions", produces = "application/json")
    @Operation(
            operationId = "listSubmissionVersions",
            summary =
                    "A submission's version history, newest first (as the submission; and by"
                            + " anyone, without a token, once SUBMISSION closed if the event's"
                            + " gallery is public)",
            description =
                    "Each submitted version's number and time. Pages follow the version numbers"
                            + " downwards; follow nextCursor (or the Link header). Read one version"
                            + " with getSubmissionVersion.")
    @ApiResponse(
            responseCode = "200",
            description = "One page of versions",
            useReturnTypeSchema = true,
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"items\":[{\"number\":3,\"submittedAt\":"
                                                            + "\"2026-05-20T14:03:11Z\"},"
                                                            + "{\"number\":2,\"submittedAt\":"
                                                            + "\"2026-05-19T22:40:02Z\"}],"
                                                            + "\"nextCursor\":\"MTc0NzY5NDQwMi4w\"}")))
    @ApiErrors(
            value = {400, 401, 403, 404},
            types = {ProblemType.INVALID_CURSOR, ProblemType.VALIDATION_FAILED},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Submission.VersionSummary>>> versions(
            @PathVariable UUID submissionId,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> versions.history(submissionId, page, user))
                .map(page -> caching.page(page, exchange));
    }
}
