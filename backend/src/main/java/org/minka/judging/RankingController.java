package org.minka.judging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Round 1 for organizers: progress, the provisional ranking and its explanation (embargoed). */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/judging", produces = "application/json")
@Tag(name = "Judging")
class RankingController {

    private final RankingService ranking;
    private final JudgingProgress progress;
    private final EventAccess events;
    private final JudgingResults results;

    RankingController(
            RankingService ranking,
            JudgingProgress progress,
            EventAccess events,
            JudgingResults results) {
        this.ranking = ranking;
        this.progress = progress;
        this.events = events;
        this.results = results;
    }

    @GetMapping("/results")
    @Operation(
            operationId = "getProvisionalJudgingResults",
            summary =
                    "Each challenge's provisional ranking: round 1, the finals once judges have"
                            + " ranked them, or pairwise (organizers; embargoed)")
    @ApiErrors({400, 401, 403, 404})
    Mono<java.util.List<JudgingResults.ChallengeResult>> results(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return results.provisional(eventId, user);
    }

    @GetMapping("/progress")
    @Operation(
            operationId = "getJudgingProgress",
            summary =
                    "Round 1 progress per judge and per challenge: assigned, not started, drafted,"
                            + " submitted, overdue (organizers)",
            description =
                    "Overdue: assigned, not submitted, and the due time has passed at the"
                            + " database's now(). The due time is dueAt when given, else the"
                            + " close of the JUDGING window.")
    @ApiErrors({400, 401, 403, 404})
    Mono<JudgingProgress.View> progress(
            @PathVariable UUID eventId,
            @Parameter(
                            description = "An internal deadline to count overdue work against",
                            example = "2026-06-10T17:00:00Z")
                    @RequestParam(required = false)
                    Instant dueAt,
            @AuthenticationPrincipal CurrentUser user) {
        return progress.progress(eventId, dueAt, user);
    }

    @GetMapping("/ranking")
    @Operation(
            operationId = "getJudgingRanking",
            summary =
                    "The provisional round 1 ranking per challenge: per-judge z-scores averaged,"
                            + " ties broken by the first criterion then the earlier submit"
                            + " (organizers; embargoed)")
    @ApiErrors({400, 401, 403, 404})
    Mono<RankingView> ranking(
            @PathVariable UUID eventId,
            @Parameter(description = "Only this challenge") @RequestParam(required = false)
                    UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(ranking.round1(eventId))
                .map(round1 -> RankingView.of(eventId, round1, challengeId));
    }

    @GetMapping("/ranking/{submissionId}/explain")
    @Operation(
            operationId = "explainJudgingRanking",
            summary =
                    "Why a submission ranks where it does: raw and normalised totals per judge,"
                            + " per-criterion means, tie-breaks, excluded judges and why"
                            + " (organizers; embargoed)")
    @ApiErrors({400, 401, 403, 404})
    Mono<Explain> explain(
            @PathVariable UUID eventId,
            @PathVariable UUID submissionId,
            @AuthenticationPrincipal CurrentUser user) {
        return events.requireOrganizer(eventId, user).then(ranking.explain(eventId, submissionId));
    }
}
