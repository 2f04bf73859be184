package org.minka.notification;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** How a user wants notifications by email. No row is {@link Mode#OFF}: email is opt-in. */
@Schema(name = "EmailPreference")
record EmailPreference(
        @Schema(
                        example = "EACH",
                        description =
                                "OFF: no email. EACH: one email per notification. DAILY_DIGEST: one email a day"
                                        + " listing the notifications still unread that arrived since the last one")
                Mode mode,
        @Schema(
                        example = "es",
                        allowableValues = {"es", "en"},
                        description = "Language of the emails")
                String language,
        @Schema(
                        example = "ana@example.org",
                        nullable = true,
                        description =
                                "Where emails go: my email, when the identity provider verified it. Without one,"
                                        + " nothing is sent")
                String address,
        @Schema(
                        example = "true",
                        description =
                                "Whether this server can send email (SMTP configured). When false the preference is"
                                        + " kept but nothing is sent")
                boolean smtpEnabled,
        @Schema(
                        example = "08:00",
                        description = "Local time of day after which the daily digest goes out")
                String digestAt,
        @Schema(
                        example = "America/Lima",
                        description = "Time zone of digestAt and of times in emails")
                String digestZone,
        @Schema(nullable = true, description = "When I last changed it") Instant updatedAt) {

    enum Mode {
        OFF,
        EACH,
        DAILY_DIGEST
    }

    /** A change: the mode, and optionally the language (kept, or taken from Accept-Language). */
    @Schema(name = "EmailPreferenceChange")
    record Change(
            @Schema(
                            example = "DAILY_DIGEST",
                            requiredMode = Schema.RequiredMode.REQUIRED,
                            allowableValues = {"OFF", "EACH", "DAILY_DIGEST"})
                    String mode,
            @Schema(
                            example = "es",
                            nullable = true,
                            allowableValues = {"es", "en"},
                            description =
                                    "Language of the emails; when absent the stored one is kept, else Accept-Language"
                                            + " decides")
                    String language) {}

    /** The stored row. */
    record Stored(Mode mode, String language, Instant updatedAt) {}
}
