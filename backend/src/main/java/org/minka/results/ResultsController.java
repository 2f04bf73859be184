package org.minka.results;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The embargoed results draft and its publication, for the event's organizers: anyone else gets
 * 403, or 404 when they may not see the event.
 */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/results", produces = "application/json")
@Tag(name = "Results")
class ResultsController {

    private final ResultsDrafts drafts;
    private final ResultsDistinctions distinctions;
    private final ResultsPublication publication;

    ResultsController(
            ResultsDrafts drafts,
            ResultsDistinctions distinctions,
            ResultsPublication publication) {
        this.drafts = drafts;
        this.distinctions = distinctions;
        this.publication = publication;
    }

    @GetMapping("/draft")
    @Operation(
            operationId = "getResultsDraft",
            summary =
                    "The embargoed results draft: ranking, awards, disqualifications (organizers)",
            description =
                    "404 before the first build. status is DRAFT, SCHEDULED (publishAt is later"
                            + " than now) or PUBLISHED.")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResultsViews.Draft> draft(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return drafts.draft(eventId, user);
    }

    @PostMapping(path = "/draft", consumes = "application/json")
    @Operation(
            operationId = "buildResultsDraft",
            summary = "Build or rebuild the results draft from judging and voting (organizers)",
            description =
                    "Reads judging's provisional ranking per challenge (rubric, Schulze finals or"
                            + " pairwise), the valid votes, the datasets each counted submission"
                            + " declared and the catalog, and replaces the built awards: places"
                            + " 1..places per challenge, an optional overall winner, People's"
                            + " Choice (ties share it), the publishers of the datasets the placed"
                            + " submissions used, and the edition's most-used datasets."
                            + " Distinctions and disqualifications stay. Fields left out keep the"
                            + " last build's values. 409 results-published once a publication is"
                            + " set. Audited.")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.RESULTS_PUBLISHED})
    Mono<ResultsViews.Draft> build(
            @PathVariable UUID eventId,
            @Valid @RequestBody(required = false) ResultsSettings settings,
            @AuthenticationPrincipal CurrentUser user) {
        return drafts.build(eventId, settings == null ? ResultsSettings.KEEP : settings, user);
    }

    @PostMapping(path = "/disqualifications", consumes = "application/json")
    @Operation(
            operationId = "disqualifyResultsSubmission",
            summary =
                    "Take a submission out of the ranking, with a reason, and re-rank (organizers)",
            description =
                    "Everyone ranked below it moves up; it wins nothing built. A second call for"
                            + " the same submission changes the reason. 422 unknown-submission when"
                            + " it is not a counted submission of the event. Audited.")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.RESULTS_NOT_BUILT,
                ProblemType.RESULTS_PUBLISHED,
                ProblemType.UNKNOWN_SUBMISSION
            })
    Mono<ResultsViews.Draft> disqualify(
            @PathVariable UUID eventId,
            @Valid @RequestBody ResultsViews.DisqualifyRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return drafts.disqualify(eventId, request, user);
    }

    @DeleteMapping("/disqualifications/{submissionId}")
    @Operation(
            operationId = "requalifyResultsSubmission",
            summary = "Put a disqualified submission back into the ranking (organizers)",
            description = "Re-ranks at once. 404 when it was not disqualified. Audited.")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.RESULTS_NOT_BUILT, ProblemType.RESULTS_PUBLISHED})
    Mono<ResultsViews.Draft> requalify(
            @PathVariable UUID eventId,
            @PathVariable UUID submissionId,
            @AuthenticationPrincipal CurrentUser user) {
        return drafts.requalify(eventId, submissionId, user);
    }

    @PostMapping(path = "/distinctions", consumes = "application/json")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "addResultsDistinction",
            summary = "Give a special distinction to a team or a publisher (organizers)",
            description =
                    "A title and a reason in Spanish and English, to teamId (a team with a"
                            + " counted submission in the event) or publisherId (a publisher of"
                            + " the catalog), exactly one. 422 unknown-award-target otherwise."
                            + " Answers the draft. Audited.")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.RESULTS_NOT_BUILT,
                ProblemType.RESULTS_PUBLISHED,
                ProblemType.UNKNOWN_AWARD_TARGET
            })
    Mono<ResultsViews.Draft> addDistinction(
            @PathVariable UUID eventId,
            @Valid @RequestBody ResultsViews.DistinctionRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return distinctions.add(eventId, request, user);
    }

    @DeleteMapping("/distinctions/{awardId}")
    @Operation(
            operationId = "removeResultsDistinction",
            summary = "Remove a special distinction (organizers)",
            description = "404 when the event has no such distinction. Audited.")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.RESULTS_NOT_BUILT, ProblemType.RESULTS_PUBLISHED})
    Mono<ResultsViews.Draft> removeDistinction(
            @PathVariable UUID eventId,
            @PathVariable UUID awardId,
            @AuthenticationPrincipal CurrentUser user) {
        return distinctions.remove(eventId, awardId, user);
    }

    @PostMapping(path = "/publish")
    @Operation(
            operationId = "publishResults",
            summary = "Publish the results now, or at a set time (organizers)",
            description =
                    "Without a body (or without at) the results are public at once and every"
                            + " member of an awarded team or publisher is notified (once per"
                            + " event). With at, they become public when the clock passes it, on"
                            + " every instance; a job announces them then. 422 publish-time-past"
                            + " for a time before now; 409 results-published when a publication is"
                            + " set already; 409 results-not-built before a build. Audited.")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422},
            types = {
                ProblemType.RESULTS_PUBLISHED,
                ProblemType.RESULTS_NOT_BUILT,
                ProblemType.PUBLISH_TIME_PAST
            })
    Mono<ResultsViews.Draft> publish(
            @PathVariable UUID eventId,
            @Valid @RequestBody(required = false) ResultsViews.PublishRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return publication.publish(eventId, request, user);
    }

    @PostMapping(path = "/unpublish", consumes = "application/json")
    @Operation(
            operationId = "unpublishResults",
            summary = "Take the results down, or cancel a scheduled publication (organizers)",
            description =
                    "With a reason. The draft may change again. A later publication notifies only"
                            + " users not told before. 409 results-not-published when none is set."
                            + " Audited.")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.RESULTS_NOT_PUBLISHED,
                ProblemType.RESULTS_NOT_BUILT
            })
    Mono<ResultsViews.Draft> unpublish(
            @PathVariable UUID eventId,
            @Valid @RequestBody ResultsViews.UnpublishRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return publication.unpublish(eventId, request, user);
    }
}
