package org.minka.team;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A citizen's registration for one event: the profile answers and the consent given. */
@Schema(name = "Registration")
public record Registration(
        UUID id,
        UUID eventId,
        UUID userId,
        @Schema(example = "Arequipa") String region,
        @Schema(nullable = true, example = "25-34") String ageBracket,
        @Schema(example = "[\"python\",\"estadística\"]") List<String> skills,
        @Schema(example = "2026-11") String termsVersion,
        @Schema(description = "When the terms were accepted (Ley 29733 consent record)")
                Instant consentedAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static final String AGE_BRACKETS = "under-18|18-24|25-34|35-44|45-54|55-plus";

    /** The profile questions; accepting the terms is what registering means. */
    @Schema(name = "RegistrationRequest")
    record Answers(
            @NotBlank
                    @Size(max = 80)
                    @Schema(example = "Arequipa", description = "One of the event's regions")
                    String region,
            @Pattern(regexp = AGE_BRACKETS)
                    @Schema(
                            nullable = true,
                            example = "25-34",
                            allowableValues = {
                                "under-18",
                                "18-24",
                                "25-34",
                                "35-44",
                                "45-54",
                                "55-plus"
                            })
                    String ageBracket,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> skills,
            @NotBlank
                    @Size(max = 40)
                    @Schema(
                            example = "2026-11",
                            description = "Version of the terms the citizen accepts")
                    String termsVersion) {}
}
