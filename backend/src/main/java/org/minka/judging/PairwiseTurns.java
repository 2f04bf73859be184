package org.minka.judging;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * A judge's pairwise turns, as Gavel runs them. The first call hands a first item; the next call
 * moves it to "previous" and hands another, which the judge then says is better or worse than the
 * previous one, or skips. After each decision, the next call hands the next item. While a pair
 * waits for its decision, the next call answers it again. Each judge's state is locked for the
 * length of a call, and items are leased in SQL (see {@link PairwiseRepository#lease}).
 */
@Service
class PairwiseTurns {

    private static final int ATTEMPTS = 3;

    private final PairwiseAccess access;
    private final PairwiseRepository repo;
    private final SubmissionAccess submissions;
    private final PairwiseProperties settings;
    private final PairwiseRandom random;

    PairwiseTurns(
            PairwiseAccess access,
            PairwiseRepository repo,
            SubmissionAccess submissions,
            PairwiseProperties settings,
            PairwiseRandom random) {
        this.access = access;
        this.repo = repo;
        this.submissions = submissions;
        this.settings = settings;
        this.random = random;
    }

    /** The caller's turn: the pair waiting for their decision, else the next item. */
    @Transactional
    Mono<PairwiseApi.Turn> next(UUID eventId, UUID challengeId, CurrentUser user) {
        return access.judge(eventId, challengeId, user)
                .then(sync(eventId, challengeId))
                .then(repo.lockJudge(eventId, challengeId, user.id()))
                .flatMap(judge -> advance(eventId, judge));
    }

    /** Makes every counted version of the challenge an item. */
    Mono<Void> sync(UUID eventId, UUID challengeId) {
        return submissions
                .countedVersions(eventId, challengeId)
                .collectList()
                .flatMap(counted -> repo.sync(eventId, challengeId, counted));
    }

    private Mono<PairwiseApi.Turn> advance(UUID eventId, PairwiseRepository.JudgeRow judge) {
        if (judge.currentId() != null && judge.previousId() != null) {
            return repo.renew(judge.currentId(), judge.judgeId(), settings.timeout())
                    .map(PairwiseRepository.ItemRow::leasedUntil)
                    .flatMap(until -> turn(judge, until))
                    .switchIfEmpty(Mono.defer(() -> turn(judge, null)));
        }
        if (judge.currentId() != null) {
            return begin(judge).flatMap(begun -> choose(begun, ATTEMPTS));
        }
        return choose(judge, ATTEMPTS);
    }

    /** The first item was seen: it becomes the previous one, not yet compared. */
    private Mono<PairwiseRepository.JudgeRow> begin(PairwiseRepository.JudgeRow judge) {
        UUID first = judge.currentId();
        PairwiseRepository.JudgeRow begun =
                new PairwiseRepository.JudgeRow(
                        judge.challengeId(),
                        judge.judgeId(),
                        judge.alpha(),
                        judge.beta(),
                        first,
                        false,
                        null,
                        judge.decisions());
        return repo.ignore(judge.challengeId(), judge.judgeId(), first, "SEEN")
                .then(repo.release(first, judge.judgeId()))
                .thenReturn(begun);
    }

    /** Picks and leases the next item; tries again when other judges took every pick. */
    private Mono<PairwiseApi.Turn> choose(PairwiseRepository.JudgeRow judge, int attempts) {
        return repo.candidates(judge.challengeId(), judge.judgeId())
                .collectList()
                .flatMap(candidates -> pick(judge, candidates))
                .flatMap(order -> leaseFirst(judge, order, attempts));
    }

    private Mono<List<UUID>> pick(
            PairwiseRepository.JudgeRow judge, List<PairwiseChooser.Candidate> candidates) {
        if (judge.previousId() == null) {
            return Mono.just(order(judge, candidates, null));
        }
        return repo.item(judge.previousId())
                .map(previous -> order(judge, candidates, previous.candidate()));
    }

    private List<UUID> order(
            PairwiseRepository.JudgeRow judge,
            List<PairwiseChooser.Candidate> candidates,
            PairwiseChooser.Candidate previous) {
        return PairwiseChooser.order(
                candidates,
                previous,
                judge.alpha(),
                judge.beta(),
                settings.minViews(),
                settings.epsilon(),
                random.forTurn(
                        judge.judgeId(),
                        judge.challengeId(),
                        judge.decisions(),
                        judge.previousId()));
    }

    private Mono<PairwiseApi.Turn> leaseFirst(
            PairwiseRepository.JudgeRow judge, List<UUID> order, int attempts) {
        if (order.isEmpty()) {
            return handed(judge.withCurrent(null), null);
        }
        return repo.lease(judge.judgeId(), order, settings.timeout())
                .flatMap(item -> handed(judge.withCurrent(item.id()), item))
                .switchIfEmpty(Mono.defer(() -> retry(judge, attempts)));
    }

    private Mono<PairwiseApi.Turn> retry(PairwiseRepository.JudgeRow judge, int attempts) {
        return attempts > 1 ? choose(judge, attempts - 1) : handed(judge.withCurrent(null), null);
    }

    private Mono<PairwiseApi.Turn> handed(
            PairwiseRepository.JudgeRow judge, PairwiseRepository.ItemRow current) {
        return repo.saveJudge(judge)
                .then(turn(judge, current == null ? null : current.leasedUntil()));
    }

    private Mono<PairwiseApi.Turn> turn(
            PairwiseRepository.JudgeRow judge, java.time.Instant until) {
        return Mono.zip(itemOf(judge.previousId()), itemOf(judge.currentId()))
                .map(
                        pair ->
                                new PairwiseApi.Turn(
                                        judge.challengeId(),
                                        pair.getT1().orElse(null),
                                        pair.getT2().orElse(null),
                                        until,
                                        judge.decisions()));
    }

    private Mono<java.util.Optional<PairwiseApi.Item>> itemOf(UUID id) {
        if (id == null) {
            return Mono.just(java.util.Optional.empty());
        }
        return repo.item(id)
                .map(row -> java.util.Optional.of(new PairwiseApi.Item(id, row.versionNumber())));
    }

    /**
     * Records the caller's decision on the pair they were handed: 409 for any other pair, 400 for a
     * comparison without a previous item.
     */
    @Transactional
    Mono<PairwiseApi.Decision> decide(
            UUID eventId, UUID challengeId, PairwiseApi.DecisionRequest request, CurrentUser user) {
        return access.judge(eventId, challengeId, user)
                .then(complete(request))
                .then(repo.lockJudge(eventId, challengeId, user.id()))
                .flatMap(judge -> handedPair(judge, request))
                .flatMap(judge -> apply(eventId, judge, request))
                .onErrorMap(PairwiseTurns::conflicted, e -> MinkaException.notFound("submission"));
    }

    /** A conflict declared after the item was handed: the database refuses the decision. */
    private static boolean conflicted(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof io.r2dbc.spi.R2dbcException r && "P0403".equals(r.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static Mono<Void> complete(PairwiseApi.DecisionRequest request) {
        return Checks.require(
                request.outcome() == PairwiseReplay.Outcome.SKIP || request.previousId() != null,
                () -> MinkaException.invalid("previousId", "is required unless outcome is SKIP"));
    }

    private static Mono<PairwiseRepository.JudgeRow> handedPair(
            PairwiseRepository.JudgeRow judge, PairwiseApi.DecisionRequest request) {
        boolean handed =
                judge.currentId() != null
                        && judge.currentId().equals(request.currentId())
                        && Objects.equals(judge.previousId(), request.previousId());
        return Checks.require(handed, () -> new MinkaException(ProblemType.PAIRWISE_NOT_HANDED))
                .thenReturn(judge);
    }

    private Mono<PairwiseApi.Decision> apply(
            UUID eventId, PairwiseRepository.JudgeRow judge, PairwiseApi.DecisionRequest request) {
        Mono<PairwiseRepository.JudgeRow> after =
                request.outcome() == PairwiseReplay.Outcome.SKIP
                        ? skip(judge)
                        : compare(judge, request.outcome());
        return after.flatMap(repo::saveJudge)
                .then(repo.release(judge.currentId(), judge.judgeId()))
                .then(record(eventId, judge, request));
    }

    private Mono<PairwiseRepository.JudgeRow> skip(PairwiseRepository.JudgeRow judge) {
        PairwiseRepository.JudgeRow after =
                new PairwiseRepository.JudgeRow(
                        judge.challengeId(),
                        judge.judgeId(),
                        judge.alpha(),
                        judge.beta(),
                        judge.previousId(),
                        judge.previousCounted(),
                        null,
                        judge.decisions() + 1);
        return repo.ignore(judge.challengeId(), judge.judgeId(), judge.currentId(), "SKIPPED")
                .thenReturn(after);
    }

    /** Moves both items' scores and the judge's reliability by one CrowdBT step. */
    private Mono<PairwiseRepository.JudgeRow> compare(
            PairwiseRepository.JudgeRow judge, PairwiseReplay.Outcome outcome) {
        return repo.lockItems(judge.previousId(), judge.currentId())
                .collectMap(PairwiseRepository.ItemRow::id)
                .flatMap(items -> scored(judge, outcome, items));
    }

    private Mono<PairwiseRepository.JudgeRow> scored(
            PairwiseRepository.JudgeRow judge,
            PairwiseReplay.Outcome outcome,
            java.util.Map<UUID, PairwiseRepository.ItemRow> items) {
        PairwiseReplay.Compared c =
                PairwiseReplay.compare(
                        new PairwiseReplay.Judge(judge.alpha(), judge.beta(), judge.decisions()),
                        items.get(judge.previousId()).state(),
                        items.get(judge.currentId()).state(),
                        outcome);
        PairwiseRepository.JudgeRow after =
                new PairwiseRepository.JudgeRow(
                        judge.challengeId(),
                        judge.judgeId(),
                        c.judge().alpha(),
                        c.judge().beta(),
                        judge.currentId(),
                        true,
                        null,
                        judge.decisions() + 1);
        return repo.score(judge.previousId(), c.previous(), judge.previousCounted() ? 0 : 1)
                .then(repo.score(judge.currentId(), c.current(), 1))
                .then(repo.ignore(judge.challengeId(), judge.judgeId(), judge.currentId(), "SEEN"))
                .thenReturn(after);
    }

    private Mono<PairwiseApi.Decision> record(
            UUID eventId, PairwiseRepository.JudgeRow judge, PairwiseApi.DecisionRequest request) {
        return repo.insertDecision(
                        eventId,
                        judge.challengeId(),
                        judge.judgeId(),
                        request.previousId(),
                        request.currentId(),
                        request.outcome())
                .map(
                        stored ->
                                new PairwiseApi.Decision(
                                        stored.id(),
                                        judge.challengeId(),
                                        request.previousId(),
                                        request.currentId(),
                                        request.outcome(),
                                        stored.decidedAt()));
    }
}
