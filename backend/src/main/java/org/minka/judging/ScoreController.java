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
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A judge's queue and own scores (round 1). */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/judging", produces = "application/json")
@Tag(name = "Judging")
class ScoreController {

    private final ScoreService scores;

    ScoreController(ScoreService scores) {
        this.scores = scores;
    }

    @GetMapping("/queue")
    @Operation(
            operationId = "getJudgeQueue",
            summary = "My assignments in the event, with the state of my score of each (judges)")
    @ApiErrors({400, 401, 403, 404})
    Mono<JudgeQueue> queue(@PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return scores.queue(eventId, user);
    }

    @GetMapping("/scores/{submissionId}")
    @Operation(
            operationId = "getMyScore",
            summary =
                    "My score of an assigned submission, with its rubric; NOT_STARTED before the"
                            + " first save (the assigned judge only; 404 for anyone else)")
    @ApiErrors({400, 401, 404})
    Mono<ResponseEntity<Score>> get(
            @PathVariable UUID eventId,
            @PathVariable UUID submissionId,
            @AuthenticationPrincipal CurrentUser user) {
        return scores.get(eventId, submissionId, user).map(ScoreController::tagged);
    }

    @PutMapping(path = "/scores/{submissionId}", consumes = "application/json")
    @Operation(
            operationId = "saveMyScore",
            summary =
                    "Save my marks as a draft, or edit my submitted score (then complete), while"
                            + " JUDGING is open",
            description =
                    "Values must lie on each criterion's scale; unknown criteria are refused."
                            + " Send If-Match with the score's ETag to edit; a stale one gets 412.")
    @ApiErrors(
            value = {400, 401, 404, 409, 412, 415},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.PHASE_CLOSED,
                ProblemType.STALE_VERSION
            })
    Mono<ResponseEntity<Score>> save(
            @PathVariable UUID eventId,
            @PathVariable UUID submissionId,
            @Parameter(description = "ETag (the score's version) being changed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody Score.Save save,
            @AuthenticationPrincipal CurrentUser user) {
        return JudgingHttp.ifMatch(
                ifMatch,
                v -> scores.save(eventId, submissionId, save, v, user),
                ScoreController::tagged);
    }

    @PostMapping("/scores/{submissionId}/submit")
    @Operation(
            operationId = "submitMyScore",
            summary =
                    "Submit my draft: every criterion needs a value; the weighted total (0..100)"
                            + " is computed. Submitting again changes nothing")
    @ApiErrors(
            value = {400, 401, 404, 409, 412},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.PHASE_CLOSED,
                ProblemType.STALE_VERSION
            })
    Mono<ResponseEntity<Score>> submit(
            @PathVariable UUID eventId,
            @PathVariable UUID submissionId,
            @Parameter(description = "ETag (the score's version) being submitted")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @AuthenticationPrincipal CurrentUser user) {
        return JudgingHttp.ifMatch(
                ifMatch,
                v -> scores.submit(eventId, submissionId, v, user),
                ScoreController::tagged);
    }

    private static ResponseEntity<Score> tagged(Score score) {
        if (score.status() == Score.Status.NOT_STARTED) {
            return ResponseEntity.ok(score);
        }
        return JudgingHttp.versioned(score, score.version());
    }
}
