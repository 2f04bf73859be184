package org.minka.results;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event's certificate run as organizers follow it: its state, progress and failures. */
@Schema(name = "EventCertificateRun")
record EventCertificateRun(
        UUID id,
        UUID eventId,
        @Schema(
                        example = "es",
                        description =
                                "The language of recipients who chose none for their notifications")
                String language,
        State state,
        @Schema(description = "Certificates due (grows while COLLECTING)", example = "42")
                int total,
        @Schema(description = "Issued, now or by an earlier run", example = "40") int done,
        @Schema(description = "Failed in this run; a new run retries them", example = "2")
                int failed,
        @Schema(description = "Still to issue", example = "0") int pending,
        Instant createdAt,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(description = "The first 100 failures, each with a reason code")
                List<Failure> failures) {

    /** Where a run is: asking the sources, issuing, or finished. */
    enum State {
        COLLECTING,
        ISSUING,
        DONE
    }

    /** One certificate that could not be issued, and why (a code, never a stack trace). */
    @Schema(name = "EventCertificateFailure")
    record Failure(
            @Schema(example = "participation") String kind,
            UUID recipientId,
            @Schema(example = "Ana Quispe") String recipientName,
            @Schema(
                            example = "storage-unavailable",
                            description =
                                    "storage-unavailable, database-unavailable, invalid-text or"
                                            + " internal-error")
                    String reason) {}

    /** Start a run. */
    @Schema(name = "EventCertificateRunRequest")
    record Start(
            @Pattern(regexp = "es|en", message = "must be es or en")
                    @Schema(
                            nullable = true,
                            example = "es",
                            description =
                                    "For recipients who chose no language: es (default) or en")
                    String language) {}

    /** A certificate an event's runs issued, as its organizers list it. */
    @Schema(name = "EventCertificate")
    record Issued(
            @Schema(example = "K7Q2M4XW9RZ3T5HBNC6VDJ8PLA") String code,
            @Schema(example = "participation", description = "participation, mentoring, judging...")
                    String kind,
            UUID subjectId,
            UUID recipientId,
            @Schema(example = "Ana Quispe") String recipientName,
            @Schema(example = "es") String language,
            Instant issuedAt,
            boolean revoked,
            @Schema(
                            example =
                                    "https://minka.example.org/api/v1/certificates/K7Q2M4XW9RZ3T5HBNC6VDJ8PLA")
                    String verifyUrl) {}
}
