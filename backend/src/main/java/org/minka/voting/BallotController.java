package org.minka.voting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.ClientAddresses;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A voter's ballots in an event's VOTING phase: cast, list, retract. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/voting/ballots", produces = "application/json")
@Tag(name = "Voting")
class BallotController {

    private final BallotService ballots;
    private final ClientAddresses clients;

    BallotController(BallotService ballots, ClientAddresses clients) {
        this.ballots = ballots;
        this.clients = clients;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "castBallot",
            summary = "Vote for a submission's counted version while VOTING is open",
            description =
                    "One ballot per voter and submission, within the event's cap of votes per voter"
                            + " (per challenge or per event). The cap, the one-ballot rule and the VOTING"
                            + " window are held by one SQL statement, so concurrent casts never exceed them."
                            + " Send an Idempotency-Key: a retried cast never counts twice. Casts are"
                            + " limited per voter and per client address (429 with Retry-After). Who may"
                            + " vote: a verified email (setting), an email domain that is not disposable or"
                            + " blocked, an account old enough (setting), and not for one's own team"
                            + " (setting); each refusal has its own problem type.")
    @ApiResponse(responseCode = "201", description = "Cast")
    @ApiErrors(
            value = {400, 401, 403, 404, 409, 415, 422, 429},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.VOTER_EMAIL_UNVERIFIED,
                ProblemType.VOTER_EMAIL_BLOCKED,
                ProblemType.VOTER_ACCOUNT_TOO_NEW,
                ProblemType.OWN_TEAM_VOTE,
                ProblemType.PHASE_CLOSED,
                ProblemType.VOTE_CAP_REACHED,
                ProblemType.ALREADY_VOTED,
                ProblemType.UNKNOWN_SUBMISSION,
                ProblemType.SUBMISSION_NOT_SUBMITTED,
                ProblemType.NOT_A_FINALIST,
                ProblemType.RATE_LIMITED
            })
    Mono<ResponseEntity<Ballot>> cast(
            @PathVariable UUID eventId,
            @Valid @RequestBody Ballot.Cast body,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return ballots.cast(eventId, body.submissionId(), user, client(exchange))
                .map(b -> ResponseEntity.created(location(b)).body(b));
    }

    @GetMapping("/mine")
    @Operation(
            operationId = "listMyBallots",
            summary = "My live ballots in the event, oldest first")
    @ApiErrors({400, 401, 404})
    Mono<List<Ballot>> mine(@PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return ballots.mine(eventId, user);
    }

    @DeleteMapping("/{ballotId}")
    @Operation(
            operationId = "retractBallot",
            summary = "Retract one of my ballots while VOTING is open (it frees one vote)",
            description =
                    "The ballot is kept as a retracted row (evidence for fraud review) and no longer"
                            + " counts. Another voter's ballot is a 404.")
    @ApiResponse(responseCode = "204", description = "Retracted")
    @ApiErrors(
            value = {400, 401, 404, 409, 429},
            types = {
                ProblemType.PHASE_CLOSED,
                ProblemType.BALLOT_RETRACTED,
                ProblemType.RATE_LIMITED
            })
    Mono<ResponseEntity<Void>> retract(
            @PathVariable UUID eventId,
            @PathVariable UUID ballotId,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return ballots.retract(eventId, ballotId, user, client(exchange))
                .thenReturn(ResponseEntity.noContent().build());
    }

    private BallotService.Client client(ServerWebExchange exchange) {
        return new BallotService.Client(
                clients.of(exchange.getRequest()),
                exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT));
    }

    private static URI location(Ballot b) {
        return URI.create("/api/v1/events/" + b.eventId() + "/voting/ballots/" + b.id());
    }
}
