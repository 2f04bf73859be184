package org.minka.results;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "certificates")
class EventCertificateController {

    private static final String RUNS = "/api/v1/events/{eventId}/certificates/runs";

    private final EventCertificateRuns runs;
    private final HttpCaching caching;

    EventCertificateController(EventCertificateRuns runs, HttpCaching caching) {
        this.runs = runs;
        this.caching = caching;
    }

    @PostMapping(path = RUNS, produces = "application/json")
    @Operation(
            operationId = "startEventCertificateRun",
            summary =
                    "Issue the event's certificates in the background: participants of teams that"
                            + " submitted, mentors and judges who took part (organizers)",
            description =
                    "Answers 202 at once with the run; follow it at .../runs/latest. Only while"
                            + " RESULTS is open. While a run is unfinished, starting another answers"
                            + " that one. Safe to re-run: certificates already issued count as done"
                            + " and are not issued twice, and a new run retries what failed. Each"
                            + " certificate is in its recipient's notification language, or else in"
                            + " the run's language (es by default). Send an Idempotency-Key to retry"
                            + " safely.")
    @ApiResponse(responseCode = "202", description = "The run, started or already in progress")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.PHASE_CLOSED})
    Mono<ResponseEntity<EventCertificateRun>> start(
            @PathVariable UUID eventId,
            @Valid @RequestBody(required = false) EventCertificateRun.Start body,
            @AuthenticationPrincipal CurrentUser user) {
        String language = body == null ? null : body.language();
        return runs.start(eventId, language, user)
                .map(run -> ResponseEntity.status(HttpStatus.ACCEPTED).body(run));
    }

    @GetMapping(path = RUNS + "/latest", produces = "application/json")
    @Operation(
            operationId = "getLatestEventCertificateRun",
            summary = "The event's latest certificate run: done/total, failures (organizers)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors({401, 403, 404})
    Mono<ResponseEntity<EventCertificateRun>> latest(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return runs.latest(eventId, user).map(ResponseEntity::ok);
    }

    @GetMapping(path = RUNS + "/{runId}", produces = "application/json")
    @Operation(
            operationId = "getEventCertificateRun",
            summary = "One certificate run of the event: done/total, failures (organizers)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors({401, 403, 404})
    Mono<ResponseEntity<EventCertificateRun>> find(
            @PathVariable UUID eventId,
            @PathVariable UUID runId,
            @AuthenticationPrincipal CurrentUser user) {
        return runs.find(eventId, runId, user).map(ResponseEntity::ok);
    }

    @GetMapping(path = "/api/v1/events/{eventId}/certificates", produces = "application/json")
    @Operation(
            operationId = "listEventCertificates",
            summary =
                    "The certificates the event's runs issued, oldest first, with whether each is"
                            + " revoked (organizers)")
    @ApiErrors(
            value = {400, 401, 403, 404},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.INVALID_CURSOR})
    Mono<ResponseEntity<CursorPage<EventCertificateRun.Issued>>> list(
            @PathVariable UUID eventId,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return runs.page(eventId, cursor, limit, user).map(page -> caching.page(page, exchange));
    }
}
