package org.minka.mentoring;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * SQL for comment threads, whichever thing they hang on. Edits are conditional updates. Authors'
 * names come from the user directory, not from here.
 */
@Repository
class CommentRepository {

    private static final String COMMENT =
            "c.id, c.parent_id, c.author_id, c.body, c.created_at, c.edited_at,"
                    + " c.deleted_at, c.artifact_id, c.cell_id from comments c";

    private final DatabaseClient db;

    CommentRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Where a new comment goes, and what it says. */
    record NewComment(
            CommentThreads.Thread thread,
            UUID parentId,
            UUID author,
            String body,
            UUID artifactId,
            String cellId) {}

    Mono<UUID> insert(NewComment c) {
        return db.sql(
                        "insert into comments (event_id, thread_type, thread_id, parent_id, author_id, body,"
                                + " artifact_id, cell_id) values (:event, :type, :thread, :parent, :author, :body,"
                                + " :artifact, :cell) returning id")
                .bind("event", c.thread().eventId())
                .bind("type", c.thread().type())
                .bind("thread", c.thread().id())
                .bind("parent", Parameter.fromOrEmpty(c.parentId(), UUID.class))
                .bind("author", c.author())
                .bind("body", c.body().strip())
                .bind("artifact", Parameter.fromOrEmpty(c.artifactId(), UUID.class))
                .bind("cell", Parameter.fromOrEmpty(c.cellId(), String.class))
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    Mono<Comment> find(String type, UUID threadId, UUID commentId) {
        return db.sql(
                        "select "
                                + COMMENT
                                + " where c.id = :id and c.thread_type = :type and c.thread_id = :thread")
                .bind("id", commentId)
                .bind("type", type)
                .bind("thread", threadId)
                .map(CommentRepository::toComment)
                .one();
    }

    /** The thread oldest first, optionally only the comments anchored to one artifact. */
    Flux<Comment> thread(String type, UUID threadId, UUID artifactId) {
        return db.sql(
                        "select "
                                + COMMENT
                                + " where c.thread_type = :type and c.thread_id = :thread"
                                + " and (cast(:artifact as uuid) is null or c.artifact_id = :artifact)"
                                + " order by c.created_at, c.id")
                .bind("type", type)
                .bind("thread", threadId)
                .bind("artifact", Parameter.fromOrEmpty(artifactId, UUID.class))
                .map(CommentRepository::toComment)
                .all();
    }

    /** Edits the author's comment within 15 minutes of writing it (database clock). */
    Mono<Long> edit(UUID commentId, UUID author, String body) {
        return db.sql(
                        "update comments set body = :body, edited_at = now() where id = :id and author_id = :author"
                                + " and deleted_at is null and created_at > now() - interval '15 minutes'")
                .bind("body", body.strip())
                .bind("id", commentId)
                .bind("author", author)
                .fetch()
                .rowsUpdated();
    }

    Mono<Long> softDelete(UUID commentId, UUID by) {
        return db.sql(
                        "update comments set deleted_at = now(), deleted_by = :by where id = :id and deleted_at is null")
                .bind("id", commentId)
                .bind("by", by)
                .fetch()
                .rowsUpdated();
    }

    private static Comment toComment(Readable row, Object meta) {
        boolean deleted = row.get("deleted_at", Instant.class) != null;
        Instant edited = row.get("edited_at", Instant.class);
        return new Comment(
                row.get("id", UUID.class),
                row.get("parent_id", UUID.class),
                row.get("author_id", UUID.class),
                null,
                deleted ? null : row.get("body", String.class),
                null,
                edited != null,
                deleted,
                row.get("created_at", Instant.class),
                edited,
                row.get("artifact_id", UUID.class),
                row.get("cell_id", String.class));
    }
}
