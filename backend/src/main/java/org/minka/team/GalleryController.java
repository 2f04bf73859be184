package org.minka.team;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.PageRequest;
import org.minka.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Public team pages, once the event's gallery is public and SUBMISSION has closed. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/gallery/teams", produces = "application/json")
@Tag(name = "gallery")
class GalleryController {

    private final PublicTeams teams;
    private final HttpCaching caching;

    GalleryController(PublicTeams teams, HttpCaching caching) {
        this.teams = teams;
        this.caching = caching;
    }

    @GetMapping
    @Operation(
            operationId = "listPublicTeams",
            summary =
                    "Teams of the public gallery: names, members' display names and challenges (404 until public)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Team.Public>>> list(
            @PathVariable UUID eventId,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> teams.page(eventId, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/{teamId}")
    @Operation(
            operationId = "getPublicTeam",
            summary = "A team's public page (404 until the gallery is public)")
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Team.Public>> get(
            @PathVariable UUID eventId,
            @PathVariable UUID teamId,
            @AuthenticationPrincipal CurrentUser user) {
        return teams.one(eventId, teamId, user).map(caching::ok);
    }
}
