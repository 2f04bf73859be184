package org.minka.judging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/judging/conflicts", produces = "application/json")
@Tag(name = "Judging")
class ConflictController {

    private final ConflictService conflicts;
    private final HttpCaching caching;

    ConflictController(ConflictService conflicts, HttpCaching caching) {
        this.conflicts = conflicts;
        this.caching = caching;
    }

    @GetMapping
    @Operation(
            operationId = "listJudgingConflicts",
            summary = "List conflicts of interest: organizers all, a judge their own",
            description =
                    "Conflicts found automatically (team member, mentor of the challenge or of the"
                            + " event, member of the proposing publisher) are stored first. Active"
                            + " and lifted ones, oldest first, a page at a time (follow nextCursor"
                            + " or the Link header).")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors(
            value = {400, 401, 403, 404},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.INVALID_CURSOR})
    Mono<ResponseEntity<CursorPage<ConflictView>>> list(
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
                .flatMap(page -> conflicts.list(eventId, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "recordJudgingConflict",
            summary = "Declare a conflict (judge) or add one for a judge (organizer)",
            description =
                    "Without judgeId the caller, a judge of the submission's challenge, declares a"
                            + " conflict of their own; with judgeId an organizer adds one. An"
                            + " assignment of that judge to that submission is dropped and another"
                            + " conflict-free judge takes it when one exists. Audited.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.CONFLICT_EXISTS,
                ProblemType.NOT_A_JUDGE
            })
    Mono<ResponseEntity<ConflictView>> record(
            @PathVariable UUID eventId,
            @Valid @RequestBody ConflictView.Request request,
            @AuthenticationPrincipal CurrentUser user) {
        return conflicts
                .record(eventId, request, user)
                .map(c -> ResponseEntity.created(location(eventId, c)).body(c));
    }

    private static URI location(UUID eventId, ConflictView c) {
        return URI.create("/api/v1/events/" + eventId + "/judging/conflicts/" + c.id());
    }

    @PostMapping(path = "/{conflictId}/lift", consumes = "application/json")
    @Operation(
            operationId = "liftJudgingConflict",
            summary = "Lift a conflict of interest, with a reason (organizer)",
            description = "The conflict stays on record, lifted. Audited.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.CONFLICT_LIFTED})
    Mono<ConflictView> lift(
            @PathVariable UUID eventId,
            @PathVariable UUID conflictId,
            @Valid @RequestBody ConflictView.Lift request,
            @AuthenticationPrincipal CurrentUser user) {
        return conflicts.lift(eventId, conflictId, request.reason(), user);
    }
}
