package org.minka.voting.fraud;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Fraud review of an event's public vote, for its organizers: flags, reviews, the export. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/voting/review")
@Tag(name = "Voting fraud review")
class FraudReviewController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final FlagQueries flags;
    private final ReviewService reviews;
    private final FraudScan scan;
    private final BallotExport export;
    private final HttpCaching caching;

    FraudReviewController(
            FlagQueries flags,
            ReviewService reviews,
            FraudScan scan,
            BallotExport export,
            HttpCaching caching) {
        this.flags = flags;
        this.reviews = reviews;
        this.scan = scan;
        this.export = export;
        this.caching = caching;
    }

    @GetMapping(path = "/flags", produces = "application/json")
    @Operation(
            operationId = "listVotingFlags",
            summary = "The event's fraud flags, newest first (organizers)",
            description =
                    "What the detectors raised while VOTING was open: bursts of ballots on one"
                            + " submission, many voters behind one IP hash, clusters of new"
                            + " accounts voting alike. Each flag has its evidence and the ballots it"
                            + " names. Filter by kind and status. Others get 403 on an event they"
                            + " can see, 404 on one they cannot.")
    @ApiErrors(
            value = {400, 401, 403, 404},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.INVALID_CURSOR})
    Mono<ResponseEntity<CursorPage<FlagView>>> list(
            @PathVariable UUID eventId,
            @Parameter(description = "Only flags of this kind", example = "BURST")
                    @RequestParam(required = false)
                    FlagKind kind,
            @Parameter(description = "Only flags in this status", example = "OPEN")
                    @RequestParam(required = false)
                    FlagView.Status status,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        FlagQueries.Query query = new FlagQueries.Query(kind, status);
        return Mono.fromCallable(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> flags.page(eventId, query, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping(path = "/flags/{flagId}", produces = "application/json")
    @Operation(operationId = "getVotingFlag", summary = "One fraud flag (organizers)")
    @ApiErrors({400, 401, 403, 404})
    Mono<FlagView> one(
            @PathVariable UUID eventId,
            @PathVariable UUID flagId,
            @AuthenticationPrincipal CurrentUser user) {
        return flags.one(eventId, flagId, user);
    }

    @PostMapping(path = "/scan", produces = "application/json")
    @Operation(
            operationId = "scanVotingFraud",
            summary = "Run the fraud detectors on the event now (organizers)",
            description =
                    "The detectors also run by themselves every minute while VOTING is open."
                            + " Scanning twice raises nothing twice: a flag that is still open"
                            + " gets the new ballots of the same finding. Outside VOTING the scan"
                            + " does nothing (events: 0).")
    @ApiErrors({400, 401, 403, 404})
    Mono<FraudScan.Report> scan(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return flags.requireOrganizer(eventId, user).then(scan.scanEvent(eventId));
    }

    @PostMapping(path = "/actions", consumes = "application/json", produces = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "reviewVotingBallots",
            summary = "Invalidate or restore ballots in bulk, or dismiss a flag (organizers)",
            description =
                    "By flag (flagId) or by ballot ids (ballotIds), always with a reason."
                            + " Invalid ballots are kept and no longer counted; the tallies follow"
                            + " at once. By ids it is all or nothing: a ballot that is not the"
                            + " event's (422) or already in the target state (409) changes"
                            + " nothing. By flag, INVALIDATE changes the flag's valid ballots and"
                            + " confirms it, RESTORE its invalid ones and dismisses it, DISMISS"
                            + " closes an open flag without changing ballots. Every review is"
                            + " audited. Takes an Idempotency-Key.")
    @ApiResponse(responseCode = "201", description = "Applied")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.BALLOT_ALREADY_INVALID,
                ProblemType.BALLOT_NOT_INVALID,
                ProblemType.FLAG_REVIEWED,
                ProblemType.UNKNOWN_BALLOT
            })
    Mono<Review> review(
            @PathVariable UUID eventId,
            @Valid @RequestBody Review.Request request,
            @AuthenticationPrincipal CurrentUser user) {
        return reviews.review(eventId, request, user);
    }

    @GetMapping(path = "/export", produces = "text/csv")
    @Operation(
            operationId = "exportVotingBallots",
            summary =
                    "Every ballot of the event as CSV, with hashes and no identities (organizers)",
            description =
                    "Streamed in cast order. voter_hash is an HMAC of the voter under the event's"
                            + " key: the same for one voter's ballots, and not the user's id."
                            + " ip_hash and ua_hash are the stored HMACs; no raw address is"
                            + " stored. flags lists the kinds of flag that name the ballot.")
    @ApiResponse(
            responseCode = "200",
            description = "UTF-8 CSV with a header row",
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = "string"),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "ballot_id,challenge_id,submission_id,version_number,voter_hash,ip_hash,ua_hash,key_generation,cast_at,retracted_at,status,invalidated_at,invalid_reason,flags\\r\\n")))
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Flux<String>>> export(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return export.csv(eventId, user).map(body -> csv("ballots-" + eventId, body));
    }

    private static ResponseEntity<Flux<String>> csv(String name, Flux<String> body) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .body(body);
    }
}
