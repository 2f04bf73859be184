package org.minka.event;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
@RequestMapping(path = "/api/v1/events/{eventId}/allow-list", produces = "application/json")
@Tag(name = "events")
class AllowListController {

    private final AllowListService allowList;

    AllowListController(AllowListService allowList) {
        this.allowList = allowList;
    }

    /** Entries to add to the allow-list. */
    @Schema(name = "AllowListAddRequest")
    record Add(
            @NotNull
                    @Size(min = 1, max = 500)
                    @Schema(
                            description = "Email addresses, or domains written with a leading '@'",
                            example = "[\"@minedu.gob.pe\", \"ana.quispe@gmail.com\"]")
                    List<@NotNull String> entries) {}

    @GetMapping
    @Operation(
            operationId = "listAllowList",
            summary = "List who may see the event while it is PRIVATE (organizer)")
    @ApiErrors({400, 401, 403, 404})
    Mono<List<AllowListEntry>> list(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return allowList.list(eventId, user).collectList();
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "addToAllowList",
            summary = "Allow email addresses or email domains to see a PRIVATE event (organizer)",
            description =
                    "All entries are valid or none is stored. Entries already present stay as"
                            + " they are, so a retry changes nothing. Answers the whole list."
                            + " Matched against the caller's verified email, in lower case.")
    @ApiResponse(responseCode = "200", description = "The allow-list after the change")
    @ApiErrors({400, 401, 403, 404, 415, 422})
    Mono<List<AllowListEntry>> add(
            @PathVariable UUID eventId,
            @Valid @RequestBody Add request,
            @AuthenticationPrincipal CurrentUser user) {
        return Mono.defer(() -> allowList.add(eventId, request.entries(), user).collectList());
    }

    @DeleteMapping("/{entryId}")
    @Operation(
            operationId = "removeFromAllowList",
            summary = "Remove an allow-list entry (organizer)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 403, 404})
    Mono<ResponseEntity<Void>> remove(
            @PathVariable UUID eventId,
            @PathVariable UUID entryId,
            @AuthenticationPrincipal CurrentUser user) {
        return allowList
                .remove(eventId, entryId, user)
                .thenReturn(ResponseEntity.noContent().build());
    }
}
