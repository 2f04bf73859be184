package org.minka.team;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the team finder shows: only what people chose to show. */
final class Finder {

    private Finder() {}

    /** A citizen looking for a team. Region, skills and age bracket only when they chose so. */
    @Schema(name = "FinderPerson")
    record Person(
            UUID userId,
            @Schema(nullable = true, example = "Ana Quispe") String displayName,
            @Schema(nullable = true) String bio,
            @Schema(nullable = true, example = "Cusco") String region,
            @Schema(nullable = true, example = "[\"python\",\"sig\"]") List<String> skills,
            @Schema(nullable = true, example = "25-34") String ageBracket,
            List<UUID> interests,
            Instant since) {

        Person withDisplayName(String name) {
            return new Person(userId, name, bio, region, skills, ageBracket, interests, since);
        }
    }

    /** A team looking for members, with seats left. */
    @Schema(name = "FinderTeam")
    record Team(
            UUID teamId,
            @Schema(example = "Los Datavengers") String name,
            String description,
            List<String> skillsWanted,
            @Schema(nullable = true) String region,
            int memberCount,
            int maxSize,
            List<UUID> challengeIds,
            Instant createdAt) {}

    /** The filters of a finder query. */
    record Filter(String skill, String region, UUID challengeId) {}
}
