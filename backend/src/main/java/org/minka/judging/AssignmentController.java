package org.minka.judging;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/judging", produces = "application/json")
@Tag(name = "Judging")
class AssignmentController {

    private final AssignmentService assignments;
    private final AssignmentEdits edits;

    AssignmentController(AssignmentService assignments, AssignmentEdits edits) {
        this.assignments = assignments;
        this.edits = edits;
    }

    @PostMapping(path = "/assignment-runs", consumes = "application/json")
    @Operation(
            operationId = "runJudgingAssignment",
            summary = "Assign judges to every counted version (organizer)",
            description =
                    "Each team's counted version gets judgesPerSubmission judges scoped to its"
                            + " challenge (or to the whole event), never a conflicted one. Loads are"
                            + " balanced within each pool (judges whose scopes share a challenge with"
                            + " work, closed under that): a pool's highest load is as low as any"
                            + " assignment allows and its lowest as high, and the answer shows each"
                            + " pool's spread. Deterministic for a seed. A re-run"
                            + " keeps scored assignments and replans the rest. When a submission"
                            + " cannot get enough conflict-free judges, 422 judges-short lists each"
                            + " one and why, and nothing is assigned.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.JUDGES_SHORT})
    Mono<AssignmentView.Run> run(
            @PathVariable UUID eventId,
            @Valid @RequestBody AssignmentView.RunRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return assignments.run(eventId, request.seed(), user);
    }

    @GetMapping("/assignments")
    @Operation(
            operationId = "listJudgingAssignments",
            summary =
                    "Every counted version with its judges, each judge's load and each pool's"
                            + " spread (organizer)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors({400, 401, 403, 404})
    Mono<AssignmentView> list(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return assignments.assignments(eventId, user);
    }

    @PostMapping(path = "/assignments", consumes = "application/json")
    @Operation(
            operationId = "addJudgingAssignment",
            summary = "Assign one judge to one counted version (organizer)")
    @ApiResponse(responseCode = "201", description = "Created: the submission with its judges")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.ASSIGNMENT_EXISTS,
                ProblemType.JUDGE_CONFLICTED,
                ProblemType.NOT_A_JUDGE,
                ProblemType.NOT_ELIGIBLE
            })
    Mono<ResponseEntity<AssignmentView.Item>> add(
            @PathVariable UUID eventId,
            @Valid @RequestBody AssignmentView.AddRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return edits.add(eventId, request.submissionId(), request.judgeId(), user)
                .map(item -> ResponseEntity.status(HttpStatus.CREATED).body(item));
    }

    @DeleteMapping("/assignments/{submissionId}/judges/{judgeId}")
    @Operation(
            operationId = "removeJudgingAssignment",
            summary = "Remove one unscored assignment (organizer)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.ASSIGNMENT_SCORED})
    Mono<ResponseEntity<Void>> remove(
            @PathVariable UUID eventId,
            @PathVariable UUID submissionId,
            @PathVariable UUID judgeId,
            @AuthenticationPrincipal CurrentUser user) {
        return edits.remove(eventId, submissionId, judgeId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/judges/{judgeId}/reassignment", consumes = "application/json")
    @Operation(
            operationId = "reassignJudgeWork",
            summary = "Give a judge's unscored work to other judges (organizer)",
            description =
                    "For a judge who withdraws or declares a conflict late: their unscored"
                            + " assignments go to other conflict-free judges of each challenge;"
                            + " scores already given stay. 422 judges-short, changing nothing, when"
                            + " a submission would fall short.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiErrors(
            value = {400, 401, 403, 404, 415, 422},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.JUDGES_SHORT})
    Mono<AssignmentView.Reassignment> reassign(
            @PathVariable UUID eventId,
            @PathVariable UUID judgeId,
            @Valid @RequestBody AssignmentView.ReassignRequest request,
            @AuthenticationPrincipal CurrentUser user) {
        return edits.reassign(eventId, judgeId, request.reason().strip(), user);
    }
}
