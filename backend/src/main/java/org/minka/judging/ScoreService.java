package org.minka.judging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.HttpCaching;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A judge's own scores: their queue, a draft saved and edited, then submitted. Writes need the
 * assignment (and no conflict) and an open JUDGING window; a judge reads only their own scores, so
 * a judge never sees another judge's. Anyone without the assignment gets 404.
 */
@Service
class ScoreService {

    private final ScoreRepository scores;
    private final Rubrics rubrics;
    private final EventAccess events;
    private final TransactionalOperator tx;

    ScoreService(
            ScoreRepository scores,
            Rubrics rubrics,
            EventAccess events,
            ReactiveTransactionManager transactions) {
        this.scores = scores;
        this.rubrics = rubrics;
        this.events = events;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** The caller's assignments in the event (judges of the event; others 403). */
    Mono<JudgeQueue> queue(UUID eventId, CurrentUser user) {
        return events.visible(eventId, user)
                .then(
                        Checks.require(
                                events.isJudgeOf(eventId, null, user), MinkaException::forbidden))
                .then(scores.queue(eventId, user.id()).collectList())
                .map(JudgeQueue::of);
    }

    /** The caller's score of an assigned submission; NOT_STARTED before the first save. */
    Mono<Score> get(UUID eventId, UUID submissionId, CurrentUser user) {
        return events.visible(eventId, user)
                .then(scores.assignment(eventId, submissionId, user.id()))
                .switchIfEmpty(Mono.error(ScoreProblems::notAssigned))
                .flatMap(a -> current(a, user));
    }

    private Mono<Score> current(ScoreRepository.Assignment a, CurrentUser user) {
        return rubrics.effective(a.eventId(), a.challengeId())
                .flatMap(
                        rubric ->
                                scores.find(a.eventId(), a.submissionId(), user.id())
                                        .map(row -> view(row, rubric.rubric()))
                                        .defaultIfEmpty(notStarted(a, rubric.rubric())));
    }

    /**
     * Saves the caller's marks: a draft (values may be missing), or an edit of a submitted score
     * (every criterion needs a value; the total is recomputed). {@code expected} is If-Match's
     * version: a mismatch, or If-Match on a score not yet saved, fails with 412.
     */
    Mono<Score> save(
            UUID eventId, UUID submissionId, Score.Save save, Long expected, CurrentUser user) {
        return writable(eventId, submissionId, user)
                .flatMap(w -> saved(w, clean(save.marksOrEmpty()), save.comment(), expected, user))
                .as(tx::transactional)
                .onErrorMap(ScoreProblems::conflicted, e -> ScoreProblems.notAssigned());
    }

    /** Submits the caller's draft: every criterion needs a value. Submitting twice is a no-op. */
    Mono<Score> submit(UUID eventId, UUID submissionId, Long expected, CurrentUser user) {
        return writable(eventId, submissionId, user)
                .flatMap(w -> submitted(w, expected, user))
                .as(tx::transactional)
                .onErrorMap(ScoreProblems::conflicted, e -> ScoreProblems.notAssigned());
    }

    /** What a write needs: the assignment and its rubric, checked in this order. */
    private record Writable(ScoreRepository.Assignment assignment, Rubrics.Stored rubric) {}

    private Mono<Writable> writable(UUID eventId, UUID submissionId, CurrentUser user) {
        return events.visible(eventId, user)
                .then(scores.assignment(eventId, submissionId, user.id()))
                .switchIfEmpty(Mono.error(ScoreProblems::notAssigned))
                .flatMap(this::whileJudgingOpen)
                .flatMap(
                        a ->
                                rubrics.effective(eventId, a.challengeId())
                                        .map(r -> new Writable(a, r)));
    }

    private Mono<ScoreRepository.Assignment> whileJudgingOpen(ScoreRepository.Assignment a) {
        return Checks.require(
                        events.isOpen(a.eventId(), Phase.JUDGING), ScoreProblems::judgingClosed)
                .thenReturn(a);
    }

    private Mono<Score> saved(
            Writable w,
            Map<String, Score.Mark> marks,
            String comment,
            Long expected,
            CurrentUser user) {
        ScoreRepository.Assignment a = w.assignment();
        return scores.find(a.eventId(), a.submissionId(), user.id())
                .map(row -> checked(row, expected))
                .flatMap(row -> edited(row, w, marks, comment))
                .switchIfEmpty(Mono.defer(() -> firstDraft(w, marks, comment, expected, user)))
                .map(row -> view(row, w.rubric().rubric()));
    }

    private Mono<ScoreRepository.Row> edited(
            ScoreRepository.Row row, Writable w, Map<String, Score.Mark> marks, String comment) {
        Rubric rubric = w.rubric().rubric();
        boolean submitted = row.status() == Score.Status.SUBMITTED;
        ScoreProblems.check(rubric, marks, submitted);
        Double total = submitted ? ScoreProblems.total(rubric, marks) : null;
        return scores.update(row, marks, comment, total)
                .switchIfEmpty(Mono.error(ScoreService::stale));
    }

    private Mono<ScoreRepository.Row> firstDraft(
            Writable w,
            Map<String, Score.Mark> marks,
            String comment,
            Long expected,
            CurrentUser user) {
        if (expected != null) {
            return Mono.error(stale());
        }
        ScoreProblems.check(w.rubric().rubric(), marks, false);
        return scores.insertDraft(w.assignment(), user.id(), w.rubric().id(), marks, comment)
                .switchIfEmpty(Mono.error(ScoreService::stale));
    }

    private Mono<Score> submitted(Writable w, Long expected, CurrentUser user) {
        ScoreRepository.Assignment a = w.assignment();
        Rubric rubric = w.rubric().rubric();
        return scores.find(a.eventId(), a.submissionId(), user.id())
                .switchIfEmpty(Mono.fromRunnable(() -> ScoreProblems.check(rubric, Map.of(), true)))
                .map(row -> checked(row, expected))
                .flatMap(row -> submittedRow(row, rubric))
                .map(row -> view(row, rubric));
    }

    private Mono<ScoreRepository.Row> submittedRow(ScoreRepository.Row row, Rubric rubric) {
        if (row.status() == Score.Status.SUBMITTED) {
            return Mono.just(row);
        }
        ScoreProblems.check(rubric, row.marks(), true);
        return scores.submit(row, ScoreProblems.total(rubric, row.marks()))
                .switchIfEmpty(Mono.error(ScoreService::stale));
    }

    private static ScoreRepository.Row checked(ScoreRepository.Row row, Long expected) {
        HttpCaching.checkVersion(expected, row.version());
        return row;
    }

    /** Marks without empty entries (no value and no comment), in the order given. */
    private static Map<String, Score.Mark> clean(Map<String, Score.Mark> marks) {
        Map<String, Score.Mark> clean = new LinkedHashMap<>();
        marks.forEach(
                (key, mark) -> {
                    if (mark != null && (mark.value() != null || mark.comment() != null)) {
                        clean.put(key, mark);
                    }
                });
        return clean;
    }

    private static MinkaException stale() {
        return new MinkaException(ProblemType.STALE_VERSION);
    }

    static Score view(ScoreRepository.Row row, Rubric rubric) {
        return new Score(
                row.submissionId(),
                row.challengeId(),
                row.versionNumber(),
                row.status(),
                row.marks(),
                row.comment(),
                row.total(),
                row.submittedAt(),
                row.updatedAt(),
                row.version(),
                rubric);
    }

    private static Score notStarted(ScoreRepository.Assignment a, Rubric rubric) {
        return new Score(
                a.submissionId(),
                a.challengeId(),
                a.versionNumber(),
                Score.Status.NOT_STARTED,
                Map.of(),
                null,
                null,
                null,
                null,
                0,
                rubric);
    }
}
