package org.minka.voting.fraud;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A fraud flag as organizers see it: what was seen, its evidence, and the ballots it names. */
@Schema(name = "VotingFraudFlag")
record FlagView(
        @Schema(example = "8d2f7c9a-1b3e-4f5a-9c6d-7e8f9a0b1c2d") UUID id,
        @Schema(example = "BURST") FlagKind kind,
        @Schema(example = "OPEN") Status status,
        @Schema(
                        description =
                                "What the flag is about: a submission id (BURST), an IP hash"
                                        + " (SHARED_IP), the hash of the cluster's submissions"
                                        + " (NEW_ACCOUNT_CLUSTER)",
                        example = "0b4f3c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b")
                String subject,
        @Schema(
                        description = "Higher is more suspicious; see docs/voting-fraud.md",
                        example = "41.2")
                double score,
        @Schema(
                        description = "The detector's evidence; its fields depend on the kind",
                        example =
                                "{\"submissionId\":\"0b4f3c1e-5a6d-4e7f-8a9b-0c1d2e3f4a5b\","
                                        + "\"windowStart\":\"2026-12-20T15:00:00Z\","
                                        + "\"windowEnd\":\"2026-12-20T15:10:00Z\","
                                        + "\"windowSeconds\":600,\"ballots\":30,"
                                        + "\"expected\":0.168,\"baselinePerHour\":1.007,"
                                        + "\"pValue\":6.1E-42}")
                Map<String, Object> evidence,
        @Schema(description = "The ballots the flag names") List<UUID> ballotIds,
        @Schema(description = "How many of them are VALID now", example = "30") long validBallots,
        Instant raisedAt,
        Instant updatedAt,
        @Schema(nullable = true) Instant reviewedAt) {

    /** Where a flag's review stands. */
    enum Status {
        /** Not reviewed yet; later scans add new ballots to it. */
        OPEN,
        /** An organizer invalidated its ballots. */
        CONFIRMED,
        /** An organizer dismissed it or restored its ballots. */
        DISMISSED
    }
}
