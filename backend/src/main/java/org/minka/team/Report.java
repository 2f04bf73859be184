package org.minka.team;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What organizers see of registrations and teams. */
final class Report {

    private Report() {}

    /** A registration with the person's name and email, for organizers. */
    @Schema(name = "RegistrationSummary")
    record Registrant(
            UUID userId,
            @Schema(nullable = true, example = "Ana Quispe") String displayName,
            @Schema(nullable = true, example = "ana@example.pe") String email,
            @Schema(example = "Cusco") String region,
            @Schema(nullable = true) String ageBracket,
            List<String> skills,
            String termsVersion,
            Instant consentedAt,
            boolean lookingForTeam,
            @Schema(description = "Teams the person belongs to") List<UUID> teamIds,
            @Schema(description = "Names of those teams") List<String> teamNames,
            @Schema(nullable = true, description = "Set when the registration was withdrawn")
                    Instant withdrawnAt,
            Instant createdAt) {

        Registrant withUser(String name, String mail) {
            return new Registrant(
                    userId,
                    name,
                    mail,
                    region,
                    ageBracket,
                    skills,
                    termsVersion,
                    consentedAt,
                    lookingForTeam,
                    teamIds,
                    teamNames,
                    withdrawnAt,
                    createdAt);
        }
    }

    /** Counts for an event: per challenge and per region. */
    @Schema(name = "TeamStats")
    record Stats(
            long registrations,
            long teams,
            long teamsBelowMinimum,
            long participantsInTeams,
            List<PerChallenge> perChallenge,
            List<PerRegion> perRegion) {}

    @Schema(name = "TeamStatsPerChallenge")
    record PerChallenge(UUID challengeId, String title, long teams, long participants) {}

    @Schema(name = "TeamStatsPerRegion")
    record PerRegion(
            @Schema(example = "Cusco") String region,
            long registrations,
            @Schema(description = "Registered people of the region who belong to a team")
                    long inTeams) {}

    /** Filters of the organizer's team list. */
    record TeamQuery(String q, UUID challengeId, Boolean belowMinimum) {}

    /** Filters of the organizer's registration list. */
    record RegistrationQuery(String q, String region, Boolean inTeam) {}
}
