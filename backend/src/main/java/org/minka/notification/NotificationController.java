package org.minka.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The signed-in user's notifications: inbox, unread count, marks, and the live stream. */
@RestController
@RequestMapping(path = "/api/v1/me/notifications")
@Tag(name = "notifications")
class NotificationController {

    private final NotificationService notifications;
    private final HttpCaching caching;

    NotificationController(NotificationService notifications, HttpCaching caching) {
        this.notifications = notifications;
        this.caching = caching;
    }

    @GetMapping(produces = "application/json")
    @Operation(operationId = "listMyNotifications", summary = "My notifications, newest first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors({400, 401})
    Mono<ResponseEntity<CursorPage<Notification>>> inbox(
            @Parameter(description = "Only unread ones") @RequestParam(defaultValue = "false")
                    boolean unread,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return notifications
                .inbox(user.id(), cursor, limit, unread)
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping(path = "/unread-count", produces = "application/json")
    @Operation(
            operationId = "countMyUnreadNotifications",
            summary = "How many of my notifications are unread")
    @ApiErrors({401})
    Mono<Notification.Unread> unread(@AuthenticationPrincipal CurrentUser user) {
        return notifications.unread(user.id());
    }

    @PostMapping(path = "/{seq}/read")
    @Operation(operationId = "markNotificationRead", summary = "Mark one notification read")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 404})
    Mono<ResponseEntity<Void>> markRead(
            @PathVariable long seq, @AuthenticationPrincipal CurrentUser user) {
        return notifications
                .markRead(user.id(), seq)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/read-all")
    @Operation(
            operationId = "markAllNotificationsRead",
            summary = "Mark all my notifications read, or those up to a seq")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401})
    Mono<ResponseEntity<Void>> markAllRead(
            @Parameter(description = "Only those with this seq or lower")
                    @RequestParam(required = false)
                    Long upTo,
            @AuthenticationPrincipal CurrentUser user) {
        return notifications
                .markAllRead(user.id(), upTo)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            operationId = "streamMyNotifications",
            summary =
                    "Server-sent events: my new notifications live, resumable with Last-Event-ID, with heartbeats",
            description =
                    "Each event has `id` = the notification's seq, `event` = its kind and `data` = the"
                            + " Notification as JSON. Send the last id seen as the `Last-Event-ID` header (or the"
                            + " `lastEventId` query parameter) to resume without losing or repeating any; without"
                            + " it the stream starts from now. Comments (`: heartbeat`) arrive every 15 seconds."
                            + " Every instance delivers notifications raised on any instance (PostgreSQL"
                            + " LISTEN/NOTIFY). When an instance shuts down, its streams end with a comment and a"
                            + " `retry:` hint (2 seconds by default); reconnect with Last-Event-ID.")
    @ApiResponse(
            responseCode = "200",
            description = "An endless text/event-stream",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema =
                                    @Schema(
                                            type = "string",
                                            description =
                                                    "SSE frames whose data is a Notification (see the Notification schema)"),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "id:42\nevent:team.invitation\ndata:{\"seq\":42,\"kind\":\"team.invitation\",\"eventId\":\"0e7c1a52-3f6b-4bd4-9a43-8f0f1d2c3b4a\",\"data\":{\"teamName\":\"Los Datavengers\"},\"createdAt\":\"2026-11-26T15:00:00Z\",\"readAt\":null}\n\n")))
    @ApiErrors({400, 401})
    Flux<ServerSentEvent<Notification>> stream(
            @Parameter(description = "The last event id received, to resume after it")
                    @RequestHeader(name = "Last-Event-ID", required = false)
                    String lastEventIdHeader,
            @Parameter(
                            description =
                                    "Same as the Last-Event-ID header, for clients that cannot set it")
                    @RequestParam(required = false)
                    String lastEventId,
            @AuthenticationPrincipal CurrentUser user) {
        String given = lastEventIdHeader != null ? lastEventIdHeader : lastEventId;
        return Flux.defer(() -> notifications.stream(user.id(), parseLastEventId(given)));
    }

    private static Long parseLastEventId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.strip());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException ex) {
            throw new MinkaException(ProblemType.INVALID_CURSOR);
        }
    }
}
