package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A role of a user (or a pending email invitation) in one event. */
@Schema(name = "Membership")
record Membership(
        UUID id,
        UUID eventId,
        @Schema(nullable = true, description = "Absent while an email invitation is pending")
                UUID userId,
        @Schema(nullable = true) String email,
        MembershipRole role,
        @Schema(description = "Challenges a mentor or judge is limited to; empty means all")
                List<UUID> challengeIds,
        @Schema(example = "ACTIVE") Status status,
        Instant createdAt) {

    /** ACTIVE memberships grant their role; PENDING wait for the email owner to sign in. */
    public enum Status {
        ACTIVE,
        PENDING,
        REVOKED
    }
}
