package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** A rubric as the API shows it: where it applies, whether it is inherited or frozen. */
@Schema(name = "JudgingRubric")
record RubricView(
        UUID eventId,
        @Schema(
                        nullable = true,
                        description = "The challenge asked about; null for the event's rubric")
                UUID challengeId,
        @Schema(
                        description =
                                "EVENT: the event's rubric (the default until one is set);"
                                        + " CHALLENGE: the challenge's own override",
                        example = "EVENT")
                Source source,
        @Schema(description = "True for a challenge without an override: it judges on the event's")
                boolean inherited,
        @Schema(description = "True once a score exists against it: it can no longer change")
                boolean frozen,
        @Schema(example = "2", description = "Also the ETag; 0 for the default, never stored")
                long version,
        List<Rubric.Criterion> criteria) {

    /** Where a rubric comes from. */
    enum Source {
        EVENT,
        CHALLENGE
    }

    /** The criteria an organizer sets (weights summing to 100). */
    @Schema(name = "JudgingRubricRequest")
    record Request(
            @NotNull @Size(min = 1, max = 20) List<Rubric.@Valid @NotNull Criterion> criteria) {

        Rubric rubric() {
            return new Rubric(List.copyOf(criteria));
        }
    }
}
