package org.minka.event;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
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
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(
        path = "/api/v1/events/{eventId}/challenge-proposals",
        produces = "application/json")
@Tag(name = "challenges")
class ChallengeProposalController {

    private final ChallengeProposalService proposals;

    ChallengeProposalController(ChallengeProposalService proposals) {
        this.proposals = proposals;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "proposeChallenge",
            summary =
                    "Propose a challenge built on the publisher's linked datasets (member of the"
                            + " publisher)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors(
            value = {400, 401, 403, 404, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.UNKNOWN_PUBLISHER,
                ProblemType.DATASET_NOT_OF_PUBLISHER
            })
    Mono<ResponseEntity<ChallengeProposal>> propose(
            @PathVariable UUID eventId,
            @Valid @RequestBody ChallengeProposal.Propose request,
            @AuthenticationPrincipal CurrentUser user) {
        return proposals
                .propose(eventId, request, user)
                .map(
                        p ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/challenge-proposals/"
                                                                + p.id()))
                                        .body(p));
    }

    @GetMapping
    @Operation(
            operationId = "listChallengeProposals",
            summary = "List the event's challenge proposals, oldest first (organizer)")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<CursorPage<ChallengeProposal>>> list(
            @PathVariable UUID eventId,
            @Parameter(description = "Only proposals with this status")
                    @RequestParam(required = false)
                    ChallengeProposal.Status status,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> proposals.list(eventId, status, page, user))
                .map(ResponseEntity::ok);
    }

    @GetMapping("/{proposalId}")
    @Operation(
            operationId = "getChallengeProposal",
            summary = "Read a challenge proposal (organizer, or member of its publisher)")
    @ApiErrors({400, 401, 404})
    Mono<ResponseEntity<ChallengeProposal>> get(
            @PathVariable UUID eventId,
            @PathVariable UUID proposalId,
            @AuthenticationPrincipal CurrentUser user) {
        return proposals.get(eventId, proposalId, user).map(ResponseEntity::ok);
    }

    @PostMapping("/{proposalId}/accept")
    @Operation(
            operationId = "acceptChallengeProposal",
            summary =
                    "Accept a pending proposal: create the challenge with its datasets linked"
                            + " (organizer)")
    @ApiErrors(
            value = {400, 401, 403, 404, 409},
            types = {ProblemType.NO_LONGER_PENDING})
    Mono<ResponseEntity<ChallengeProposal>> accept(
            @PathVariable UUID eventId,
            @PathVariable UUID proposalId,
            @AuthenticationPrincipal CurrentUser user) {
        return proposals.accept(eventId, proposalId, user).map(ResponseEntity::ok);
    }

    @PostMapping(path = "/{proposalId}/decline", consumes = "application/json")
    @Operation(
            operationId = "declineChallengeProposal",
            summary = "Decline a pending proposal, optionally saying why (organizer)")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415},
            types = {ProblemType.NO_LONGER_PENDING})
    Mono<ResponseEntity<ChallengeProposal>> decline(
            @PathVariable UUID eventId,
            @PathVariable UUID proposalId,
            @Valid @RequestBody ChallengeProposal.Decline request,
            @AuthenticationPrincipal CurrentUser user) {
        return proposals
                .decline(eventId, proposalId, request.reason(), user)
                .map(ResponseEntity::ok);
    }
}
