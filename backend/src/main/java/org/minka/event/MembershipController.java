package org.minka.event;

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

@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/memberships", produces = "application/json")
@Tag(name = "memberships")
class MembershipController {

    private final MembershipService memberships;

    MembershipController(MembershipService memberships) {
        this.memberships = memberships;
    }

    @GetMapping
    @Operation(
            operationId = "listMemberships",
            summary = "List organizers, mentors and judges, with pending invitations (organizer)")
    @ApiErrors({400, 401, 403, 404})
    Mono<List<Membership>> list(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return memberships.list(eventId, user).collectList();
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "inviteMember",
            summary = "Invite an organizer, mentor or judge by user id or email (organizer)",
            description =
                    "An email invitation stays PENDING until that address signs in with email_verified.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 404, 409, 415, 422})
    Mono<ResponseEntity<Membership>> invite(
            @PathVariable UUID eventId,
            @Valid @RequestBody MembershipService.Invite request,
            @AuthenticationPrincipal CurrentUser user) {
        return memberships
                .invite(eventId, request, user)
                .map(
                        m ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/memberships/"
                                                                + m.id()))
                                        .body(m));
    }

    @DeleteMapping("/{membershipId}")
    @Operation(
            operationId = "revokeMembership",
            summary = "Revoke a membership; the last organizer stays (organizer)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404, 409})
    Mono<ResponseEntity<Void>> revoke(
            @PathVariable UUID eventId,
            @PathVariable UUID membershipId,
            @AuthenticationPrincipal CurrentUser user) {
        return memberships
                .revoke(eventId, membershipId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }
}
