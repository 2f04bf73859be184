package org.minka.certificate;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** A certificate as anyone holding its code may verify it: who, what, where, when, revoked. */
@Schema(name = "Certificate")
public record Certificate(
        @Schema(example = "K7Q2M4XW9RZ3T5HBNC6VDJ8PLA") String code,
        @Schema(example = "course", description = "What kind of achievement: course, award...")
                String kind,
        @Schema(description = "The course, award or campaign certified") UUID subjectId,
        @Schema(example = "Ana Quispe", description = "Who: the recipient's display name")
                String recipientName,
        @Schema(example = "completed the course \"Open data for public officials\"")
                String achievement,
        @Schema(example = "Capacity building in open data") String context,
        @Schema(example = "es") String language,
        Instant issuedAt,
        boolean revoked,
        @Schema(nullable = true) Instant revokedAt,
        @Schema(nullable = true, example = "Attendance was recorded in error") String revokedReason,
        @Schema(
                        example =
                                "https://minka.example.org/api/v1/certificates/K7Q2M4XW9RZ3T5HBNC6VDJ8PLA")
                String verifyUrl,
        @Schema(example = "/api/v1/certificates/K7Q2M4XW9RZ3T5HBNC6VDJ8PLA/pdf") String pdfUrl) {

    /** Revoke a certificate, with the reason shown to anyone who verifies it. */
    @Schema(name = "CertificateRevokeRequest")
    record Revoke(
            @NotBlank @Size(max = 1000) @Schema(example = "Attendance was recorded in error")
                    String reason) {}
}
