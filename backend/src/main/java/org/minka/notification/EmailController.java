package org.minka.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.minka.common.ApiErrors;
import org.minka.common.Messages;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The signed-in user's choice of email for notifications. */
@RestController
@RequestMapping(path = "/api/v1/me/notifications/email")
@Tag(name = "notifications")
class EmailController {

    private final EmailPreferences preferences;
    private final Messages messages;

    EmailController(EmailPreferences preferences, Messages messages) {
        this.preferences = preferences;
        this.messages = messages;
    }

    @GetMapping(produces = "application/json")
    @Operation(
            operationId = "getMyEmailPreference",
            summary = "How I get notifications by email (OFF until I choose)",
            description =
                    "`smtpEnabled` tells whether this server sends email at all; `address` is where it"
                            + " goes (my verified email, else nothing is sent).")
    @ApiErrors({401})
    Mono<EmailPreference> get(
            @AuthenticationPrincipal CurrentUser user, ServerWebExchange exchange) {
        return preferences.get(user, messages.locale(exchange));
    }

    @PutMapping(consumes = "application/json", produces = "application/json")
    @Operation(
            operationId = "setMyEmailPreference",
            summary = "Choose email per notification, a daily digest, or none",
            description =
                    "EACH sends one email per notification, soon after it is raised. DAILY_DIGEST sends"
                            + " one email a day, after `digestAt` in `digestZone`, listing the notifications"
                            + " still unread that arrived since the previous digest (none when there are none)."
                            + " Choosing EACH or DAILY_DIGEST needs an email verified by the identity provider"
                            + " (422 `email-not-verified`). The choice is stored even when `smtpEnabled` is false.")
    @ApiErrors(
            value = {400, 401, 415, 422},
            types = {ProblemType.VALIDATION_FAILED, ProblemType.EMAIL_NOT_VERIFIED})
    Mono<EmailPreference> set(
            @RequestBody EmailPreference.Change change,
            @AuthenticationPrincipal CurrentUser user,
            ServerWebExchange exchange) {
        return preferences.set(user, change, messages.locale(exchange));
    }
}
