package org.minka.judging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The finals of a challenge: finalists, the judges' rankings, and their aggregate. */
@RestController
@RequestMapping(
        path = "/api/v1/events/{eventId}/challenges/{challengeId}/judging",
        produces = "application/json")
@Tag(name = "Judging")
class FinalistController {

    private final FinalistService finalists;
    private final FinalBallotService ballots;

    FinalistController(FinalistService finalists, FinalBallotService ballots) {
        this.finalists = finalists;
        this.ballots = ballots;
    }

    @GetMapping("/finalists")
    @Operation(
            operationId = "getFinalists",
            summary =
                    "The challenge's finalists: organizers see the stored list or round 1's"
                            + " proposal (top N plus ties); judges of the challenge the confirmed list")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<FinalistList>> get(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return finalists.get(eventId, challengeId, user).map(FinalistController::tagged);
    }

    @PostMapping(path = "/finalists", consumes = "application/json")
    @Operation(
            operationId = "confirmFinalists",
            summary =
                    "Confirm round 1's proposal as the finalists (organizers; audited); refused"
                            + " once judges have ranked them")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.CONFLICT})
    Mono<ResponseEntity<FinalistList>> confirm(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Valid @RequestBody FinalistList.Confirm confirm,
            @AuthenticationPrincipal CurrentUser user) {
        return finalists
                .confirm(eventId, challengeId, confirm, user)
                .map(FinalistController::tagged);
    }

    @PutMapping(path = "/finalists", consumes = "application/json")
    @Operation(
            operationId = "adjustFinalists",
            summary =
                    "Set the finalists by hand, in seed order, with a reason (organizers;"
                            + " audited); refused once judges have ranked them")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 412, 415},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.CONFLICT,
                ProblemType.STALE_VERSION
            })
    Mono<ResponseEntity<FinalistList>> adjust(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Parameter(description = "ETag (the list's version) being changed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody FinalistList.Adjust adjust,
            @AuthenticationPrincipal CurrentUser user) {
        return JudgingHttp.ifMatch(
                ifMatch,
                v -> finalists.adjust(eventId, challengeId, adjust, v, user),
                FinalistController::tagged);
    }

    @GetMapping("/final-ballot")
    @Operation(
            operationId = "getMyFinalBallot",
            summary = "My ranking of the challenge's finalists (judges of the challenge)")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<FinalBallot>> ownBallot(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return ballots.own(eventId, challengeId, user).map(FinalistController::tagged);
    }

    @PutMapping(path = "/final-ballot", consumes = "application/json")
    @Operation(
            operationId = "castFinalBallot",
            summary =
                    "Rank every finalist of the challenge once, best first (judges of the"
                            + " challenge, while JUDGING is open); replace it with If-Match")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 412, 415},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.PHASE_CLOSED,
                ProblemType.CONFLICT,
                ProblemType.STALE_VERSION
            })
    Mono<ResponseEntity<FinalBallot>> cast(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Parameter(description = "ETag (the ballot's version) being replaced")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody FinalBallot.Cast cast,
            @AuthenticationPrincipal CurrentUser user) {
        return JudgingHttp.ifMatch(
                ifMatch,
                v -> ballots.cast(eventId, challengeId, cast, v, user),
                FinalistController::tagged);
    }

    @GetMapping("/final-ranking")
    @Operation(
            operationId = "getFinalRanking",
            summary =
                    "The finals' result: judges' rankings by Schulze (or Borda), ties in a tier"
                            + " broken by the round 1 score, remaining ties shared (organizers;"
                            + " embargoed)")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.CONFLICT})
    Mono<FinalistRanking> ranking(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Parameter(description = "SCHULZE (default) or BORDA", example = "SCHULZE")
                    @RequestParam(required = false)
                    FinalistRanking.Method method,
            @AuthenticationPrincipal CurrentUser user) {
        return ballots.ranking(eventId, challengeId, method, user);
    }

    private static ResponseEntity<FinalistList> tagged(FinalistList list) {
        return list.confirmed()
                ? JudgingHttp.versioned(list, list.version())
                : ResponseEntity.ok(list);
    }

    private static ResponseEntity<FinalBallot> tagged(FinalBallot ballot) {
        return JudgingHttp.versioned(ballot, ballot.version());
    }
}
