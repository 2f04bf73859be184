package org.minka.recognition;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.minka.catalog.Publisher;

/**
 * An official's personal certificate of their entity's recognition in a campaign: the code, where
 * to verify it and download the PDF, and the rank it certifies.
 */
@Schema(name = "RecognitionCertificate")
record RecognitionCertificate(
        @Schema(example = "K7Q2M4XW9RZ3T5HBNC6VDJ8PLA") String code,
        @Schema(
                        example =
                                "https://minka.example.org/api/v1/certificates/K7Q2M4XW9RZ3T5HBNC6VDJ8PLA")
                String verifyUrl,
        @Schema(example = "/api/v1/certificates/K7Q2M4XW9RZ3T5HBNC6VDJ8PLA/pdf") String pdfUrl,
        UUID campaignId,
        @Schema(description = "The final ranking the recognition comes from") UUID rankingId,
        @Schema(description = "The recognised entity the official is a member of") UUID publisherId,
        @Schema(example = "Municipalidad Provincial de Arequipa") String publisherName,
        @Schema(
                        description =
                                "Where it was recognised: NATIONAL if in the top N nationally,"
                                        + " else REGION, else ENTITY_TYPE")
                Ranking.Scope scope,
        @Schema(nullable = true, description = "The region, for the REGION scope") String region,
        @Schema(description = "The entity's type") Publisher.Type entityType,
        @Schema(example = "2") int rank,
        boolean tied,
        Instant issuedAt,
        @Schema(description = "True once an admin revoked it (see the verify URL for why)")
                boolean revoked) {}
