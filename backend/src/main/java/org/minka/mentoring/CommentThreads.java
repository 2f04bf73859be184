package org.minka.mentoring;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.SafeMarkdown;
import org.minka.notification.Notification;
import org.minka.notification.Notifier;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
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
    private final UserDirectory users;

    CommentThreads(
            CommentRepository comments,
            Notifier notifier,
            SafeMarkdown markdown,
            UserDirectory users) {
        this.comments = comments;
        this.notifier = notifier;
        this.markdown = markdown;
        this.users = users;
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
                .collectList()
                .flatMap(this::shown);
    }

    /** Comments as readers see them: bodies rendered, authors named. */
    private Mono<List<Comment>> shown(List<Comment> list) {
        Set<UUID> authors = new LinkedHashSet<>();
        list.forEach(c -> authors.add(c.authorId()));
        return users.namesOf(authors).map(names -> shown(list, names));
    }

    private List<Comment> shown(List<Comment> list, Map<UUID, String> names) {
        return list.stream().map(c -> rendered(c.withAuthorName(names.get(c.authorId())))).toList();
    }

    /** One comment of the thread as readers see it; empty when there is no such comment. */
    private Mono<Comment> shown(Thread thread, UUID commentId) {
        return comments.find(thread.type(), thread.id(), commentId)
                .flatMap(c -> shown(List.of(c)))
                .map(list -> list.get(0));
    }

    Mono<Comment> write(Thread thread, CurrentUser user, Draft draft, Audience audience) {
        return parentAuthor(thread, draft.parentId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(parent -> written(thread, user, draft, audience, parent.orElse(null)));
    }

    private Mono<Comment> written(
            Thread thread, CurrentUser user, Draft draft, Audience audience, UUID parentAuthor) {
        CommentRepository.NewComment row =
                new CommentRepository.NewComment(
                        thread,
                        draft.parentId(),
                        user.id(),
                        draft.body(),
                        draft.artifactId(),
                        draft.cellId());
        return comments.insert(row)
                .flatMap(id -> shown(thread, id))
                .flatMap(c -> told(thread, user, c, parentAuthor, draft, audience));
    }

    private Mono<Comment> told(
            Thread thread,
            CurrentUser user,
            Comment comment,
            UUID parentAuthor,
            Draft draft,
            Audience audience) {
        return tell(thread, user, comment, parentAuthor, draft.mentions(), audience)
                .thenReturn(comment);
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
        Mono<Void> reply = reply(thread, parentAuthor, told, data);
        Mono<Void> mentioned = mentioned(thread, mentions, told, data);
        Mono<Void> rest = audience(thread, audience, told, data);
        return reply.then(Mono.defer(() -> mentioned)).then(Mono.defer(() -> rest));
    }

    private Mono<Void> reply(
            Thread thread, UUID parentAuthor, Set<UUID> told, Map<String, Object> data) {
        if (parentAuthor == null || told.contains(parentAuthor)) {
            return Mono.empty();
        }
        return thread.mayRead()
                .apply(parentAuthor)
                .filter(may -> may)
                .flatMap(may -> notifyOne(thread, parentAuthor, told, data));
    }

    private Mono<Void> notifyOne(
            Thread thread, UUID parentAuthor, Set<UUID> told, Map<String, Object> data) {
        told.add(parentAuthor);
        return notifier.notify(parentAuthor, thread.eventId(), Notification.COMMENT_REPLY, data);
    }

    private Mono<Void> mentioned(
            Thread thread, List<UUID> mentions, Set<UUID> told, Map<String, Object> data) {
        return Flux.fromIterable(mentions == null ? List.<UUID>of() : mentions)
                .distinct()
                .filter(id -> !told.contains(id))
                .concatMap(id -> thread.mayRead().apply(id).filter(may -> may).map(may -> id))
                .collectList()
                .flatMap(readers -> notifyMentioned(thread, readers, told, data));
    }

    private Mono<Void> notifyMentioned(
            Thread thread, List<UUID> readers, Set<UUID> told, Map<String, Object> data) {
        told.addAll(readers);
        return notifier.notifyAll(readers, thread.eventId(), Notification.MENTION, data);
    }

    private Mono<Void> audience(
            Thread thread, Audience audience, Set<UUID> told, Map<String, Object> data) {
        if (audience.kind() == null) {
            return Mono.empty();
        }
        return audience.users()
                .filter(id -> !told.contains(id))
                .distinct()
                .collectList()
                .flatMap(u -> notifier.notifyAll(u, thread.eventId(), audience.kind(), data));
    }

    /** Edits my comment within 15 minutes of writing it. */
    Mono<Comment> edit(Thread thread, UUID commentId, String body, CurrentUser user) {
        return comments.find(thread.type(), thread.id(), commentId)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("comment")))
                .flatMap(comment -> editable(comment, user))
                .then(
                        Checks.updatedOrFail(
                                comments.edit(commentId, user.id(), body),
                                () -> new MinkaException(ProblemType.EDIT_WINDOW_CLOSED)))
                .then(shown(thread, commentId));
    }

    /** Only the author edits, and not once deleted. */
    private static Mono<Void> editable(Comment comment, CurrentUser user) {
        if (!comment.authorId().equals(user.id())) {
            return Mono.error(MinkaException.forbidden());
        }
        if (comment.deleted()) {
            return Mono.error(MinkaException.notFound("comment"));
        }
        return Mono.empty();
    }

    /** Deletes a comment softly (its author or an organizer); a placeholder stays in the thread. */
    Mono<Void> delete(Thread thread, UUID commentId, CurrentUser user) {
        return comments.find(thread.type(), thread.id(), commentId)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("comment")))
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
