package org.minka.team;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The caller's own teams, for a SPA's "my teams" views. */
@RestController
@Tag(name = "teams")
class MyTeamsController {

    private final MyTeams teams;
    private final HttpCaching caching;

    MyTeamsController(MyTeams teams, HttpCaching caching) {
        this.teams = teams;
        this.caching = caching;
    }

    @GetMapping(path = "/api/v1/events/{eventId}/teams/mine", produces = "application/json")
    @Operation(
            operationId = "listMyTeamsInEvent",
            summary = "My teams in this event, with members, emails and join codes")
    @ApiErrors({400, 401, 404})
    Mono<ResponseEntity<CursorPage<Team>>> inEvent(
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
                .flatMap(page -> teams.inEvent(eventId, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping(path = "/api/v1/me/teams", produces = "application/json")
    @Operation(
            operationId = "listMyTeams",
            summary = "My teams in every event, with members, emails and join codes")
    @ApiErrors({400, 401})
    Mono<ResponseEntity<CursorPage<Team>>> everywhere(
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> teams.everywhere(page, user))
                .map(page -> caching.page(page, exchange));
    }
}
