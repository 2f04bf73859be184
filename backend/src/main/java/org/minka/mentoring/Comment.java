package org.minka.mentoring;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A comment in a thread (a help request's, or a submission's); a deleted one keeps its place with
 * no body. On a submission it may be anchored to an artifact, and to a notebook cell by its id.
 */
@Schema(name = "Comment")
public record Comment(
        UUID id,
        @Schema(nullable = true) UUID parentId,
        UUID authorId,
        @Schema(nullable = true) String authorName,
        @Schema(nullable = true, description = "Markdown; absent once deleted") String body,
        @Schema(
                        nullable = true,
                        description =
                                "The body rendered to safe HTML (no script, handlers, images or styles)",
                        example = "<p>Usa el ubigeo <strong>INEI</strong></p>")
                String bodyHtml,
        boolean edited,
        boolean deleted,
        Instant createdAt,
        @Schema(nullable = true) Instant editedAt,
        @Schema(nullable = true, description = "The artifact the comment is anchored to")
                UUID artifactId,
        @Schema(
                        nullable = true,
                        description =
                                "The notebook cell the comment is anchored to (nbformat cell id); the preview marks each cell with id=\"cell-<id>\"",
                        example = "a1b2c3d4")
                String cellId) {

    static final String CELL_ID = "[A-Za-z0-9_-]{1,64}";

    /** The same comment with its author's display name. */
    Comment withAuthorName(String name) {
        return new Comment(
                id,
                parentId,
                authorId,
                name,
                body,
                bodyHtml,
                edited,
                deleted,
                createdAt,
                editedAt,
                artifactId,
                cellId);
    }

    /** The same comment with its body rendered. */
    Comment withHtml(String html) {
        return new Comment(
                id,
                parentId,
                authorId,
                authorName,
                body,
                html,
                edited,
                deleted,
                createdAt,
                editedAt,
                artifactId,
                cellId);
    }

    /** Body of a new comment on a help request, optionally a reply. */
    @Schema(name = "CreateCommentRequest")
    record Write(
            @NotBlank @Size(max = 10000) @Schema(example = "Usa el ubigeo INEI de 6 dígitos.")
                    String body,
            @Schema(nullable = true) UUID parentId,
            @Size(max = 20)
                    @Schema(
                            nullable = true,
                            description =
                                    "Users mentioned (@). Those who may read the thread are notified; others are ignored without a word")
                    List<@NotNull UUID> mentions) {}

    /** Body of a new comment on a submission, optionally a reply, optionally anchored. */
    @Schema(name = "CreateSubmissionCommentRequest")
    record Anchored(
            @NotBlank
                    @Size(max = 10000)
                    @Schema(example = "La celda 3 une por nombre de distrito: mejor por ubigeo.")
                    String body,
            @Schema(nullable = true) UUID parentId,
            @Size(max = 20)
                    @Schema(
                            nullable = true,
                            description =
                                    "Users mentioned (@). Those who may read the thread are notified; others are ignored without a word")
                    List<@NotNull UUID> mentions,
            @Schema(
                            nullable = true,
                            description = "An artifact of this submission to anchor the comment to")
                    UUID artifactId,
            @Pattern(regexp = CELL_ID)
                    @Schema(
                            nullable = true,
                            description =
                                    "A cell id of that artifact's notebook; needs artifactId and a notebook artifact",
                            example = "a1b2c3d4")
                    String cellId) {}

    /** Body of an edit. */
    @Schema(name = "EditCommentRequest")
    record Edit(@NotBlank @Size(max = 10000) String body) {}
}
