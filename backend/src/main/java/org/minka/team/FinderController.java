package org.minka.team;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
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

/** The team finder: people and teams marked "looking". */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/finder", produces = "application/json")
@Tag(name = "team finder")
class FinderController {

    private final TeamFinder finder;
    private final HttpCaching caching;

    FinderController(TeamFinder finder, HttpCaching caching) {
        this.finder = finder;
        this.caching = caching;
    }

    @GetMapping("/people")
    @Operation(
            operationId = "findPeople",
            summary =
                    "Citizens looking for a team, showing only what they chose to show (registered citizens and organizers)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<CursorPage<Finder.Person>>> people(
            @PathVariable UUID eventId,
            @Parameter(description = "A skill they show, case-insensitive")
                    @RequestParam(required = false)
                    @Size(max = 40)
                    String skill,
            @Parameter(description = "A region they show")
                    @RequestParam(required = false)
                    @Size(max = 80)
                    String region,
            @Parameter(description = "A challenge they are interested in")
                    @RequestParam(required = false)
                    UUID challenge,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(
                        page ->
                                finder.people(
                                        eventId, filter(skill, region, challenge), page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/teams")
    @Operation(
            operationId = "findTeams",
            summary =
                    "Teams looking for members with seats left (registered citizens and organizers)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<CursorPage<Finder.Team>>> teams(
            @PathVariable UUID eventId,
            @Parameter(description = "A skill the team wants, case-insensitive")
                    @RequestParam(required = false)
                    @Size(max = 40)
                    String skill,
            @Parameter(description = "The team's region")
                    @RequestParam(required = false)
                    @Size(max = 80)
                    String region,
            @Parameter(description = "A challenge the team entered") @RequestParam(required = false)
                    UUID challenge,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(
                        page -> finder.teams(eventId, filter(skill, region, challenge), page, user))
                .map(page -> caching.page(page, exchange));
    }

    private static Finder.Filter filter(String skill, String region, UUID challenge) {
        return new Finder.Filter(blankToNull(skill), blankToNull(region), challenge);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
