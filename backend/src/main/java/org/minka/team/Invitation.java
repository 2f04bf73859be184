package org.minka.team;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** A captain's invitation to join a team, addressed to a user or an email address. */
@Schema(name = "TeamInvitation")
record Invitation(
        UUID id,
        UUID eventId,
        UUID teamId,
        @Schema(example = "Los Datavengers") String teamName,
        @Schema(nullable = true) UUID inviteeUserId,
        @Schema(nullable = true, example = "ana@example.pe") String inviteeEmail,
        UUID invitedBy,
        @Schema(
                        example = "PENDING",
                        allowableValues = {"PENDING", "ACCEPTED", "DECLINED", "REVOKED", "EXPIRED"})
                String status,
        Instant expiresAt,
        Instant createdAt,
        @Schema(nullable = true) Instant respondedAt) {

    static final int DEFAULT_DAYS = 7;

    /** Body of an invitation: exactly one of {@code userId} and {@code email}. */
    @Schema(name = "CreateTeamInvitationRequest")
    record Create(
            @Schema(nullable = true, description = "Invite a known user") UUID userId,
            @Email
                    @Size(max = 254)
                    @Schema(
                            nullable = true,
                            example = "ana@example.pe",
                            description =
                                    "Invite by email; the person accepts after signing in with that verified email")
                    String email,
            @Min(1)
                    @Max(30)
                    @Schema(
                            nullable = true,
                            example = "7",
                            description = "Days until it expires (default 7)")
                    Integer expiresInDays) {}

    /** A citizen's request to join a team. */
    @Schema(name = "TeamJoinRequest")
    record Request(
            UUID id,
            UUID eventId,
            UUID teamId,
            @Schema(example = "Los Datavengers") String teamName,
            UUID userId,
            @Schema(nullable = true) String displayName,
            @Schema(example = "Sé Python y conozco los datos del MINSA") String message,
            @Schema(
                            example = "PENDING",
                            allowableValues = {"PENDING", "APPROVED", "DECLINED", "CANCELLED"})
                    String status,
            Instant createdAt,
            @Schema(nullable = true) Instant decidedAt) {

        Request withDisplayName(String name) {
            return new Request(
                    id, eventId, teamId, teamName, userId, name, message, status, createdAt,
                    decidedAt);
        }
    }

    /** Body of a join request. */
    @Schema(name = "CreateTeamJoinRequest")
    record Ask(
            @Size(max = 500) @Schema(example = "Sé Python y conozco los datos del MINSA")
                    String message) {}
}
