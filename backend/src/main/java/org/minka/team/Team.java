package org.minka.team;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A team as its reader may see it: members' emails and the join code only for the team itself and
 * the event's organizers.
 */
@Schema(name = "Team")
record Team(
        UUID id,
        UUID eventId,
        @Schema(example = "Los Datavengers") String name,
        String description,
        boolean lookingForMembers,
        List<String> skillsWanted,
        @Schema(nullable = true, example = "Cusco") String region,
        UUID captainId,
        int maxSize,
        List<Member> members,
        @Schema(description = "Challenges the team has entered") List<UUID> challengeIds,
        @Schema(nullable = true, description = "Only for the team's members and organizers")
                String joinCode,
        @Schema(
                        description =
                                "REGISTRATION has closed and the team has fewer members than the event's minimum")
                boolean belowMinimumSize,
        long version,
        Instant createdAt) {

    /** One member. */
    @Schema(name = "TeamMember")
    record Member(
            UUID userId,
            @Schema(nullable = true) String displayName,
            @Schema(nullable = true, description = "Only for the team's members and organizers")
                    String email,
            @Schema(example = "CAPTAIN") String role,
            Instant joinedAt) {}

    /** Body to create a team. */
    @Schema(name = "CreateTeamRequest")
    record Create(
            @NotBlank
                    @Size(max = 60)
                    @Pattern(regexp = ".*\\S.*")
                    @Schema(example = "Los Datavengers")
                    String name,
            @Size(max = 2000) String description,
            Boolean lookingForMembers,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> skillsWanted,
            @Size(max = 80)
                    @Schema(
                            nullable = true,
                            example = "Cusco",
                            description = "One of the event's regions")
                    String region) {}

    /** Body to change a team; absent fields stay as they are. */
    @Schema(name = "UpdateTeamRequest")
    record Update(
            @Size(min = 1, max = 60)
                    @Pattern(regexp = ".*\\S.*")
                    @Schema(example = "Los Datavengers")
                    String name,
            @Size(max = 2000) String description,
            Boolean lookingForMembers,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> skillsWanted,
            @Size(max = 80) @Schema(nullable = true, example = "Cusco") String region) {}

    /** Body for an organizer adding a registered citizen to a team. */
    @Schema(name = "AddTeamMemberRequest")
    record Add(@jakarta.validation.constraints.NotNull UUID userId) {}

    /** Body for an organizer moving a member to another team of the event. */
    @Schema(name = "MoveTeamMemberRequest")
    record Move(@jakarta.validation.constraints.NotNull UUID toTeamId) {}

    /** What the public sees of a team once the event's gallery is public. */
    @Schema(name = "PublicTeam")
    record Public(
            UUID id,
            @Schema(example = "Los Datavengers") String name,
            @Schema(example = "[\"Ana Quispe\",\"Luis Mamani\"]") List<String> members,
            @Schema(description = "Challenges the team entered") List<UUID> challengeIds) {}

    /** Body to join a team by its code. */
    @Schema(name = "JoinTeamRequest")
    record Join(
            @NotBlank @Size(max = 64) @Schema(example = "Q7M4-XK2P-9TRD-HW3C") String joinCode) {}

    /** Body to name a new captain. */
    @Schema(name = "TransferCaptaincyRequest")
    record Transfer(@jakarta.validation.constraints.NotNull UUID userId) {}

    /** Body to enter a challenge. */
    @Schema(name = "EnterChallengeRequest")
    record Entry(@jakarta.validation.constraints.NotNull UUID challengeId) {}

    /** A freshly rotated join code. */
    @Schema(name = "JoinCode")
    record Code(@Schema(example = "Q7M4-XK2P-9TRD-HW3C") String joinCode) {}
}
