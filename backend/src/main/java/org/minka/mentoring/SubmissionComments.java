package org.minka.mentoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.MinkaException;
import org.minka.event.EventAccess;
import org.minka.notification.Notification;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionAccess;
import org.minka.team.TeamLookup;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Comments on a submission: feedback from mentors, organizers and the team itself, optionally
 * anchored to an artifact and a notebook cell.
 *
 * <p>Team members, mentors of the challenge (or of the whole event) and organizers read and write.
 * Judges read only when the event's {@code judgesSeeMentorThreads} setting allows, and never write.
 * Everyone else, the public included, gets 404: the thread's existence is private.
 */
@Service
class SubmissionComments {

    static final String THREAD = "SUBMISSION";

    private final SubmissionAccess submissions;
    private final EventAccess access;
    private final TeamLookup teams;
    private final CommentThreads threads;

    SubmissionComments(
            SubmissionAccess submissions,
            EventAccess access,
            TeamLookup teams,
            CommentThreads threads) {
        this.submissions = submissions;
        this.access = access;
        this.teams = teams;
        this.threads = threads;
    }

    /** The caller's standing: may they write, or only read. */
    private record Found(SubmissionAccess.Facts facts, boolean writer, boolean organizer) {}

    private static boolean judgesRead(SubmissionAccess.Facts facts) {
        return Boolean.TRUE.equals(facts.settings().judgesSeeMentorThreads());
    }

    /** The thread if the caller may read it; 404 otherwise. */
    private Mono<Found> readable(UUID submissionId, CurrentUser user) {
        return submissions
                .reader(submissionId, user)
                .flatMap(SubmissionComments::found)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("submission")));
    }

    /** Writers are the team, mentors and organizers; judges read when the event allows. */
    private static Mono<Found> found(SubmissionAccess.Reader reader) {
        SubmissionAccess.Roles r = reader.roles();
        boolean writer = r.member() || r.mentor() || r.organizer();
        boolean reads = writer || (r.judge() && judgesRead(reader.facts()));
        return reads ? Mono.just(new Found(reader.facts(), writer, r.organizer())) : Mono.empty();
    }

    private Mono<Found> writable(UUID submissionId, CurrentUser user) {
        return readable(submissionId, user)
                .filter(Found::writer)
                .switchIfEmpty(Mono.error(MinkaException::forbidden));
    }

    private CommentThreads.Thread thread(Found found) {
        SubmissionAccess.Facts f = found.facts();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("submissionId", f.id());
        context.put("challengeId", f.challengeId());
        context.put("teamId", f.teamId());
        return new CommentThreads.Thread(
                THREAD, f.id(), f.eventId(), found.organizer(), id -> mayRead(f, id), context);
    }

    /** Whether this user (by id) may read the thread: for replies and mentions. */
    private Mono<Boolean> mayRead(SubmissionAccess.Facts f, UUID userId) {
        return Flux.concat(
                        Mono.defer(() -> teams.isMember(f.teamId(), userId)),
                        Mono.defer(
                                () ->
                                        access.isMentorOrOrganizer(
                                                f.eventId(), f.challengeId(), userId)),
                        Mono.defer(() -> judgeReads(f, userId)))
                .any(yes -> yes);
    }

    private Mono<Boolean> judgeReads(SubmissionAccess.Facts f, UUID userId) {
        return judgesRead(f) ? submissions.isJudge(f, userId) : Mono.just(false);
    }

    Mono<List<Comment>> list(UUID submissionId, UUID artifactId, CurrentUser user) {
        return readable(submissionId, user)
                .flatMap(found -> threads.list(thread(found), artifactId));
    }

    /** Writes a comment; the team hears of it, the author replied to and those mentioned too. */
    @Transactional
    Mono<Comment> write(UUID submissionId, Comment.Anchored write, CurrentUser user) {
        CommentThreads.Draft draft =
                new CommentThreads.Draft(
                        write.body(),
                        write.parentId(),
                        write.mentions(),
                        write.artifactId(),
                        write.cellId());
        return writable(submissionId, user)
                .flatMap(
                        found ->
                                checkAnchor(found.facts(), write)
                                        .then(written(found, draft, user)));
    }

    private Mono<Comment> written(Found found, CommentThreads.Draft draft, CurrentUser user) {
        CommentThreads.Audience team =
                new CommentThreads.Audience(
                        Notification.SUBMISSION_COMMENT, teams.memberIds(found.facts().teamId()));
        return threads.write(thread(found), user, draft, team);
    }

    /** The artifact must be this submission's, and a cell needs a notebook artifact. */
    private Mono<Void> checkAnchor(SubmissionAccess.Facts f, Comment.Anchored write) {
        if (write.artifactId() == null) {
            return write.cellId() == null
                    ? Mono.empty()
                    : Mono.error(
                            invalid("cellId", "a cell anchor needs the notebook's artifactId"));
        }
        return submissions
                .artifactKind(f.id(), write.artifactId())
                .switchIfEmpty(
                        Mono.error(
                                () -> invalid("artifactId", "no such artifact in this submission")))
                .flatMap(kind -> checkCell(kind, write.cellId()));
    }

    private static Mono<Void> checkCell(String kind, String cellId) {
        return cellId != null && !"NOTEBOOK".equals(kind)
                ? Mono.error(invalid("cellId", "only notebook artifacts have cells"))
                : Mono.empty();
    }

    private static MinkaException invalid(String field, String message) {
        return MinkaException.invalid(field, message);
    }

    @Transactional
    Mono<Comment> edit(UUID submissionId, UUID commentId, Comment.Edit edit, CurrentUser user) {
        return writable(submissionId, user)
                .flatMap(found -> threads.edit(thread(found), commentId, edit.body(), user));
    }

    @Transactional
    Mono<Void> delete(UUID submissionId, UUID commentId, CurrentUser user) {
        return writable(submissionId, user)
                .flatMap(found -> threads.delete(thread(found), commentId, user));
    }
}
