package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A challenge a publisher's member proposes for an event, built on the publisher's linked datasets.
 * The event's organizers accept it (which creates the challenge) or decline it.
 */
@Schema(name = "ChallengeProposal")
record ChallengeProposal(
        UUID id,
        UUID eventId,
        UUID publisherId,
        @Schema(example = "Brechas de vacunación por distrito") String title,
        @Schema(description = "Markdown") String statement,
        @Schema(example = "[\"salud\"]") List<String> themes,
        @Schema(description = "Catalog datasets of the publisher the challenge is built on")
                List<UUID> datasetIds,
        Status status,
        @Schema(
                        nullable = true,
                        description = "Why it was declined",
                        example = "Ya hay un reto similar")
                String reason,
        @Schema(nullable = true, description = "The challenge created when it was accepted")
                UUID challengeId,
        UUID proposedBy,
        @Schema(nullable = true) UUID decidedBy,
        Instant createdAt,
        @Schema(nullable = true) Instant decidedAt,
        long version) {

    /** Where a proposal stands. */
    public enum Status {
        PENDING,
        ACCEPTED,
        DECLINED
    }

    /** Body to propose a challenge. */
    @Schema(name = "ProposeChallengeRequest")
    record Propose(
            @NotNull UUID publisherId,
            @NotBlank
                    @Size(max = 200)
                    @Pattern(regexp = ".*\\S.*")
                    @Schema(example = "Brechas de vacunación por distrito")
                    String title,
            @Size(max = 50000) @Schema(description = "Markdown") String statement,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> themes,
            @NotEmpty
                    @Size(max = 20)
                    @Schema(description = "Linked datasets of the publisher, in the order to show")
                    List<@NotNull UUID> datasetIds) {}

    /** Body to decline a proposal. */
    @Schema(name = "DeclineChallengeProposalRequest")
    record Decline(
            @Size(max = 2000) @Schema(nullable = true, example = "Ya hay un reto similar")
                    String reason) {}
}
