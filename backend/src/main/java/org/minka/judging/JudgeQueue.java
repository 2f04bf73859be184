package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A judge's work in an event: their assignments, with the state of their score of each. */
@Schema(name = "JudgeQueue")
record JudgeQueue(
        @Schema(example = "4") int assigned,
        @Schema(example = "1") int submitted,
        List<Item> items) {

    /** One assignment; the frozen version is read through the submission API. */
    @Schema(name = "JudgeQueueItem")
    record Item(
            @Schema(example = "6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f") UUID submissionId,
            UUID challengeId,
            @Schema(description = "The counted version to judge", example = "2") int versionNumber,
            @Schema(example = "NOT_STARTED") Score.Status status,
            @Schema(nullable = true, description = "The score's ETag version, once saved")
                    Long scoreVersion,
            Instant assignedAt,
            @Schema(
                            description = "Where to read the frozen version",
                            example =
                                    "/api/v1/submissions/6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f/versions/2")
                    String versionUrl,
            @Schema(
                            description = "Where to read and save the score",
                            example =
                                    "/api/v1/events/1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d/judging/scores/6f1d2c3b-4a59-4e8f-9d7c-1b2a3c4d5e6f")
                    String scoreUrl) {}

    static JudgeQueue of(List<ScoreRepository.QueueLine> lines) {
        List<Item> items = lines.stream().map(JudgeQueue::item).toList();
        int submitted =
                (int) items.stream().filter(i -> i.status() == Score.Status.SUBMITTED).count();
        return new JudgeQueue(items.size(), submitted, items);
    }

    private static Item item(ScoreRepository.QueueLine line) {
        ScoreRepository.Assignment a = line.assignment();
        return new Item(
                a.submissionId(),
                a.challengeId(),
                a.versionNumber(),
                line.status(),
                line.scoreVersion(),
                line.assignedAt(),
                "/api/v1/submissions/" + a.submissionId() + "/versions/" + a.versionNumber(),
                "/api/v1/events/" + a.eventId() + "/judging/scores/" + a.submissionId());
    }
}
