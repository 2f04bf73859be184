package org.minka.team;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.PageRequest;
import org.minka.security.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Organizer lists, searches, CSV exports and counts over an event's registrations and teams. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}")
@Tag(name = "organizer reports")
class OrganizerController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final TeamReports reports;
    private final HttpCaching caching;

    OrganizerController(TeamReports reports, HttpCaching caching) {
        this.reports = reports;
        this.caching = caching;
    }

    @GetMapping(path = "/teams", produces = "application/json")
    @Operation(
            operationId = "listTeams",
            summary = "List and search the event's teams, with members and emails (organizer)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<CursorPage<Team>>> teams(
            @PathVariable UUID eventId,
            @Parameter(description = "Text in the team name or a member's name or email")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    String q,
            @Parameter(description = "Only teams that entered this challenge")
                    @RequestParam(required = false)
                    UUID challenge,
            @Parameter(
                            description =
                                    "Only teams flagged below (true) or not below (false) the minimum size")
                    @RequestParam(required = false)
                    Boolean belowMinimum,
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
                                reports.teams(
                                        eventId,
                                        new Report.TeamQuery(
                                                blankToNull(q), challenge, belowMinimum),
                                        page,
                                        user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping(path = "/registrations", produces = "application/json")
    @Operation(
            operationId = "listRegistrations",
            summary = "List and search the event's registrations (organizer)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<CursorPage<Report.Registrant>>> registrations(
            @PathVariable UUID eventId,
            @Parameter(description = "Text in the person's name or email")
                    @RequestParam(required = false)
                    @Size(max = 100)
                    String q,
            @Parameter(description = "Only this region")
                    @RequestParam(required = false)
                    @Size(max = 80)
                    String region,
            @Parameter(description = "Only people in a team (true) or without one (false)")
                    @RequestParam(required = false)
                    Boolean inTeam,
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
                                reports.registrants(
                                        eventId,
                                        new Report.RegistrationQuery(
                                                blankToNull(q), blankToNull(region), inTeam),
                                        page,
                                        user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping(path = "/teams/export", produces = "text/csv")
    @Operation(
            operationId = "exportTeams",
            summary = "All teams as CSV, with members and challenges (organizer)")
    @ApiResponse(
            responseCode = "200",
            description = "UTF-8 CSV with a header row",
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = "string"),
                            examples =
                                    @io.swagger.v3.oas.annotations.media.ExampleObject(
                                            value =
                                                    "team_id,name,region,members,max_size,below_minimum,member_list,challenges,created_at\\r\\n")))
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Flux<String>>> exportTeams(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return reports.teamsCsv(eventId, user).map(body -> csv("teams-" + eventId, body));
    }

    @GetMapping(path = "/registrations/export", produces = "text/csv")
    @Operation(
            operationId = "exportRegistrations",
            summary = "All registrations as CSV, with profile answers and teams (organizer)")
    @ApiResponse(
            responseCode = "200",
            description = "UTF-8 CSV with a header row",
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = "string"),
                            examples =
                                    @io.swagger.v3.oas.annotations.media.ExampleObject(
                                            value =
                                                    "user_id,name,email,region,age_bracket,skills,terms_version,consented_at,looking_for_team,teams,withdrawn_at,registered_at\\r\\n")))
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Flux<String>>> exportRegistrations(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return reports.registrationsCsv(eventId, user)
                .map(body -> csv("registrations-" + eventId, body));
    }

    @GetMapping(path = "/team-stats", produces = "application/json")
    @Operation(
            operationId = "getTeamStats",
            summary = "Counts of registrations and teams, per challenge and per region (organizer)")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Report.Stats>> stats(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return reports.stats(eventId, user).map(caching::ok);
    }

    private static ResponseEntity<Flux<String>> csv(String name, Flux<String> body) {
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name + ".csv").build().toString())
                .body(body);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
