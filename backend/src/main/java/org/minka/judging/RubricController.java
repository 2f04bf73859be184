package org.minka.judging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/events/{eventId}", produces = "application/json")
@Tag(name = "Judging")
class RubricController {

    private final RubricService rubrics;

    RubricController(RubricService rubrics) {
        this.rubrics = rubrics;
    }

    @GetMapping("/judging/rubric")
    @Operation(
            operationId = "getEventRubric",
            summary = "Get the event's judging rubric (the default until an organizer sets one)",
            description =
                    "Anyone who may see the event reads it, signed in or not (anonymous callers on a"
                            + " PUBLIC or UNLISTED event), so participants know how they are judged."
                            + " The ETag is the version (0 for the default).")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<RubricView>> eventRubric(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return rubrics.eventRubric(eventId, user).map(RubricController::tagged);
    }

    @PutMapping(path = "/judging/rubric", consumes = "application/json")
    @Operation(
            operationId = "setEventRubric",
            summary = "Set the event's judging rubric (organizer)",
            description =
                    "Criteria with unique keys, integer weights that sum to 100 and integer scales"
                            + " (min below max). 409 rubric-frozen once a score exists against it.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 412, 415},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.RUBRIC_FROZEN})
    Mono<ResponseEntity<RubricView>> setEventRubric(
            @PathVariable UUID eventId,
            @Parameter(description = "ETag of the version being replaced")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody RubricView.Request request,
            @AuthenticationPrincipal CurrentUser user) {
        return JudgingHttp.ifMatch(
                ifMatch,
                v -> rubrics.setEventRubric(eventId, request.rubric(), v, user),
                RubricController::tagged);
    }

    @GetMapping("/challenges/{challengeId}/judging/rubric")
    @Operation(
            operationId = "getChallengeRubric",
            summary = "Get the rubric a challenge is judged on: its override, else the event's",
            description =
                    "Readable by anyone who may see the event, as the event's rubric. The ETag is"
                            + " the version.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<RubricView>> challengeRubric(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return rubrics.challengeRubric(eventId, challengeId, user).map(RubricController::tagged);
    }

    @PutMapping(path = "/challenges/{challengeId}/judging/rubric", consumes = "application/json")
    @Operation(
            operationId = "setChallengeRubric",
            summary = "Override the rubric for one challenge (organizer)",
            description =
                    "409 rubric-frozen once a score exists against the override, or when the"
                            + " challenge's submissions are already scored on the event's rubric.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 412, 415},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.RUBRIC_FROZEN})
    Mono<ResponseEntity<RubricView>> setChallengeRubric(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Parameter(description = "ETag of the version being replaced")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody RubricView.Request request,
            @AuthenticationPrincipal CurrentUser user) {
        return JudgingHttp.ifMatch(
                ifMatch,
                v -> rubrics.setOverride(eventId, challengeId, request.rubric(), v, user),
                RubricController::tagged);
    }

    @DeleteMapping("/challenges/{challengeId}/judging/rubric")
    @Operation(
            operationId = "deleteChallengeRubric",
            summary = "Remove a challenge's rubric override: it is judged on the event's again")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 412},
            types = {ProblemType.RUBRIC_FROZEN})
    Mono<ResponseEntity<Void>> deleteChallengeRubric(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @Parameter(description = "ETag of the override being removed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @AuthenticationPrincipal CurrentUser user) {
        return JudgingHttp.expecting(
                        ifMatch, v -> rubrics.removeOverride(eventId, challengeId, v, user))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private static ResponseEntity<RubricView> tagged(RubricView view) {
        return JudgingHttp.versioned(view, view.version());
    }
}
