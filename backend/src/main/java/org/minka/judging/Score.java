package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A judge's score of one submission: a mark per criterion, then a weighted total on submit. */
@Schema(name = "JudgingScore")
record Score(
        @Schema(example = "6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f") UUID submissionId,
        UUID challengeId,
        @Schema(description = "The frozen version being judged", example = "2") int versionNumber,
        @Schema(example = "DRAFT") Status status,
        @Schema(
                        description = "Per criterion key: the value on its scale and a comment",
                        example =
                                "{\"impact\":{\"value\":4,\"comment\":\"Clear audience\"},"
                                        + "\"open_data\":{\"value\":5}}")
                Map<String, Mark> marks,
        @Schema(nullable = true, example = "Solid work; the notebook runs end to end.")
                String comment,
        @Schema(
                        nullable = true,
                        description = "Weighted total on 0..100, once submitted",
                        example = "81.25")
                Double total,
        @Schema(nullable = true) Instant submittedAt,
        @Schema(nullable = true) Instant updatedAt,
        @Schema(description = "The row version; the ETag for If-Match", example = "3") long version,
        @Schema(description = "The rubric the score is given against") Rubric rubric) {

    /** Not started (no row yet), a draft, or submitted. */
    enum Status {
        NOT_STARTED,
        DRAFT,
        SUBMITTED
    }

    /** One criterion's mark: a value on its scale (a draft may leave it out) and a comment. */
    @Schema(name = "JudgingMark")
    record Mark(
            @Schema(nullable = true, example = "4") Integer value,
            @Schema(nullable = true, example = "Clear audience and a concrete use")
                    @Size(max = 2000)
                    String comment) {}

    /** A draft save, or an edit of a submitted score (then every criterion needs a value). */
    @Schema(name = "JudgingScoreSave")
    record Save(
            @Schema(
                            description = "Per criterion key",
                            example =
                                    "{\"impact\":{\"value\":4,\"comment\":\"Clear audience\"},"
                                            + "\"open_data\":{\"value\":5}}")
                    Map<String, @Valid Mark> marks,
            @Schema(nullable = true, example = "Solid work; the notebook runs end to end.")
                    @Size(max = 10000)
                    String comment) {

        Map<String, Mark> marksOrEmpty() {
            return marks == null ? Map.of() : marks;
        }
    }
}
