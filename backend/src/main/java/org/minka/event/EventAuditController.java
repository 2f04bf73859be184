package org.minka.event;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.AuditLog;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "events")
class EventAuditController {

    private final EventAudit audit;
    private final HttpCaching caching;

    EventAuditController(EventAudit audit, HttpCaching caching) {
        this.audit = audit;
        this.caching = caching;
    }

    @GetMapping(path = "/api/v1/events/{eventId}/audit-log", produces = "application/json")
    @Operation(
            operationId = "listEventAuditLog",
            summary = "An event's audit log, newest first (organizers)",
            description =
                    "Who did what in the event: one entry per audited action, newest first, a"
                            + " page at a time. Filter by kind (the first word of the action, e.g."
                            + " membership for membership.granted and membership.revoked) and by a"
                            + " time range [from, to). Mentors, judges and other signed-in users get"
                            + " 403 on an event they can see, and 404 on one they cannot.")
    @ApiErrors(
            value = {400, 401, 403, 404},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.INVALID_CURSOR})
    Mono<ResponseEntity<CursorPage<AuditLog.Entry>>> list(
            @PathVariable UUID eventId,
            @Parameter(
                            description =
                                    "Only entries of this kind: event, challenge, membership,"
                                            + " registration, team, submission, help, comment,"
                                            + " publisher, judging",
                            example = "membership")
                    @RequestParam(required = false)
                    String kind,
            @Parameter(
                            description = "Only entries at or after this instant",
                            example = "2026-11-01T00:00:00Z")
                    @RequestParam(required = false)
                    Instant from,
            @Parameter(
                            description = "Only entries before this instant",
                            example = "2026-12-01T00:00:00Z")
                    @RequestParam(required = false)
                    Instant to,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        AuditLog.Query query = new AuditLog.Query(eventId, kind, from, to, cursor, limit);
        return audit.page(query, user).map(page -> caching.page(page, exchange));
    }
}
