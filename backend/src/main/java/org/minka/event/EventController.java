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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/events", produces = "application/json")
@Tag(name = "events")
class EventController {

    private final EventService events;
    private final HttpCaching caching;

    EventController(EventService events, HttpCaching caching) {
        this.events = events;
        this.caching = caching;
    }

    @GetMapping
    @Operation(
            operationId = "listEvents",
            summary = "List published events, oldest first",
            description =
                    "PUBLIC events for everyone; with a token, also the UNLISTED and PRIVATE"
                            + " events the caller is a member or participant of (admins: all),"
                            + " and PRIVATE events whose allow-list names the caller")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<EventResponse>>> list(
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> events.listPublished(page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/{eventId}")
    @Operation(operationId = "getEvent", summary = "Get an event with the phase in force")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<EventResponse>> get(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return events.get(eventId, user).map(this::tagged);
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "createEvent",
            summary = "Create an event (admin); the creator becomes its first organizer")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 409, 413, 415, 422})
    Mono<ResponseEntity<EventResponse>> create(
            @Valid @RequestBody EventRequests.Create request,
            @AuthenticationPrincipal CurrentUser user) {
        return events.create(request, user)
                .map(
                        event ->
                                ResponseEntity.created(URI.create("/api/v1/events/" + event.id()))
                                        .eTag(etag(event))
                                        .body(event));
    }

    @PatchMapping(path = "/{eventId}", consumes = "application/json")
    @Operation(operationId = "updateEvent", summary = "Change an event's fields (organizer)")
    @ApiErrors({400, 401, 403, 404, 409, 412, 415, 422})
    Mono<ResponseEntity<EventResponse>> update(
            @PathVariable UUID eventId,
            @Parameter(description = "ETag of the version being changed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody EventRequests.Update request,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.defer(
                        () ->
                                events.update(
                                        eventId,
                                        request,
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .map(this::tagged);
    }

    @PutMapping(path = "/{eventId}/phases", consumes = "application/json")
    @Operation(
            operationId = "replaceEventPhases",
            summary = "Set the phase windows: extend, shorten or close early (organizer, audited)")
    @ApiErrors({400, 401, 403, 404, 412, 415, 422})
    Mono<ResponseEntity<EventResponse>> replacePhases(
            @PathVariable UUID eventId,
            @Parameter(description = "ETag of the version being changed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody EventRequests.Phases request,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.defer(
                        () ->
                                events.replacePhases(
                                        eventId,
                                        request.phases(),
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .map(this::tagged);
    }

    @PostMapping("/{eventId}/publish")
    @Operation(
            operationId = "publishEvent",
            summary = "Publish an event so that anyone can read it (organizer)")
    @ApiErrors({400, 401, 403, 404, 412})
    Mono<ResponseEntity<EventResponse>> publish(
            @PathVariable UUID eventId,
            @Parameter(description = "ETag of the version being changed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @AuthenticationPrincipal CurrentUser user) {
        return publication(eventId, true, ifMatch, user);
    }

    @PostMapping("/{eventId}/unpublish")
    @Operation(
            operationId = "unpublishEvent",
            summary = "Withdraw an event from public view (organizer)")
    @ApiErrors({400, 401, 403, 404, 412})
    Mono<ResponseEntity<EventResponse>> unpublish(
            @PathVariable UUID eventId,
            @Parameter(description = "ETag of the version being changed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @AuthenticationPrincipal CurrentUser user) {
        return publication(eventId, false, ifMatch, user);
    }

    private Mono<ResponseEntity<EventResponse>> publication(
            UUID eventId, boolean published, String ifMatch, CurrentUser user) {
        return Mono.defer(
                        () ->
                                events.setPublished(
                                        eventId,
                                        published,
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .map(this::tagged);
    }

    private ResponseEntity<EventResponse> tagged(EventResponse event) {
        return caching.ok(event, etag(event));
    }

    private static String etag(EventResponse event) {
        return HttpCaching.versionTag(event.version(), event.currentPhase().name());
    }
}
