package org.minka.judging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.HttpCaching;
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
    private final HttpCaching caching;

    RubricController(RubricService rubrics, HttpCaching caching) {
        this.rubrics = rubrics;
        this.caching = caching;
    }

    @GetMapping("/judging/rubric")
    @Operation(
            operationId = "getEventRubric",
            summary = "Get the event's judging rubric (the default until an organizer sets one)",
            description =
                    "Any signed-in user who may see the event reads it, so teams know how they are judged."
                            + " The ETag is the version (0 for the default).")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors({400, 401, 404})
    Mono<ResponseEntity<RubricView>> eventRubric(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return rubrics.eventRubric(eventId, user).map(this::tagged);
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
        return Mono.defer(
                        () ->
                                rubrics.setEventRubric(
                                        eventId,
                                        request.rubric(),
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .map(this::tagged);
    }

    @GetMapping("/challenges/{challengeId}/judging/rubric")
    @Operation(
            operationId = "getChallengeRubric",
            summary = "Get the rubric a challenge is judged on: its override, else the event's")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors({400, 401, 404})
    Mono<ResponseEntity<RubricView>> challengeRubric(
            @PathVariable UUID eventId,
            @PathVariable UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return rubrics.challengeRubric(eventId, challengeId, user).map(this::tagged);
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
        return Mono.defer(
                        () ->
                                rubrics.setOverride(
                                        eventId,
                                        challengeId,
                                        request.rubric(),
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .map(this::tagged);
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
        return Mono.defer(
                        () ->
                                rubrics.removeOverride(
                                        eventId,
                                        challengeId,
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private ResponseEntity<RubricView> tagged(RubricView view) {
        return caching.ok(view, HttpCaching.versionTag(view.version(), null));
    }
}
