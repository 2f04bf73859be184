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
                .flatMap(
                        reader -> {
                            SubmissionAccess.Roles r = reader.roles();
                            boolean writer = r.member() || r.mentor() || r.organizer();
                            boolean reads = writer || (r.judge() && judgesRead(reader.facts()));
                            return reads
                                    ? Mono.just(new Found(reader.facts(), writer, r.organizer()))
                                    : Mono.<Found>empty();
                        })
                .switchIfEmpty(Mono.error(MinkaException.notFound("submission")));
    }

    private Mono<Found> writable(UUID submissionId, CurrentUser user) {
        return readable(submissionId, user)
                .flatMap(
                        found ->
                                found.writer()
                                        ? Mono.just(found)
                                        : Mono.error(MinkaException.forbidden()));
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
        return teams.isMember(f.teamId(), userId)
                .flatMap(
                        member ->
                                member
                                        ? Mono.just(true)
                                        : access.isMentorOrOrganizer(
                                                f.eventId(), f.challengeId(), userId))
                .flatMap(
                        reads ->
                                reads || !judgesRead(f)
                                        ? Mono.just(reads)
                                        : submissions.isJudge(f, userId));
    }

    Mono<List<Comment>> list(UUID submissionId, UUID artifactId, CurrentUser user) {
        return readable(submissionId, user)
                .flatMap(found -> threads.list(thread(found), artifactId));
    }

    /** Writes a comment; the team hears of it, the author replied to and those mentioned too. */
    @Transactional
    Mono<Comment> write(UUID submissionId, Comment.Anchored write, CurrentUser user) {
        return writable(submissionId, user)
                .flatMap(
                        found ->
                                checkAnchor(found.facts(), write)
                                        .then(
                                                threads.write(
                                                        thread(found),
                                                        user,
                                                        new CommentThreads.Draft(
                                                                write.body(),
                                                                write.parentId(),
                                                                write.mentions(),
                                                                write.artifactId(),
                                                                write.cellId()),
                                                        new CommentThreads.Audience(
                                                                Notification.SUBMISSION_COMMENT,
                                                                teams.memberIds(
                                                                        found.facts().teamId())))));
    }

    /** The artifact must be this submission's, and a cell needs a notebook artifact. */
    private Mono<Void> checkAnchor(SubmissionAccess.Facts f, Comment.Anchored write) {
        if (write.artifactId() == null) {
            return write.cellId() == null
                    ? Mono.empty()
                    : Mono.error(
                            MinkaException.invalid(
                                    "cellId", "a cell anchor needs the notebook's artifactId"));
        }
        return submissions
                .artifactKind(f.id(), write.artifactId())
                .switchIfEmpty(
                        Mono.error(
                                MinkaException.invalid(
                                        "artifactId", "no such artifact in this submission")))
                .flatMap(
                        kind ->
                                write.cellId() != null && !"NOTEBOOK".equals(kind)
                                        ? Mono.error(
                                                MinkaException.invalid(
                                                        "cellId",
                                                        "only notebook artifacts have cells"))
                                        : Mono.<Void>empty());
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
