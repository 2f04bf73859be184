package org.minka.mentoring;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.SafeMarkdown;
import org.minka.notification.Notification;
import org.minka.notification.Notifier;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Comment threads, whatever they hang on: writing, replies, mentions, 15-minute edits and soft
 * deletes, and who is told. The caller has already decided that the user may read the thread.
 *
 * <p>Each comment notifies a user at most once, the most specific reason first: a reply to them,
 * then a mention, then the thread's audience (the team, the claiming mentor).
 */
@Component
class CommentThreads {

    private final CommentRepository comments;
    private final Notifier notifier;
    private final SafeMarkdown markdown;

    CommentThreads(CommentRepository comments, Notifier notifier, SafeMarkdown markdown) {
        this.comments = comments;
        this.notifier = notifier;
        this.markdown = markdown;
    }

    /**
     * A thread as the caller stands to it: its kind and id, its event, whether the caller organizes
     * the event, who else may read it (for replies and mentions), and what notifications about it
     * carry.
     */
    record Thread(
            String type,
            UUID id,
            UUID eventId,
            boolean organizer,
            Function<UUID, Mono<Boolean>> mayRead,
            Map<String, Object> context) {}

    /** Who hears of a new comment besides replies and mentions, and as what kind. */
    record Audience(String kind, Flux<UUID> users) {

        static Audience nobody() {
            return new Audience(null, Flux.empty());
        }
    }

    /** A new comment. */
    record Draft(String body, UUID parentId, List<UUID> mentions, UUID artifactId, String cellId) {}

    Mono<List<Comment>> list(Thread thread, UUID artifactId) {
        return comments.thread(thread.type(), thread.id(), artifactId)
                .map(this::rendered)
                .collectList();
    }

    Mono<Comment> write(Thread thread, CurrentUser user, Draft draft, Audience audience) {
        return parentAuthor(thread, draft.parentId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(
                        parent ->
                                comments.insert(
                                                new CommentRepository.NewComment(
                                                        thread,
                                                        draft.parentId(),
                                                        user.id(),
                                                        draft.body(),
                                                        draft.artifactId(),
                                                        draft.cellId()))
                                        .flatMap(
                                                id -> comments.find(thread.type(), thread.id(), id))
                                        .map(this::rendered)
                                        .flatMap(
                                                comment ->
                                                        tell(
                                                                        thread,
                                                                        user,
                                                                        comment,
                                                                        parent.orElse(null),
                                                                        draft.mentions(),
                                                                        audience)
                                                                .thenReturn(comment)));
    }

    /** The author of the comment replied to; a parent outside the thread is bad input. */
    private Mono<UUID> parentAuthor(Thread thread, UUID parentId) {
        if (parentId == null) {
            return Mono.empty();
        }
        return comments.find(thread.type(), thread.id(), parentId)
                .map(Comment::authorId)
                .switchIfEmpty(
                        Mono.error(
                                MinkaException.invalid(
                                        "parentId", "no such comment in this thread")));
    }

    /**
     * Tells, in order and once each: the author replied to, those mentioned, then the audience. A
     * mention of someone who may not read the thread is dropped without a word, so a mention never
     * tells the writer who exists.
     */
    private Mono<Void> tell(
            Thread thread,
            CurrentUser user,
            Comment comment,
            UUID parentAuthor,
            List<UUID> mentions,
            Audience audience) {
        Set<UUID> told = new LinkedHashSet<>();
        told.add(user.id());
        Map<String, Object> data = new LinkedHashMap<>(thread.context());
        data.put("commentId", comment.id());
        data.put("from", user.name() == null ? "" : user.name());
        Mono<Void> reply =
                parentAuthor == null || told.contains(parentAuthor)
                        ? Mono.empty()
                        : thread.mayRead()
                                .apply(parentAuthor)
                                .filter(may -> may)
                                .flatMap(
                                        may -> {
                                            told.add(parentAuthor);
                                            return notifier.notify(
                                                    parentAuthor,
                                                    thread.eventId(),
                                                    Notification.COMMENT_REPLY,
                                                    data);
                                        });
        Mono<Void> mentioned =
                Flux.fromIterable(mentions == null ? List.<UUID>of() : mentions)
                        .distinct()
                        .filter(id -> !told.contains(id))
                        .concatMap(
                                id -> thread.mayRead().apply(id).filter(may -> may).map(may -> id))
                        .collectList()
                        .flatMap(
                                readers -> {
                                    told.addAll(readers);
                                    return notifier.notifyAll(
                                            readers, thread.eventId(), Notification.MENTION, data);
                                });
        Mono<Void> rest =
                audience.kind() == null
                        ? Mono.empty()
                        : audience.users()
                                .filter(id -> !told.contains(id))
                                .distinct()
                                .collectList()
                                .flatMap(
                                        users ->
                                                notifier.notifyAll(
                                                        users,
                                                        thread.eventId(),
                                                        audience.kind(),
                                                        data));
        return reply.then(Mono.defer(() -> mentioned)).then(Mono.defer(() -> rest));
    }

    /** Edits my comment within 15 minutes of writing it. */
    Mono<Comment> edit(Thread thread, UUID commentId, String body, CurrentUser user) {
        return comments.find(thread.type(), thread.id(), commentId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("comment")))
                .flatMap(
                        comment -> {
                            if (!comment.authorId().equals(user.id())) {
                                return Mono.error(MinkaException.forbidden());
                            }
                            if (comment.deleted()) {
                                return Mono.error(MinkaException.notFound("comment"));
                            }
                            return comments.edit(commentId, user.id(), body)
                                    .flatMap(
                                            n ->
                                                    n == 1
                                                            ? comments.find(
                                                                            thread.type(),
                                                                            thread.id(),
                                                                            commentId)
                                                                    .map(this::rendered)
                                                            : Mono.error(
                                                                    new MinkaException(
                                                                            ProblemType
                                                                                    .EDIT_WINDOW_CLOSED)));
                        });
    }

    /** Deletes a comment softly (its author or an organizer); a placeholder stays in the thread. */
    Mono<Void> delete(Thread thread, UUID commentId, CurrentUser user) {
        return comments.find(thread.type(), thread.id(), commentId)
                .switchIfEmpty(Mono.error(MinkaException.notFound("comment")))
                .flatMap(
                        comment ->
                                comment.authorId().equals(user.id()) || thread.organizer()
                                        ? comments.softDelete(commentId, user.id())
                                        : Mono.error(MinkaException.forbidden()))
                .then();
    }

    private Comment rendered(Comment c) {
        return c.withHtml(markdown.render(c.body()));
    }
}
