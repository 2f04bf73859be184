package org.minka.event;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "me")
class MeController {

    private final MembershipService memberships;

    MeController(MembershipService memberships) {
        this.memberships = memberships;
    }

    /** The signed-in user and their event roles. */
    @Schema(name = "Me")
    record Me(
            UUID id,
            @Schema(nullable = true) String name,
            @Schema(nullable = true) String email,
            boolean emailVerified,
            @Schema(description = "Global admin (from the token's roles claim)") boolean admin,
            List<Membership> memberships) {}

    @GetMapping(path = "/api/v1/me", produces = "application/json")
    @Operation(
            operationId = "getMe",
            summary = "Who am I: the user upserted from the token, with event roles")
    @ApiErrors({401})
    Mono<Me> me(@AuthenticationPrincipal CurrentUser user) {
        return memberships
                .mine(user)
                .collectList()
                .map(
                        list ->
                                new Me(
                                        user.id(),
                                        user.name(),
                                        user.email(),
                                        user.emailVerified(),
                                        user.admin(),
                                        list));
    }
}
