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
record Registration(
        UUID id,
        UUID eventId,
        UUID userId,
        @Schema(example = "Arequipa") String region,
        @Schema(nullable = true, example = "25-34") String ageBracket,
        @Schema(example = "[\"python\",\"estadística\"]") List<String> skills,
        @Schema(example = "2026-11") String termsVersion,
        @Schema(description = "When the terms were accepted (Ley 29733 consent record)")
                Instant consentedAt,
        @Schema(description = "Listed in the team finder") boolean lookingForTeam,
        @Schema(nullable = true, description = "A short line shown in the team finder")
                String finderBio,
        @Schema(
                        description =
                                "Profile answers shown in the team finder besides the display name",
                        example = "[\"skills\"]")
                List<String> finderShows,
        @Schema(description = "Challenges the citizen would like to work on") List<UUID> interests,
        @Schema(nullable = true, description = "When the registration was withdrawn")
                Instant withdrawnAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {

    static final String AGE_BRACKETS = "under-18|18-24|25-34|35-44|45-54|55-plus";
    static final String FINDER_FIELDS = "region|skills|ageBracket";

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
                    String termsVersion,
            @Schema(description = "List me in the team finder (default false)")
                    Boolean lookingForTeam,
            @Size(max = 280) @Schema(example = "Analista de datos en Arequipa, busco equipo")
                    String finderBio,
            @Size(max = 3)
                    @Schema(
                            description =
                                    "Which answers the team finder may show: region, skills, ageBracket (default none)")
                    List<@NotBlank @Pattern(regexp = FINDER_FIELDS) String> finderShows,
            @Size(max = 20) @Schema(description = "Challenges of the event I would like to work on")
                    List<@jakarta.validation.constraints.NotNull UUID> interests) {

        List<String> shows() {
            return finderShows == null ? List.of() : finderShows.stream().distinct().toList();
        }

        List<UUID> interestIds() {
            return interests == null ? List.of() : interests.stream().distinct().toList();
        }
    }
}
