package org.minka.submission;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "submissions")
class SubmissionController {

    private final SubmissionService submissions;
    private final ArtifactService artifacts;
    private final HttpCaching caching;

    SubmissionController(
            SubmissionService submissions, ArtifactService artifacts, HttpCaching caching) {
        this.submissions = submissions;
        this.artifacts = artifacts;
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
                .flatMap(page -> submissions.list(eventId, teamId, challengeId, page, user))
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
        return submissions.version(submissionId, number, user);
    }

    @PostMapping(
            path = "/api/v1/submissions/{submissionId}/artifacts",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = "application/json")
    @Operation(
            operationId = "uploadArtifact",
            summary =
                    "Stream one file through the API (multipart part 'file'); constant memory,"
                            + " SHA-256 on the way, type sniffed from the bytes",
            description =
                    "The body is multipart/form-data with one part named `file`. The type is"
                            + " recognised from the bytes and must agree with the extension, the kind"
                            + " and the event's allowed types (else 415). Files over the event's"
                            + " per-file limit, or past the team's quota, get 413. Notebooks are"
                            + " validated against the nbformat schema of their minor version (422"
                            + " with the first errors). The deadline is checked when the upload"
                            + " finishes.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                                            schema = @Schema(implementation = UploadForm.class),
                                            encoding =
                                                    @Encoding(
                                                            name = "file",
                                                            contentType =
                                                                    "application/octet-stream"))),
            responses = @ApiResponse(responseCode = "201", description = "Stored"))
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 413, 415, 422},
            types = {
                ProblemType.PHASE_CLOSED,
                ProblemType.FILE_TOO_LARGE,
                ProblemType.TEAM_QUOTA_EXCEEDED,
                ProblemType.ARTIFACT_TYPE_REJECTED,
                ProblemType.INVALID_NOTEBOOK
            })
    Mono<ResponseEntity<Submission.Artifact>> upload(
            @PathVariable UUID submissionId,
            @Parameter(description = "What the file is", example = "NOTEBOOK") @RequestParam
                    ArtifactKind kind,
            @Parameter(hidden = true) @RequestBody Flux<PartEvent> parts,
            @Parameter(hidden = true)
                    @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false)
                    Long contentLength,
            @AuthenticationPrincipal CurrentUser user) {
        return parts.windowUntil(PartEvent::isLast)
                .concatMap(
                        part ->
                                part.switchOnFirst(
                                        (first, events) -> {
                                            if (first.hasValue()
                                                    && first.get() instanceof FilePartEvent file
                                                    && "file".equals(file.name())) {
                                                return artifacts.upload(
                                                        submissionId,
                                                        kind,
                                                        file.filename(),
                                                        HeapChunks.of(
                                                                events.map(PartEvent::content)),
                                                        contentLength,
                                                        user);
                                            }
                                            return events.doOnNext(
                                                            e ->
                                                                    DataBufferUtils.release(
                                                                            e.content()))
                                                    .then(Mono.empty());
                                        }))
                .next()
                .switchIfEmpty(
                        Mono.error(
                                new MinkaException(
                                        ProblemType.MALFORMED_REQUEST,
                                        "problem.malformed-request.parameter",
                                        java.util.List.of(),
                                        "file")))
                .map(
                        a ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/submissions/"
                                                                + submissionId
                                                                + "/artifacts/"
                                                                + a.id()))
                                        .body(a));
    }

    /** The multipart form of an upload, for the contract. */
    @Schema(name = "ArtifactUploadForm")
    record UploadForm(
            @Schema(type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED)
                    String file) {}

    @PostMapping(
            path = "/api/v1/submissions/{submissionId}/upload-slots",
            consumes = "application/json",
            produces = "application/json")
    @Operation(
            operationId = "createUploadSlot",
            summary =
                    "Ask for a presigned PUT URL to upload one file straight to object storage; then"
                            + " call finalize",
            description =
                    "Step 1 of a direct upload: declare the name, size, kind and SHA-256. The"
                            + " answer carries a presigned URL valid for a few minutes. Step 2: PUT"
                            + " the bytes to it. Step 3: POST to finalizeUrl; Minka checks that the"
                            + " object exists, its size, its sniffed type and its checksum, and"
                            + " deletes it on any mismatch. Slots never finalized expire.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 413, 415},
            types = {
                ProblemType.PHASE_CLOSED,
                ProblemType.FILE_TOO_LARGE,
                ProblemType.TEAM_QUOTA_EXCEEDED,
                ProblemType.ARTIFACT_TYPE_REJECTED
            })
    Mono<ResponseEntity<Submission.Slot>> createSlot(
            @PathVariable UUID submissionId,
            @Valid @RequestBody Submission.SlotRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return artifacts
                .createSlot(submissionId, request, user)
                .map(
                        s ->
                                ResponseEntity.created(URI.create(s.finalizeUrl()))
                                        .cacheControl(CacheControl.noStore())
                                        .body(s));
    }

    @PostMapping(
            path = "/api/v1/submissions/{submissionId}/upload-slots/{slotId}/finalize",
            produces = "application/json")
    @Operation(
            operationId = "finalizeUploadSlot",
            summary =
                    "Check what was PUT to a slot (exists, size, type, SHA-256) and make it an"
                            + " artifact")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 410, 413, 415, 422},
            types = {
                ProblemType.PHASE_CLOSED,
                ProblemType.UPLOAD_SLOT_EXPIRED,
                ProblemType.UPLOAD_MISMATCH,
                ProblemType.ARTIFACT_TYPE_REJECTED,
                ProblemType.INVALID_NOTEBOOK,
                ProblemType.TEAM_QUOTA_EXCEEDED
            })
    Mono<ResponseEntity<Submission.Artifact>> finalizeSlot(
            @PathVariable UUID submissionId,
            @PathVariable UUID slotId,
            @AuthenticationPrincipal CurrentUser user) {
        return artifacts
                .finalizeSlot(submissionId, slotId, user)
                .map(
                        a ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/submissions/"
                                                                + submissionId
                                                                + "/artifacts/"
                                                                + a.id()))
                                        .body(a));
    }

    @DeleteMapping(path = "/api/v1/submissions/{submissionId}/artifacts/{artifactId}")
    @Operation(
            operationId = "deleteArtifact",
            summary =
                    "Delete an artifact of the draft (team members, while SUBMISSION is open; no"
                            + " grace period)",
            description =
                    "Removes the artifact from the draft and gives its bytes back to the team's"
                            + " quota. An artifact that is part of a submitted version stays with"
                            + " that version (409 artifact-frozen). The object is deleted from"
                            + " storage after the row; if that fails, the reaper removes it.",
            responses = @ApiResponse(responseCode = "204", description = "Deleted"))
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.ARTIFACT_FROZEN, ProblemType.PHASE_CLOSED})
    Mono<ResponseEntity<Void>> deleteArtifact(
            @PathVariable UUID submissionId,
            @PathVariable UUID artifactId,
            @AuthenticationPrincipal CurrentUser user) {
        return artifacts
                .delete(submissionId, artifactId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping(
            path = "/api/v1/submissions/{submissionId}/artifacts/{artifactId}/download",
            produces = "application/json")
    @Operation(
            operationId = "downloadArtifact",
            summary = "A short-lived presigned GET URL for an artifact, after the read check")
    @ApiErrors(
            value = {400, 401, 403, 404},
            publicRead = true)
    Mono<ResponseEntity<Submission.Download>> download(
            @PathVariable UUID submissionId,
            @PathVariable UUID artifactId,
            @AuthenticationPrincipal CurrentUser user) {
        return artifacts
                .download(submissionId, artifactId, user)
                .map(d -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(d));
    }

    @GetMapping(
            path = "/api/v1/submissions/{submissionId}/artifacts/{artifactId}/preview",
            produces = MediaType.TEXT_HTML_VALUE)
    @Operation(
            operationId = "previewNotebook",
            summary =
                    "The sanitised HTML preview of a notebook, served with a strict"
                            + " Content-Security-Policy")
    @ApiErrors(
            value = {400, 401, 403, 404},
            publicRead = true)
    Mono<ResponseEntity<byte[]>> preview(
            @PathVariable UUID submissionId,
            @PathVariable UUID artifactId,
            @AuthenticationPrincipal CurrentUser user) {
        return artifacts
                .preview(submissionId, artifactId, user)
                .map(
                        html ->
                                ResponseEntity.ok()
                                        .contentType(
                                                MediaType.parseMediaType("text/html;charset=UTF-8"))
                                        .header(
                                                "Content-Security-Policy",
                                                NotebookPreview.CONTENT_SECURITY_POLICY)
                                        .header("X-Content-Type-Options", "nosniff")
                                        .header("Referrer-Policy", "no-referrer")
                                        .cacheControl(CacheControl.noCache().cachePrivate())
                                        .body(html));
    }
}
