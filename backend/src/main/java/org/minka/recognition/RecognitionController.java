package org.minka.recognition;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.minka.catalog.Publisher;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.PageRequest;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/recognition/campaigns", produces = "application/json")
@Tag(name = "recognition")
class RecognitionController {

    static final String SCORE =
            "The entity score (0 to 100) is the weighted mean of its parts, each 0 to 100:"
                    + " NEW_DATASETS = 100 x datasets issued in [opensAt, closesAt) / the most any"
                    + " entity of the ranking issued; QUALITY = 100 x mean MQA points / 405, where"
                    + " datasets issued or updated in the window weigh 1 and the others 0.5;"
                    + " FRESHNESS = 100 x share of the entity's datasets updated at most 1.5"
                    + " declared periods (accrualPeriodicity, whole days) before the ranking's"
                    + " moment (no period or no date: not fresh); USE = 100 x (challenges naming"
                    + " its datasets + submissions whose latest submitted version declares them) /"
                    + " the most of any entity; OFFICIALS_TRAINED = 100 x members who completed a"
                    + " course in the window / the most of any entity; RESPONSIVENESS = 50 x"
                    + " answered / reports + 50 x fixed / reports (100 with no reports). Optional"
                    + " parts without a source on the server are not counted and their weight is"
                    + " left out of the mean. Scores are rounded half up to two decimals; equal"
                    + " scores tie (ranks 1, 2, 2, 4). See docs/recognition.md.";

    private final CampaignService campaigns;
    private final RecognitionRankingService rankings;
    private final HttpCaching caching;

    RecognitionController(
            CampaignService campaigns, RecognitionRankingService rankings, HttpCaching caching) {
        this.campaigns = campaigns;
        this.rankings = rankings;
        this.caching = caching;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "createRecognitionCampaign",
            summary = "Create a recognition campaign, as a draft (admin)",
            description =
                    "The window is [opensAt, closesAt) with a timezone; the scope is one or more"
                            + " registered portals and, optionally, some of their publishers (by"
                            + " default all publishers with a dataset on them); the weights sum"
                            + " to 100. The score's formula: see getRecognitionLeaderboard.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors(
            value = {400, 401, 403, 415, 422},
            types = {
                ProblemType.VALIDATION_FAILED,
                ProblemType.INVALID_CAMPAIGN_WINDOW,
                ProblemType.INVALID_WEIGHTS,
                ProblemType.UNKNOWN_PORTAL,
                ProblemType.UNKNOWN_PUBLISHER
            })
    Mono<ResponseEntity<Campaign.View>> create(
            @Valid @RequestBody Campaign.Create request,
            @AuthenticationPrincipal CurrentUser user) {
        return campaigns
                .create(request, user)
                .map(v -> ResponseEntity.created(location(v.campaign().id())).body(v));
    }

    @GetMapping
    @Operation(
            operationId = "listRecognitionCampaigns",
            summary = "List recognition campaigns, oldest first (drafts for admins only)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Campaign>>> list(
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> campaigns.list(page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/{campaignId}")
    @Operation(
            operationId = "getRecognitionCampaign",
            summary =
                    "Read a campaign with its growth over the previous edition (new datasets,"
                            + " mean quality, entities taking part)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Campaign.View>> get(
            @PathVariable UUID campaignId, @AuthenticationPrincipal CurrentUser user) {
        return campaigns.view(campaignId, user).map(caching::ok);
    }

    @PostMapping("/{campaignId}/publish")
    @Operation(
            operationId = "publishRecognitionCampaign",
            summary = "Publish a campaign (admin): anyone may then read it and its rankings")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Campaign.View>> publish(
            @PathVariable UUID campaignId, @AuthenticationPrincipal CurrentUser user) {
        return campaigns.publish(campaignId, user).map(ResponseEntity::ok);
    }

    @PostMapping("/{campaignId}/rankings")
    @Operation(
            operationId = "requestRecognitionRanking",
            summary = "Ask for a ranking now (admin); the background job computes it",
            description =
                    "Answers 202 with the queued ranking (or the one already queued or running);"
                            + " follow Location for its progress. After the close, the ranking is"
                            + " the final one, as of the close; once it exists, 409.")
    @ApiResponse(responseCode = "202", description = "Accepted")
    @ApiErrors({400, 401, 403, 404, 409})
    Mono<ResponseEntity<Ranking>> requestRanking(
            @PathVariable UUID campaignId, @AuthenticationPrincipal CurrentUser user) {
        return rankings.request(campaignId, user)
                .map(
                        r ->
                                ResponseEntity.accepted()
                                        .header(HttpHeaders.LOCATION, rankingPath(r))
                                        .body(r));
    }

    @GetMapping("/{campaignId}/rankings")
    @Operation(
            operationId = "listRecognitionRankings",
            summary = "List a campaign's rankings (its snapshots), oldest first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Ranking>>> listRankings(
            @PathVariable UUID campaignId,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(page -> rankings.rankings(campaignId, page, user))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/{campaignId}/rankings/{rankingId}")
    @Operation(
            operationId = "getRecognitionRanking",
            summary = "Read one ranking with its progress (entities scored of the total)")
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Ranking>> getRanking(
            @PathVariable UUID campaignId,
            @PathVariable UUID rankingId,
            @AuthenticationPrincipal CurrentUser user) {
        return rankings.ranking(campaignId, rankingId, user).map(caching::ok);
    }

    @GetMapping("/{campaignId}/leaderboard")
    @Operation(
            operationId = "getRecognitionLeaderboard",
            summary = "Read a campaign's leaderboard: national, by region or by entity type",
            description =
                    "From the ranking in force: the final one once the campaign closed, else the"
                            + " latest; with `at`, the latest computed as of that moment or"
                            + " before (`at` = closesAt gives the rank on the close date). "
                            + SCORE)
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Ranking.Leaderboard>> leaderboard(
            @PathVariable UUID campaignId,
            @Parameter(description = "NATIONAL (default), REGION or ENTITY_TYPE")
                    @RequestParam(required = false)
                    Ranking.Scope scope,
            @Parameter(description = "The region, for the REGION scope (any case)")
                    @RequestParam(required = false)
                    String region,
            @Parameter(description = "The entity type, for the ENTITY_TYPE scope")
                    @RequestParam(required = false)
                    Publisher.Type entityType,
            @Parameter(description = "An ISO-8601 instant: the ranking in force then")
                    @RequestParam(required = false)
                    String at,
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
                                rankings.leaderboard(
                                        campaignId,
                                        new RecognitionRankingService.Query(
                                                scope, region, entityType, instant(at)),
                                        page,
                                        user))
                .map(board -> withLink(caching.ok(board), board, exchange));
    }

    @GetMapping("/{campaignId}/entities/{publisherId}")
    @Operation(
            operationId = "getRecognitionEntityScore",
            summary =
                    "Read one entity's score, ranks and parts, with the datasets behind each"
                            + " part",
            description =
                    "Officials trained is a count of the entity's members who completed a"
                            + " course, never names. The score's formula: see"
                            + " getRecognitionLeaderboard.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Ranking.EntityScore>> entity(
            @PathVariable UUID campaignId,
            @PathVariable UUID publisherId,
            @Parameter(description = "An ISO-8601 instant: the ranking in force then")
                    @RequestParam(required = false)
                    String at,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.fromSupplier(() -> instantOrNull(at))
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(when -> rankings.entity(campaignId, publisherId, when.orElse(null), user))
                .map(caching::ok);
    }

    private static Instant instant(String at) {
        return instantOrNull(at);
    }

    private static Instant instantOrNull(String at) {
        if (at == null || at.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(at.strip());
        } catch (DateTimeParseException e) {
            throw MinkaException.invalid("at", "must be an ISO-8601 instant");
        }
    }

    private static <T> ResponseEntity<T> withLink(
            ResponseEntity<T> ok, Ranking.Leaderboard board, ServerWebExchange exchange) {
        if (board.nextCursor() == null) {
            return ok;
        }
        String next =
                UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
                        .replaceQueryParam("cursor", board.nextCursor())
                        .build()
                        .toUriString();
        return ResponseEntity.status(ok.getStatusCode())
                .headers(ok.getHeaders())
                .header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"")
                .body(ok.getBody());
    }

    private static URI location(UUID campaignId) {
        return URI.create("/api/v1/recognition/campaigns/" + campaignId);
    }

    private static String rankingPath(Ranking r) {
        return "/api/v1/recognition/campaigns/" + r.campaignId() + "/rankings/" + r.id();
    }
}
