package org.minka.team;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.minka.common.ApiErrors;
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
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/events/{eventId}/registrations", produces = "application/json")
@Tag(name = "registrations")
class RegistrationController {

    private final RegistrationService registrations;
    private final PersonalData personalData;

    RegistrationController(RegistrationService registrations, PersonalData personalData) {
        this.registrations = registrations;
        this.personalData = personalData;
    }

    @PostMapping(consumes = "application/json")
    @Operation(
            operationId = "register",
            summary =
                    "Register for a published event while REGISTRATION is open, accepting its terms",
            description =
                    "A PRIVATE event takes only citizens its allow-list names or who were invited"
                            + " to one of its teams; its other viewers (mentors, judges) get 403.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiErrors({400, 401, 403, 404, 409, 415})
    Mono<ResponseEntity<Registration>> register(
            @PathVariable UUID eventId,
            @Valid @RequestBody Registration.Answers answers,
            @AuthenticationPrincipal CurrentUser user) {
        return registrations
                .register(eventId, answers, user)
                .map(
                        r ->
                                ResponseEntity.created(
                                                URI.create(
                                                        "/api/v1/events/"
                                                                + eventId
                                                                + "/registrations/me"))
                                        .body(r));
    }

    @GetMapping("/me")
    @Operation(operationId = "getMyRegistration", summary = "Read my registration for the event")
    @ApiErrors({400, 401, 404})
    Mono<Registration> mine(@PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return registrations.mine(eventId, user);
    }

    @PutMapping(path = "/me", consumes = "application/json")
    @Operation(
            operationId = "updateMyRegistration",
            summary = "Change my profile answers or accept new terms")
    @ApiErrors({400, 401, 404, 415})
    Mono<Registration> update(
            @PathVariable UUID eventId,
            @Valid @RequestBody Registration.Answers answers,
            @AuthenticationPrincipal CurrentUser user) {
        return registrations.update(eventId, answers, user);
    }

    @DeleteMapping("/me")
    @Operation(
            operationId = "withdrawMyRegistration",
            summary = "Withdraw my registration (leave my teams first)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 404, 409})
    Mono<ResponseEntity<Void>> withdraw(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return registrations.withdraw(eventId, user).thenReturn(ResponseEntity.noContent().build());
    }

    @GetMapping("/me/export")
    @Operation(
            operationId = "exportMyData",
            summary =
                    "Export everything Minka holds about me in this event: registration, teams, invitations, requests")
    @ApiErrors({400, 401, 404})
    Mono<PersonalData.Export> export(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return personalData.export(eventId, user);
    }

    @PostMapping("/me/erase")
    @Operation(
            operationId = "eraseMyData",
            summary =
                    "Erase my personal data in this event at any phase: leave my teams (captaincy passes on), delete my registration, invitations and requests (audited)")
    @ApiResponse(responseCode = "204", description = "No content")
    @ApiErrors({400, 401, 404})
    Mono<ResponseEntity<Void>> erase(
            @PathVariable UUID eventId, @AuthenticationPrincipal CurrentUser user) {
        return personalData.erase(eventId, user).thenReturn(ResponseEntity.noContent().build());
    }
}
