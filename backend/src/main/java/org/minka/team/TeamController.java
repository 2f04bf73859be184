package org.minka.team;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.HttpCaching;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/teams", produces = "application/json")
@Tag(name = "teams")
class TeamController {

    private final TeamMembership teams;
    private final ChallengeEntries entries;
    private final OrganizerMoves moves;

    TeamController(TeamMembership teams, ChallengeEntries entries, OrganizerMoves moves) {
        this.teams = teams;
        this.entries = entries;
        this.moves = moves;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "createTeam",
            summary = "Create a team; the registered creator becomes its captain")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 404, 409, 415})
    Mono<ResponseEntity<Team>> create(
            @PathVariable UUID eventId,
            @Valid @RequestBody Team.Create request,
            @AuthenticationPrincipal CurrentUser user) {
        return teams.create(eventId, request, user)
                .map(
                        t ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/teams/"
                                                                + t.id()))
                                        .body(t));
    }

    @PostMapping(path = "/join", consumes = "application/json")
    @Operation(
            operationId = "joinTeam",
            summary =
                    "Join a team with its join code; the team size cap holds under concurrent joins")
    @ApiErrors({400, 401, 404, 409, 415})
    Mono<Team> join(
            @PathVariable UUID eventId,
            @Valid @RequestBody Team.Join request,
            @AuthenticationPrincipal CurrentUser user) {
        return teams.join(eventId, request.joinCode(), user);
    }

    @GetMapping("/{teamId}")
    @Operation(
            operationId = "getTeam",
            summary = "Read a team (its members and organizers of the event)")
    @ApiErrors({400, 401, 404})
    Mono<Team> get(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @AuthenticationPrincipal CurrentUser user) {
        return teams.get(eventId, teamId, user);
    }

    @PatchMapping(path = "/{teamId}", consumes = "application/json")
    @Operation(
            operationId = "updateTeam",
            summary =
                    "Change the team's name, description, looking flag, skills wanted or region (captain)")
    @ApiErrors({400, 401, 403, 404, 409, 412, 415})
    Mono<ResponseEntity<Team>> update(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @Parameter(description = "ETag (the team's version) being changed")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody Team.Update request,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.defer(
                        () ->
                                teams.update(
                                        eventId,
                                        teamId,
                                        request,
                                        HttpCaching.expectedVersion(ifMatch),
                                        user))
                .map(
                        team ->
                                ResponseEntity.ok()
                                        .eTag(HttpCaching.versionTag(team.version(), null))
                                        .body(team));
    }

    @PostMapping(path = "/{teamId}/members", consumes = "application/json")
    @Operation(
            operationId = "addTeamMember",
            summary =
                    "Seat a registered citizen in the team at any phase (organizer, audited); caps still hold")
    @ApiErrors({400, 401, 403, 404, 409, 415})
    Mono<Team> add(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @Valid @RequestBody Team.Add request,
            @AuthenticationPrincipal CurrentUser user) {
        return moves.add(eventId, teamId, request.userId(), user);
    }

    @PostMapping(path = "/{teamId}/members/{userId}/move", consumes = "application/json")
    @Operation(
            operationId = "moveTeamMember",
            summary = "Move a member to another team of the event (organizer, audited)")
    @ApiErrors({400, 401, 403, 404, 409, 415, 422})
    Mono<Team> move(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @PathVariable UUID userId,
            @Valid @RequestBody Team.Move request,
            @AuthenticationPrincipal CurrentUser user) {
        return moves.move(eventId, teamId, userId, request.toTeamId(), user);
    }

    @PostMapping("/{teamId}/leave")
    @Operation(
            operationId = "leaveTeam",
            summary = "Leave a team; a captain transfers first, and the last member dissolves it")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 404, 409})
    Mono<ResponseEntity<Void>> leave(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @AuthenticationPrincipal CurrentUser user) {
        return teams.leave(eventId, teamId, user).thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping("/{teamId}/join-code")
    @Operation(operationId = "rotateJoinCode", summary = "Replace the team's join code (captain)")
    @ApiErrors({400, 401, 403, 404})
    Mono<Team.Code> rotate(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @AuthenticationPrincipal CurrentUser user) {
        return teams.rotateCode(eventId, teamId, user);
    }

    @PostMapping(path = "/{teamId}/captain", consumes = "application/json")
    @Operation(
            operationId = "transferCaptaincy",
            summary = "Hand captaincy to another member (captain)")
    @ApiErrors({400, 401, 403, 404, 409, 415, 422})
    Mono<Team> transfer(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @Valid @RequestBody Team.Transfer request,
            @AuthenticationPrincipal CurrentUser user) {
        return teams.transferCaptaincy(eventId, teamId, request.userId(), user);
    }

    @DeleteMapping("/{teamId}/members/{userId}")
    @Operation(
            operationId = "removeTeamMember",
            summary =
                    "Remove a member: the captain while REGISTRATION is open, an organizer at any time (audited)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404, 409, 422})
    Mono<ResponseEntity<Void>> remove(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @PathVariable UUID userId,
            @AuthenticationPrincipal CurrentUser user) {
        return teams.removeMember(eventId, teamId, userId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/{teamId}/challenges", consumes = "application/json")
    @Operation(
            operationId = "enterChallenge",
            summary =
                    "Enter a challenge (captain, until SUBMISSION closes); caps hold under concurrency")
    @ApiErrors({400, 401, 403, 404, 409, 415, 422})
    Mono<Team> enter(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @Valid @RequestBody Team.Entry request,
            @AuthenticationPrincipal CurrentUser user) {
        return entries.enter(eventId, teamId, request.challengeId(), user);
    }

    @DeleteMapping("/{teamId}/challenges/{challengeId}")
    @Operation(
            operationId = "withdrawFromChallenge",
            summary = "Withdraw from a challenge until SUBMISSION closes (captain)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404, 409})
    Mono<ResponseEntity<Void>> withdraw(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @PathVariable UUID challengeId,
            @AuthenticationPrincipal CurrentUser user) {
        return entries.withdraw(eventId, teamId, challengeId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }
}
