package org.minka.submission;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.PageRequest;
import org.minka.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The public gallery of submitted work, once the event's gallery is public. */
@RestController
@Tag(name = "gallery")
class SubmissionGalleryController {

    private final SubmissionListing submissions;
    private final HttpCaching caching;

    SubmissionGalleryController(SubmissionListing submissions, HttpCaching caching) {
        this.submissions = submissions;
        this.caching = caching;
    }

    @GetMapping(
            path = "/api/v1/events/{eventId}/gallery/submissions",
            produces = "application/json")
    @Operation(
            operationId = "listGallerySubmissions",
            summary =
                    "Submitted work of the public gallery: each submission's latest submitted"
                            + " version, optionally for one challenge (404 until public)",
            description =
                    "Readable by anyone, without a token, once the event is published, its gallery"
                            + " is public and SUBMISSION has closed; before that the gallery is not"
                            + " found, whoever asks. Submissions never submitted are not listed."
                            + " Pages follow the submissions' creation order; follow nextCursor (or"
                            + " the Link header).")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Submission.GalleryEntry>>> list(
            @PathVariable UUID eventId,
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
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> submissions.gallery(eventId, challengeId, page, user))
                .map(page -> caching.page(page, exchange));
    }
}
