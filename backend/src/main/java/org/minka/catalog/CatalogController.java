package org.minka.catalog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.minka.common.ApiErrors;
import org.minka.common.CursorPage;
import org.minka.common.HttpCaching;
import org.minka.common.PageRequest;
import org.minka.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/catalog", produces = "application/json")
@Tag(name = "catalog")
class CatalogController {

    private final PublisherService publishers;
    private final DatasetLinking linking;
    private final DatasetReads datasets;
    private final HttpCaching caching;

    CatalogController(
            PublisherService publishers,
            DatasetLinking linking,
            DatasetReads datasets,
            HttpCaching caching) {
        this.publishers = publishers;
        this.linking = linking;
        this.datasets = datasets;
        this.caching = caching;
    }

    @PostMapping(path = "/publishers", consumes = "application/json")
    @Operation(operationId = "createPublisher", summary = "Create a publisher (admin)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 409, 415})
    Mono<ResponseEntity<Publisher>> createPublisher(
            @Valid @RequestBody Publisher.Create request,
            @AuthenticationPrincipal CurrentUser user) {
        return publishers
                .createPublisher(request, user)
                .map(
                        p ->
                                ResponseEntity.created(
                                                URI.create("/api/v1/catalog/publishers/" + p.id()))
                                        .body(p));
    }

    @GetMapping("/publishers")
    @Operation(operationId = "listPublishers", summary = "List publishers, oldest first")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Publisher>>> listPublishers(
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(publishers::listPublishers)
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/publishers/{publisherId}")
    @Operation(
            operationId = "getPublisher",
            summary = "Read a publisher with its datasets' count, average score and distribution")
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Publisher.View>> getPublisher(@PathVariable UUID publisherId) {
        return publishers.publisher(publisherId).map(caching::ok);
    }

    @PutMapping(path = "/publishers/{publisherId}/classification", consumes = "application/json")
    @Operation(
            operationId = "classifyPublisher",
            summary = "Set the publisher's entity type and region (admin)",
            description =
                    "The entity type (ministry, regional government, municipality, autonomous"
                            + " body, other) and the region group the recognition rankings by"
                            + " entity type and by region. A null region clears it.")
    @ApiErrors({400, 401, 403, 404, 415})
    Mono<ResponseEntity<Publisher>> classifyPublisher(
            @PathVariable UUID publisherId,
            @Valid @RequestBody Publisher.Classification request,
            @AuthenticationPrincipal CurrentUser user) {
        return publishers.classify(publisherId, request, user).map(ResponseEntity::ok);
    }

    @GetMapping("/publishers/{publisherId}/members")
    @Operation(
            operationId = "listPublisherMembers",
            summary =
                    "List the publisher's members, oldest grant first (admin, event organizer, or"
                            + " member of the publisher)")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<List<Publisher.Member>>> listMembers(
            @PathVariable UUID publisherId, @AuthenticationPrincipal CurrentUser user) {
        return publishers.members(publisherId, user).map(ResponseEntity::ok);
    }

    @PutMapping("/publishers/{publisherId}/members/{userId}")
    @Operation(
            operationId = "grantPublisherMember",
            summary = "Make a user a member of the publisher (admin or event organizer)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404, 422})
    Mono<ResponseEntity<Void>> grantMember(
            @PathVariable UUID publisherId,
            @PathVariable UUID userId,
            @AuthenticationPrincipal CurrentUser user) {
        return publishers
                .grantMember(publisherId, userId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @DeleteMapping("/publishers/{publisherId}/members/{userId}")
    @Operation(
            operationId = "revokePublisherMember",
            summary = "Remove a member from the publisher (admin or event organizer)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Void>> revokeMember(
            @PathVariable UUID publisherId,
            @PathVariable UUID userId,
            @AuthenticationPrincipal CurrentUser user) {
        return publishers
                .revokeMember(publisherId, userId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }

    @PostMapping(path = "/portals", consumes = "application/json")
    @Operation(
            operationId = "registerPortal",
            summary =
                    "Register a CKAN, DKAN or DCAT-US portal, optionally detecting its kind (admin)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 409, 415, 422, 502, 504})
    Mono<ResponseEntity<Portal>> registerPortal(
            @Valid @RequestBody Portal.Register request,
            @AuthenticationPrincipal CurrentUser user) {
        return linking.registerPortal(request, user)
                .map(
                        p ->
                                ResponseEntity.created(
                                                URI.create("/api/v1/catalog/portals/" + p.id()))
                                        .body(p));
    }

    @GetMapping("/portals")
    @Operation(operationId = "listPortals", summary = "List the registered portals")
    @ApiErrors(
            value = {401},
            publicRead = true)
    Mono<ResponseEntity<List<Portal>>> listPortals() {
        return linking.portals().map(caching::ok);
    }

    @PostMapping(path = "/datasets", consumes = "application/json")
    @Operation(
            operationId = "linkDataset",
            summary =
                    "Link a dataset by its portal URL or id: read it, store its snapshot, raw record"
                            + " and score (admin, event organizer, or member of the publisher)")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 409, 415, 422, 502, 504})
    Mono<ResponseEntity<Dataset>> link(
            @Valid @RequestBody Dataset.Link request, @AuthenticationPrincipal CurrentUser user) {
        return linking.link(request, user)
                .map(
                        d ->
                                ResponseEntity.created(
                                                URI.create("/api/v1/catalog/datasets/" + d.id()))
                                        .body(d));
    }

    @GetMapping("/datasets")
    @Operation(
            operationId = "listDatasets",
            summary =
                    "Browse linked datasets by publisher, theme, format, licence and minimum score")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401},
            publicRead = true)
    Mono<ResponseEntity<CursorPage<Dataset.Summary>>> listDatasets(
            @Parameter(description = "Publisher id") @RequestParam(required = false) UUID publisher,
            @Parameter(description = "Theme (group or category), any case")
                    @RequestParam(required = false)
                    String theme,
            @Parameter(description = "Format, declared or sniffed, e.g. CSV")
                    @RequestParam(required = false)
                    String format,
            @Parameter(description = "Open Definition licence id, e.g. cc-by")
                    @RequestParam(required = false)
                    String license,
            @Parameter(description = "Minimum MQA points, 0 to 405") @RequestParam(required = false)
                    Integer minScore,
            @Parameter(description = "Opaque cursor from the previous page")
                    @RequestParam(required = false)
                    String cursor,
            @Parameter(description = "Page size, 1 to 100 (default 20)")
                    @RequestParam(required = false)
                    Integer limit,
            ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> PageRequest.of(cursor, limit))
                .flatMap(
                        page ->
                                datasets.datasets(
                                        publisher, theme, format, license, minScore, page))
                .map(page -> caching.page(page, exchange));
    }

    @GetMapping("/datasets/{datasetId}")
    @Operation(
            operationId = "getDataset",
            summary =
                    "Read a dataset: last good snapshot, explained quality score, the challenges using it"
                            + " and the submissions declaring it (counts; listed once a gallery is public)")
    @ApiResponse(responseCode = "200", description = "OK")
    @ApiResponse(
            responseCode = "304",
            description = "Not modified: the If-None-Match ETag still matches",
            content = @Content)
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<Dataset>> getDataset(@PathVariable UUID datasetId) {
        return datasets.dataset(datasetId).map(caching::ok);
    }

    @GetMapping("/datasets/{datasetId}/raw")
    @Operation(
            operationId = "getDatasetRaw",
            summary = "The dataset's record exactly as the portal sent it at the last good read")
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<String>> getRaw(@PathVariable UUID datasetId) {
        return datasets.raw(datasetId)
                .map(
                        raw ->
                                ResponseEntity.ok()
                                        .contentType(
                                                org.springframework.http.MediaType.APPLICATION_JSON)
                                        .body(raw));
    }

    @GetMapping("/datasets/{datasetId}/history")
    @Operation(
            operationId = "getDatasetHistory",
            summary = "Stored snapshots of the dataset, newest first, with what changed in each")
    @ApiErrors(
            value = {400, 401, 404},
            publicRead = true)
    Mono<ResponseEntity<List<Dataset.HistoryEntry>>> history(@PathVariable UUID datasetId) {
        return datasets.history(datasetId).map(caching::ok);
    }
}
