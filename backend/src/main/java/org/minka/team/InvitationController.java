package org.minka.team;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.security.CurrentUser;
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

/** Invitations from captains and requests to join, on both sides. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}", produces = "application/json")
@Tag(name = "invitations")
class InvitationController {

    private final InvitationService invitations;
    private final JoinRequests requests;

    InvitationController(InvitationService invitations, JoinRequests requests) {
        this.invitations = invitations;
        this.requests = requests;
    }

    @PostMapping(path = "/teams/{teamId}/invitations", consumes = "application/json")
    @Operation(
            operationId = "inviteToTeam",
            summary =
                    "Invite a user or an email address to the team (captain, while REGISTRATION is open); it expires")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 404, 409, 415, 422})
    Mono<ResponseEntity<Invitation>> invite(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @Valid @RequestBody Invitation.Create request,
            @AuthenticationPrincipal CurrentUser user) {
        return invitations
                .invite(eventId, teamId, request, user)
                .map(
                        i ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/teams/"
                                                                + teamId
                                                                + "/invitations/"
                                                                + i.id()))
                                        .body(i));
    }

    @GetMapping("/teams/{teamId}/invitations")
    @Operation(
            operationId = "listTeamInvitations",
            summary = "The team's invitations (its members and organizers)")
    @ApiErrors({400, 401, 404})
    Mono<List<Invitation>> teamInvitations(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @AuthenticationPrincipal CurrentUser user) {
        return invitations.teamInvitations(eventId, teamId, user);
    }

    @DeleteMapping("/teams/{teamId}/invitations/{invitationId}")
    @Operation(
            operationId = "revokeTeamInvitation",
            summary = "Withdraw a pending invitation (captain)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404, 409})
    Mono<ResponseEntity<Void>> revoke(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @PathVariable UUID invitationId,
            @AuthenticationPrincipal CurrentUser user) {
        return invitations
                .revoke(eventId, teamId, invitationId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/invitations")
    @Operation(
            operationId = "listMyInvitations",
            summary = "Invitations addressed to me in this event, by user or verified email")
    @ApiErrors({400, 401, 404})
    Mono<List<Invitation>> mine(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return invitations.mine(eventId, user);
    }

    @PostMapping("/invitations/{invitationId}/accept")
    @Operation(
            operationId = "acceptTeamInvitation",
            summary = "Accept an invitation and join the team (while REGISTRATION is open)")
    @ApiErrors({400, 401, 404, 409})
    Mono<Team> accept(
            @PathVariable UUID eventId,
            @PathVariable UUID invitationId,
            @AuthenticationPrincipal CurrentUser user) {
        return invitations.accept(eventId, invitationId, user);
    }

    @PostMapping("/invitations/{invitationId}/decline")
    @Operation(operationId = "declineTeamInvitation", summary = "Decline an invitation")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 404, 409})
    Mono<ResponseEntity<Void>> decline(
            @PathVariable UUID eventId,
            @PathVariable UUID invitationId,
            @AuthenticationPrincipal CurrentUser user) {
        return invitations
                .decline(eventId, invitationId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/teams/{teamId}/join-requests")
    @Operation(
            operationId = "requestToJoinTeam",
            summary = "Ask to join a team (a registered citizen, while REGISTRATION is open)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 404, 409, 415})
    Mono<ResponseEntity<Invitation.Request>> ask(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @Valid @RequestBody(required = false) Invitation.Ask request,
            @AuthenticationPrincipal CurrentUser user) {
        return requests.ask(eventId, teamId, request, user)
                .map(
                        r ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/join-requests/"
                                                                + r.id()))
                                        .body(r));
    }

    @GetMapping("/teams/{teamId}/join-requests")
    @Operation(
            operationId = "listTeamJoinRequests",
            summary = "Requests to join the team (its members and organizers)")
    @ApiErrors({400, 401, 404})
    Mono<List<Invitation.Request>> teamRequests(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @AuthenticationPrincipal CurrentUser user) {
        return requests.teamRequests(eventId, teamId, user);
    }

    @PostMapping("/teams/{teamId}/join-requests/{requestId}/approve")
    @Operation(
            operationId = "approveJoinRequest",
            summary =
                    "Approve a request and seat the requester (captain, while REGISTRATION is open)")
    @ApiErrors({400, 401, 403, 404, 409})
    Mono<Team> approve(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @PathVariable UUID requestId,
            @AuthenticationPrincipal CurrentUser user) {
        return requests.approve(eventId, teamId, requestId, user);
    }

    @PostMapping("/teams/{teamId}/join-requests/{requestId}/decline")
    @Operation(operationId = "declineJoinRequest", summary = "Decline a request to join (captain)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404, 409})
    Mono<ResponseEntity<Void>> declineRequest(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @PathVariable UUID requestId,
            @AuthenticationPrincipal CurrentUser user) {
        return requests.declineRequest(eventId, teamId, requestId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/join-requests")
    @Operation(
            operationId = "listMyJoinRequests",
            summary = "My requests to join teams of this event")
    @ApiErrors({400, 401, 404})
    Mono<List<Invitation.Request>> myRequests(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return requests.myRequests(eventId, user);
    }

    @DeleteMapping("/join-requests/{requestId}")
    @Operation(operationId = "cancelJoinRequest", summary = "Withdraw my pending request to join")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 404, 409})
    Mono<ResponseEntity<Void>> cancel(
            @PathVariable UUID eventId,
            @PathVariable UUID requestId,
            @AuthenticationPrincipal CurrentUser user) {
        return requests.cancel(eventId, requestId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }
}
