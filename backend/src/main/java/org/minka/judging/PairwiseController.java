package org.minka.judging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Pairwise judging of one challenge (events whose judging mode is PAIRWISE). */
@RestController
@RequestMapping(
        path = "/api/v1/events/{eventId}/challenges/{challengeId}/judging/pairwise",
        produces = "application/json")
@Tag(name = "Judging")
class PairwiseController {

    private final PairwiseTurns turns;
    private final PairwiseStandings standings;

    PairwiseController(PairwiseTurns turns, PairwiseStandings standings) {
        this.turns = turns;
        this.standings = standings;
    }

    @PostMapping("/next")
    @Operation(
            operationId = "nextPairwiseItem",
            summary =
                    "The caller's turn: the pair waiting for a decision, else the next item (judge)",
            description =
                    "The first call hands a first item; the next call makes it the previous one"
                            + " and hands another, to compare with it. After each decision the"
                            + " next call hands the next item, chosen by expected information"
                            + " gain with epsilon-greedy exploration, preferring items few judges"
                            + " have seen. A handed item is leased to the caller for a few"
                            + " minutes: no other judge is handed it meanwhile. Items the caller"
                            + " has a conflict with are never handed. Only while JUDGING is"
                            + " open.")
    @ApiResponse(responseCode = "200", description = "The turn; current is absent when done")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.PAIRWISE_OFF, ProblemType.PHASE_CLOSED})
    Mono<PairwiseApi.Turn> next(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return turns.next(eventId, challengeId, user);
    }

    @PostMapping(path = "/decisions", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "decidePairwise",
            summary = "Say which of the pair handed is better, or skip the current item (judge)",
            description =
                    "Only the pair last handed to the caller may be decided (409 otherwise)."
                            + " Decisions are stored and never changed; the ranking can be"
                            + " recomputed from them.")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {
                ProblemType.PAIRWISE_NOT_HANDED,
                ProblemType.PAIRWISE_OFF,
                ProblemType.PHASE_CLOSED
            })
    Mono<PairwiseApi.Decision> decide(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Valid @RequestBody PairwiseApi.DecisionRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return turns.decide(eventId, challengeId, request, user);
    }

    @GetMapping("/ranking")
    @Operation(
            operationId = "getPairwiseRanking",
            summary = "The challenge's pairwise ranking, best first (organizer)",
            description =
                    "Items by mean score (mu) descending, then by variance. With"
                            + " source=DECISIONS the scores are recomputed from every stored"
                            + " decision instead of read as stored; both agree.")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.PAIRWISE_OFF})
    Mono<PairwiseApi.Ranking> ranking(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Parameter(description = "LIVE (default) or DECISIONS", example = "LIVE")
                    @RequestParam(required = false, defaultValue = "LIVE")
                    String source,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.fromSupplier(() -> recompute(source))
                .flatMap(recompute -> standings.ranking(eventId, challengeId, recompute, user));
    }

    private static boolean recompute(String source) {
        if (!PairwiseStandings.LIVE.equals(source) && !PairwiseStandings.DECISIONS.equals(source)) {
            throw org.minka.common.MinkaException.invalid("source", "must be LIVE or DECISIONS");
        }
        return PairwiseStandings.DECISIONS.equals(source);
    }

    @GetMapping("/judges")
    @Operation(
            operationId = "listPairwiseJudges",
            summary = "Each judge's reliability (alpha, beta) in the challenge (organizer)")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.PAIRWISE_OFF})
    Mono<PairwiseApi.Judges> judges(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return standings.judges(eventId, challengeId, user);
    }
}
