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
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
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
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Help requests, the mentors' queue, and each request's comment thread. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/help-requests", produces = "application/json")
@Tag(name = "mentoring")
class HelpRequestController {

    private static final List<String> STATUSES = List.of("OPEN", "CLAIMED", "RESOLVED");

    private final HelpRequestService help;
    private final HelpQueueStats stats;
    private final HttpCaching caching;

    HelpRequestController(HelpRequestService help, HelpQueueStats stats, HttpCaching caching) {
        this.help = help;
        this.stats = stats;
        this.caching = caching;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "openHelpRequest",
            summary = "Ask the mentors of a challenge the team entered for help (team member)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors(
            value = {400, 401, 404, 409, 415},
            types = {ProblemType.CHALLENGE_NOT_ENTERED})
    Mono<ResponseEntity<HelpRequest>> open(
            @PathVariable UUID eventId,
            @Valid @RequestBody HelpRequest.Open request,
            @AuthenticationPrincipal CurrentUser user) {
        return help.open(eventId, request, user)
                .map(
                        r ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/help-requests/"
                                                                + r.id()))
                                        .body(r));
    }

    @GetMapping
    @Operation(
            operationId = "listHelpRequests",
            summary =
                    "The queue: organizers see all, mentors their challenges', team members their"
                            + " team's (with teamId)",
            description =
                    "Oldest first. Pages follow creation order; follow nextCursor (or the Link"
                            + " header) until it is absent: no request is left out.")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<CursorPage<HelpRequest>>> list(
            @PathVariable UUID eventId,
            @Parameter(description = "Only this team's requests") @RequestParam(required = false)
                    UUID teamId,
            @Parameter(description = "Only this challenge's requests")
                    @RequestParam(required = false)
                    UUID challengeId,
            @Parameter(description = "OPEN, CLAIMED or RESOLVED") @RequestParam(required = false)
                    String status,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> query(status, cursor, limit))
                .flatMap(page -> help.list(eventId, teamId, challengeId, status, page, user))
                .map(page -> caching.page(page, exchange));
    }

    /** The page asked for, after the status is checked. */
    private static PageRequest query(String status, String cursor, Integer limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw MinkaException.invalid("status", "must be OPEN, CLAIMED or RESOLVED");
        }
        return PageRequest.of(cursor, limit);
    }

    @GetMapping("/stats")
    @Operation(
            operationId = "getHelpQueueStats",
            summary = "Queue age and load per mentor (organizer)")
    @ApiErrors({400, 401, 403, 404})
    Mono<HelpRequest.Stats> stats(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return stats.stats(eventId, user);
    }

    @GetMapping("/{requestId}")
    @Operation(
            operationId = "getHelpRequest",
            summary = "A help request (its team, mentors of its challenge, organizers)")
    @ApiErrors({400, 401, 404})
    Mono<HelpRequest> get(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @AuthenticationPrincipal CurrentUser user) {
        return help.get(eventId, requestId, user);
    }

    @PostMapping("/{requestId}/claim")
    @Operation(
            operationId = "claimHelpRequest",
            summary = "Claim an open request (a mentor of its challenge); one claim wins")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.ALREADY_CLAIMED})
    Mono<HelpRequest> claim(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @AuthenticationPrincipal CurrentUser user) {
        return help.claim(eventId, requestId, user);
    }

    @PostMapping("/{requestId}/resolve")
    @Operation(
            operationId = "resolveHelpRequest",
            summary = "Mark resolved (team member, claiming mentor, organizer)")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.NO_LONGER_PENDING})
    Mono<HelpRequest> resolve(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @AuthenticationPrincipal CurrentUser user) {
        return help.resolve(eventId, requestId, user);
    }

    @PostMapping("/{requestId}/reopen")
    @Operation(
            operationId = "reopenHelpRequest",
            summary = "Reopen a resolved request (team member, organizer)")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.NO_LONGER_PENDING})
    Mono<HelpRequest> reopen(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @AuthenticationPrincipal CurrentUser user) {
        return help.reopen(eventId, requestId, user);
    }

    @GetMapping("/{requestId}/comments")
    @Operation(
            operationId = "listHelpRequestComments",
            summary = "The request's thread, oldest first; deleted comments keep their place")
    @ApiErrors({400, 401, 404})
    Mono<List<Comment>> thread(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @AuthenticationPrincipal CurrentUser user) {
        return help.thread(eventId, requestId, user);
    }

    @PostMapping(path = "/{requestId}/comments", consumes = "application/json")
    @Operation(
            operationId = "commentOnHelpRequest",
            summary = "Write in the request's thread, optionally as a reply")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 404, 415})
    Mono<ResponseEntity<Comment>> comment(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @Valid @RequestBody Comment.Write write,
            @AuthenticationPrincipal CurrentUser user) {
        return help.comment(eventId, requestId, write, user)
                .map(
                        c ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/help-requests/"
                                                                + requestId
                                                                + "/comments/"
                                                                + c.id()))
                                        .body(c));
    }

    @PatchMapping(path = "/{requestId}/comments/{commentId}", consumes = "application/json")
    @Operation(
            operationId = "editHelpRequestComment",
            summary = "Edit my comment within 15 minutes; it shows as edited")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {ProblemType.EDIT_WINDOW_CLOSED})
    Mono<Comment> edit(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @PathVariable UUID commentId,
            @Valid @RequestBody Comment.Edit edit,
            @AuthenticationPrincipal CurrentUser user) {
        return help.edit(eventId, requestId, commentId, edit, user);
    }

    @DeleteMapping("/{requestId}/comments/{commentId}")
    @Operation(
            operationId = "deleteHelpRequestComment",
            summary = "Delete a comment (its author or an organizer); a placeholder stays")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Void>> delete(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @PathVariable UUID commentId,
            @AuthenticationPrincipal CurrentUser user) {
        return help.delete(eventId, requestId, commentId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }
}
