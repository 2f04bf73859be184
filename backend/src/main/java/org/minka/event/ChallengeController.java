package org.minka.event;

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
import org.minka.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
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
@RequestMapping(path = "/api/v1/events/{eventId}/challenges", produces = "application/json")
@Tag(name = "challenges")
class ChallengeController {

    private final ChallengeService challenges;
    private final HttpCaching caching;

    ChallengeController(ChallengeService challenges, HttpCaching caching) {
        this.challenges = challenges;
        this.caching = caching;
    }

    @GetMapping
    @Operation(operationId = "listChallenges", summary = "List the challenges of an event")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Challenge>>> list(
            @PathVariable UUID eventId,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> challenges.list(eventId, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/{challengeId}")
    @Operation(operationId = "getChallenge", summary = "Get a challenge with its datasets")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Challenge>> get(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return challenges.get(eventId, challengeId, user).map(this::tagged);
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "createChallenge",
            summary = "Create a challenge tied to at least one dataset (organizer)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 404, 415})
    Mono<ResponseEntity<Challenge>> create(
            @PathVariable UUID eventId,
            @Valid @RequestBody Challenge.Create request,
            @AuthenticationPrincipal CurrentUser user) {
        return challenges
                .create(eventId, request, user)
                .map(
                        c ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/challenges/"
                                                                + c.id()))
                                        .eTag(HttpCaching.versionTag(c.version(), null))
                                        .body(c));
    }

    @PatchMapping(path = "/{challengeId}", consumes = "application/json")
    @Operation(operationId = "updateChallenge", summary = "Change a challenge's fields (organizer)")
    @ApiErrors({400, 401, 403, 404, 412, 415})
    Mono<ResponseEntity<Challenge>> update(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Parameter(description = "ETag of the version being changed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody Challenge.Update request,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.defer(
                        () ->
                                challenges.update(
                                        eventId,
                                        challengeId,
                                        request,
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .map(this::tagged);
    }

    @DeleteMapping("/{challengeId}")
    @Operation(operationId = "deleteChallenge", summary = "Delete a challenge (organizer)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404, 412})
    Mono<ResponseEntity<Void>> delete(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Parameter(description = "ETag of the version being deleted")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.defer(
                        () ->
                                challenges.delete(
                                        eventId,
                                        challengeId,
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private ResponseEntity<Challenge> tagged(Challenge c) {
        return caching.ok(c, HttpCaching.versionTag(c.version(), null));
    }
}
