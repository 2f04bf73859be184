package org.minka.mentoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The comment thread on a submission: mentors' feedback, anchored to artifacts and cells. */
@RestController
@RequestMapping(path = "/api/v1/submissions/{submissionId}/comments", produces = "application/json")
@Tag(name = "mentoring")
class SubmissionCommentController {

    private final SubmissionComments comments;

    SubmissionCommentController(SubmissionComments comments) {
        this.comments = comments;
    }

    @GetMapping
    @Operation(
            operationId = "listSubmissionComments",
            summary =
                    "The submission's thread, oldest first (team, mentors, organizers; judges if the event allows)")
    @ApiErrors({400, 401, 404})
    Mono<List<Comment>> list(
            @PathVariable UUID submissionId,
            @Parameter(description = "Only the comments anchored to this artifact")
                    @RequestParam(required = false)
                    UUID artifactId,
            @AuthenticationPrincipal CurrentUser user) {
        return comments.list(submissionId, artifactId, user);
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "commentOnSubmission",
            summary =
                    "Comment on a submission, optionally as a reply and anchored to an artifact and notebook cell")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 404, 415})
    Mono<ResponseEntity<Comment>> write(
            @PathVariable UUID submissionId,
            @Valid @RequestBody Comment.Anchored write,
            @AuthenticationPrincipal CurrentUser user) {
        return comments.write(submissionId, write, user)
                .map(
                        c ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/submissions/"
                                                                + submissionId
                                                                + "/comments/"
                                                                + c.id()))
                                        .body(c));
    }

    @PatchMapping(path = "/{commentId}", consumes = "application/json")
    @Operation(
            operationId = "editSubmissionComment",
            summary = "Edit my comment within 15 minutes; it shows as edited")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {ProblemType.EDIT_WINDOW_CLOSED})
    Mono<Comment> edit(
            @PathVariable UUID submissionId,
            @PathVariable UUID commentId,
            @Valid @RequestBody Comment.Edit edit,
            @AuthenticationPrincipal CurrentUser user) {
        return comments.edit(submissionId, commentId, edit, user);
    }

    @DeleteMapping("/{commentId}")
    @Operation(
            operationId = "deleteSubmissionComment",
            summary = "Delete a comment (its author or an organizer); a placeholder stays")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Void>> delete(
            @PathVariable UUID submissionId,
            @PathVariable UUID commentId,
            @AuthenticationPrincipal CurrentUser user) {
        return comments.delete(submissionId, commentId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }
}
