package org.minka.results;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.HttpCaching;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** An event's published results and their open data, for everyone who sees the event. */
@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/results")
@Tag(name = "Results")
class PublicResultsController {

    private final PublicResults results;
    private final EventAccess events;
    private final ResultsProperties properties;
    private final HttpCaching caching;

    PublicResultsController(
            PublicResults results,
            EventAccess events,
            ResultsProperties properties,
            HttpCaching caching) {
        this.results = results;
        this.events = events;
        this.properties = properties;
        this.caching = caching;
    }

    @GetMapping(produces = "application/json")
    @Operation(
            operationId = "getResults",
            summary =
                    "The event's published results: every award and the ranking (404 until published)",
            description =
                    "Readable by anyone who sees the event, without a token, once the publication"
                            + " time has passed; before that it is not found, whoever asks. Teams"
                            + " show their members' display names (never emails), the datasets"
                            + " they used with their publishers, and a link to the public gallery"
                            + " entry while the gallery is open. Cached with an ETag.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<ResultsViews.Page>> page(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return results.page(eventId, user).map(caching::ok);
    }

    @GetMapping(path = "/results.json", produces = "application/json")
    @Operation(
            operationId = "getResultsJson",
            summary =
                    "The results' JSON distribution: one row per ranked submission (404 until published)",
            description = "The same rows as results.csv. Cached with an ETag.")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<ResultsViews.RowsDocument>> json(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return results.rows(eventId, user).map(caching::ok);
    }

    @GetMapping(path = "/results.csv", produces = "text/csv;charset=UTF-8")
    @Operation(
            operationId = "getResultsCsv",
            summary =
                    "The results' CSV distribution: one row per ranked submission (404 until published)",
            description =
                    "UTF-8, RFC 4180, with a header row: challenge, place, team, score (judging's),"
                            + " People's Choice votes, and the URLs of the datasets used"
                            + " (space-separated). Cached with an ETag.")
    @ApiResponse(
            responseCode = "200",
            description = "UTF-8 CSV with a header row",
            content =
                    @Content(
                            mediaType = "text/csv",
                            schema = @Schema(type = "string"),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "challenge_id,challenge,place,team,score,peoples_choice_votes,datasets\r\n7a1e2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b,Vacunación,1,Datos con Propósito,0.93,12,https://www.datosabiertos.gob.pe/dataset/vacunacion\r\n")))
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<String>> csv(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return results.rows(eventId, user)
                .map(document -> ResultsOpenData.csv(document.rows()))
                .map(caching::ok);
    }

    @GetMapping(path = "/data.json", produces = "application/json")
    @Operation(
            operationId = "getResultsCatalog",
            summary =
                    "The results as a DCAT-US 1.1 catalog (data.json) for portals to harvest (404 until published)",
            description =
                    "A Project Open Data v1.1 catalog with one dataset: the event's results, under"
                            + " the results' licence (CC BY 4.0 by default), with a CSV and a JSON"
                            + " distribution. Validates against the DCAT-US 1.1 JSON Schemas."
                            + " Cached with an ETag.")
    @ApiResponse(
            responseCode = "200",
            description = "A DCAT-US 1.1 catalog",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema =
                                    @Schema(
                                            type = "object",
                                            description =
                                                    "DCAT-US 1.1 (Project Open Data) catalog"),
                            examples =
                                    @ExampleObject(
                                            value =
                                                    "{\"@type\":\"dcat:Catalog\",\"conformsTo\":\"https://project-open-data.cio.gov/v1.1/schema\",\"dataset\":[{\"@type\":\"dcat:Dataset\",\"title\":\"Resultados: Datatón\",\"accessLevel\":\"public\",\"license\":\"https://creativecommons.org/licenses/by/4.0/\"}]}")))
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Map<String, Object>>> catalog(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return results.published(eventId, user).flatMap(this::catalogOf).map(caching::ok);
    }

    private Mono<Map<String, Object>> catalogOf(PublicResults.Published p) {
        ResultsRows.Edition edition = p.loaded().edition();
        return events.title(edition.eventId())
                .map(
                        title ->
                                ResultsOpenData.catalog(
                                        properties.publicUrl(),
                                        title,
                                        edition,
                                        properties,
                                        results.rows(p)));
    }
}
