package org.minka.judging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.event.Phase;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The finals: each judge of the challenge casts a complete ranking of its confirmed finalists while
 * JUDGING is open (and may replace it, with If-Match); organizers read the aggregated result.
 */
@Service
class FinalBallotService {

    private final FinalistRepository finals;
    private final FinalistService finalists;
    private final EventAccess events;

    FinalBallotService(FinalistRepository finals, FinalistService finalists, EventAccess events) {
        this.finals = finals;
        this.finalists = finalists;
        this.events = events;
    }

    /** Casts or replaces the caller's ranking of the challenge's finalists. */
    Mono<FinalBallot> cast(
            UUID eventId,
            UUID challengeId,
            FinalBallot.Cast cast,
            Long expected,
            CurrentUser user) {
        return judgeOf(eventId, challengeId, user)
                .then(
                        Checks.require(
                                events.isOpen(eventId, Phase.JUDGING),
                                ScoreProblems::judgingClosed))
                .then(confirmed(challengeId))
                .flatMap(list -> unconflicted(list, user))
                .doOnNext(list -> checkPermutation(list, cast.ranking()))
                .flatMap(
                        list ->
                                finals.cast(
                                        eventId, challengeId, user.id(), cast.ranking(), expected))
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.STALE_VERSION)))
                .onErrorMap(ScoreProblems::conflicted, e -> MinkaException.notFound("finalists"));
    }

    /** The caller's own ballot (judges of the challenge); 404 before they cast one. */
    Mono<FinalBallot> own(UUID eventId, UUID challengeId, CurrentUser user) {
        return judgeOf(eventId, challengeId, user)
                .then(finals.ballot(challengeId, user.id()))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("ballot")));
    }

    /** The finals' result (organizers): Schulze by default, or Borda. */
    Mono<FinalistRanking> ranking(
            UUID eventId, UUID challengeId, FinalistRanking.Method method, CurrentUser user) {
        return finalists
                .challengeOf(eventId, challengeId, user)
                .then(events.requireOrganizer(eventId, user))
                .then(result(challengeId, method == null ? FinalistRanking.Method.SCHULZE : method))
                .switchIfEmpty(Mono.error(FinalBallotService::notConfirmed));
    }

    /** The finals' result of a confirmed list; empty when the challenge has none. */
    Mono<FinalistRanking> result(UUID challengeId, FinalistRanking.Method method) {
        return finalists
                .stored(challengeId)
                .zipWith(finals.ballots(challengeId).collectList())
                .map(
                        t ->
                                FinalistRanking.of(
                                        challengeId, method, t.getT2(), t.getT1().finalists()));
    }

    private Mono<Void> judgeOf(UUID eventId, UUID challengeId, CurrentUser user) {
        return finalists
                .challengeOf(eventId, challengeId, user)
                .then(
                        Checks.require(
                                events.isJudgeOf(eventId, challengeId, user),
                                MinkaException::forbidden));
    }

    private Mono<FinalistList> confirmed(UUID challengeId) {
        return finalists
                .stored(challengeId)
                .switchIfEmpty(Mono.error(FinalBallotService::notConfirmed));
    }

    private Mono<FinalistList> unconflicted(FinalistList list, CurrentUser user) {
        return finals.conflicted(user.id(), FinalistService.ids(list.finalists()))
                .flatMap(
                        c ->
                                c
                                        ? Mono.error(MinkaException.notFound("finalists"))
                                        : Mono.just(list));
    }

    private static void checkPermutation(FinalistList list, List<UUID> ranking) {
        Set<UUID> expected = new HashSet<>(FinalistService.ids(list.finalists()));
        List<Problem.FieldViolation> violations = new ArrayList<>();
        if (new HashSet<>(ranking).size() != ranking.size()) {
            violations.add(new Problem.FieldViolation("ranking", "lists a finalist twice"));
        }
        ranking.stream()
                .filter(id -> !expected.contains(id))
                .forEach(
                        id ->
                                violations.add(
                                        new Problem.FieldViolation(
                                                "ranking", id + " is not a finalist")));
        expected.stream()
                .filter(id -> !ranking.contains(id))
                .forEach(
                        id ->
                                violations.add(
                                        new Problem.FieldViolation(
                                                "ranking", "misses finalist " + id)));
        if (!violations.isEmpty()) {
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    violations,
                    violations.size());
        }
    }

    static MinkaException notConfirmed() {
        return new MinkaException(
                ProblemType.CONFLICT, "problem.conflict.finalists-not-confirmed", List.of());
    }
}
