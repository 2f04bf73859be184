package org.minka.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** RFC 9457 problem details, the body of every error response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(
        name = "Problem",
        description = "RFC 9457 problem details (application/problem+json)",
        example =
                """
                {"type":"https://minka.dev/problems/not-found","title":"Not found",\
                "status":404,"detail":"The event does not exist or is not visible to you.",\
                "instance":"/api/v1/events/0b6e5c1e-8d4f-4a57-9a55-2f4c6d0f1a10",\
                "requestId":"5f0c2a3e-2b8f-4c1e-9a0d-6b9f3f4a2c11","timestamp":"2026-11-26T14:00:00Z"}""")
public record Problem(
        @Schema(
                        description = "Stable URI of the problem type",
                        requiredMode = Schema.RequiredMode.REQUIRED)
                String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int status,
        @Schema(description = "Explanation in the caller's language (es or en)") String detail,
        @Schema(description = "Path of the request") String instance,
        @Schema(description = "Id of the request, also sent as X-Request-Id") String requestId,
        Instant timestamp,
        @Schema(description = "Failing fields, for validation problems")
                List<FieldViolation> errors) {

    /** One failing field. */
    @Schema(name = "FieldViolation")
    public record FieldViolation(
            @Schema(example = "title") String field,
            @Schema(example = "must not be blank") String message) {}
}
