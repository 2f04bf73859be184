package org.minka.notification;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One notification. {@code seq} numbers a user's notifications in commit order; it is the SSE event
 * id, so a client resumes with {@code Last-Event-ID} without losing or repeating any.
 */
@Schema(name = "Notification")
public record Notification(
        @Schema(example = "42") long seq,
        @Schema(example = "team.invitation") String kind,
        @Schema(nullable = true) UUID eventId,
        @Schema(
                        example =
                                "{\"teamId\":\"5b0c6c1e-4f3a-4c8e-9d7a-2f1e8b6a9c10\",\"teamName\":\"Los Datavengers\"}")
                Map<String, Object> data,
        Instant createdAt,
        @Schema(nullable = true) Instant readAt) {

    /** Kinds raised today. */
    public static final String TEAM_INVITATION = "team.invitation";

    public static final String TEAM_JOIN_REQUEST = "team.join-request";
    public static final String TEAM_JOIN_REQUEST_DECIDED = "team.join-request.decided";
    public static final String PHASE_OPENING = "event.phase.opening";
    public static final String PHASE_CLOSING = "event.phase.closing";
    public static final String HELP_CLAIMED = "help.claimed";
    public static final String HELP_ANSWERED = "help.answered";
    public static final String HELP_COMMENT = "help.comment";
    public static final String MENTION = "mention";
    public static final String COMMENT_REPLY = "comment.reply";
    public static final String SUBMISSION_COMMENT = "submission.comment";

    /** Unread count. */
    @Schema(name = "UnreadCount")
    record Unread(@Schema(example = "3") long unread) {}
}
