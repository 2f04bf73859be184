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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.minka.common.ApiErrors;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.PartEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Artifacts of a submission: streamed uploads, presigned slots, deletes, downloads, previews. */
@RestController
@Tag(name = "submissions")
class ArtifactController {

    private final StreamedUploads uploads;
    private final UploadSlots slots;
    private final ArtifactDeletes deletes;
    private final ArtifactReads reads;
    private final long maxSkipped;

    ArtifactController(
            StreamedUploads uploads,
            UploadSlots slots,
            ArtifactDeletes deletes,
            ArtifactReads reads,
            @Value("${spring.http.codecs.max-in-memory-size:1MB}") DataSize maxSkipped) {
        this.maxSkipped = maxSkipped.toBytes();
        this.uploads = uploads;
        this.slots = slots;
        this.deletes = deletes;
        this.reads = reads;
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
            value = {400, 401, 403, 404, 409, 413, 415, 422, 503},
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
        AtomicLong skipped = new AtomicLong();
        return parts.windowUntil(PartEvent::isLast)
                .concatMap(
                        part ->
                                part.switchOnFirst(
                                        (first, events) ->
                                                route(
                                                        new Target(
                                                                submissionId,
                                                                kind,
                                                                contentLength,
                                                                user),
                                                        first.get(),
                                                        events,
                                                        skipped)))
                .next()
                .switchIfEmpty(Mono.error(ArtifactController::noFilePart))
                .map(a -> created(submissionId, a));
    }

    /** Where the file part goes, and who sends it. */
    private record Target(
            UUID submissionId, ArtifactKind kind, Long contentLength, CurrentUser user) {}

    private Mono<Submission.Artifact> route(
            Target target, PartEvent first, Flux<PartEvent> events, AtomicLong skipped) {
        if (filePart(first)) {
            return uploadPart(
                    target.submissionId(),
                    target.kind(),
                    first,
                    events,
                    target.contentLength(),
                    target.user());
        }
        return skipPart(events, skipped);
    }

    private static boolean filePart(PartEvent first) {
        return first instanceof FilePartEvent file && "file".equals(file.name());
    }

    private Mono<Submission.Artifact> uploadPart(
            UUID submissionId,
            ArtifactKind kind,
            PartEvent first,
            Flux<PartEvent> events,
            Long contentLength,
            CurrentUser user) {
        Flux<DataBuffer> content = HeapChunks.of(events.map(PartEvent::content));
        String filename = ((FilePartEvent) first).filename();
        return uploads.upload(submissionId, kind, filename, content, contentLength, user);
    }

    /**
     * Parts other than the file are read and dropped, but only up to the codec limit in all: past
     * it the upload ends with 413 and the server stops reading.
     */
    private Mono<Submission.Artifact> skipPart(Flux<PartEvent> events, AtomicLong skipped) {
        return events.doOnNext(e -> drop(e, skipped)).then(Mono.empty());
    }

    private void drop(PartEvent event, AtomicLong skipped) {
        long seen = skipped.addAndGet(event.content().readableByteCount());
        DataBufferUtils.release(event.content());
        if (seen > maxSkipped) {
            throw new MinkaException(ProblemType.PAYLOAD_TOO_LARGE);
        }
    }

    private static MinkaException noFilePart() {
        return new MinkaException(
                ProblemType.MALFORMED_REQUEST,
                "problem.malformed-request.parameter",
                List.of(),
                "file");
    }

    private static ResponseEntity<Submission.Artifact> created(
            UUID submissionId, Submission.Artifact a) {
        String location = "/api/v1/submissions/" + submissionId + "/artifacts/" + a.id();
        return ResponseEntity.created(URI.create(location)).body(a);
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
        return slots.createSlot(submissionId, request, user)
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
        return slots.finalizeSlot(submissionId, slotId, user).map(a -> created(submissionId, a));
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
        return deletes.delete(submissionId, artifactId, user)
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
        return reads.download(submissionId, artifactId, user)
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
        return reads.preview(submissionId, artifactId, user)
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
