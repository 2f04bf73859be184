package org.minka.judging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/**
 * What organizers read of pairwise judging: a challenge's ranking (mu descending, as stored or
 * recomputed from every decision) and each judge's reliability.
 */
@Service
class PairwiseStandings {

    static final String LIVE = "LIVE";
    static final String DECISIONS = "DECISIONS";

    private static final Comparator<Scored> BEST_FIRST =
            Comparator.comparingDouble((Scored s) -> -s.item().mu())
                    .thenComparingDouble(s -> s.item().sigmaSq())
                    .thenComparing(Scored::id);

    private final PairwiseAccess access;
    private final PairwiseRepository repo;
    private final PairwiseTurns turns;
    private final UserDirectory users;

    PairwiseStandings(
            PairwiseAccess access,
            PairwiseRepository repo,
            PairwiseTurns turns,
            UserDirectory users) {
        this.access = access;
        this.repo = repo;
        this.turns = turns;
        this.users = users;
    }

    private record Scored(UUID id, int versionNumber, PairwiseReplay.Item item) {}

    /** The ranking, from the stored scores or ({@code recompute}) from the decisions alone. */
    @Transactional
    Mono<PairwiseApi.Ranking> ranking(
            UUID eventId, UUID challengeId, boolean recompute, CurrentUser user) {
        return access.organizer(eventId, challengeId, user)
                .then(turns.sync(eventId, challengeId))
                .then(recompute ? replayed(challengeId) : live(challengeId));
    }

    /** The ranking from the stored scores, for other parts of the module (no access check). */
    Mono<PairwiseApi.Ranking> live(UUID challengeId) {
        return repo.ranking(challengeId)
                .map(row -> new Scored(row.id(), row.versionNumber(), row.state()))
                .collectList()
                .zipWith(decisionCount(challengeId))
                .map(t -> ranking(challengeId, LIVE, t.getT1(), t.getT2()));
    }

    private Mono<PairwiseApi.Ranking> replayed(UUID challengeId) {
        return repo.ranking(challengeId)
                .collectList()
                .zipWith(repo.decisions(challengeId).collectList())
                .map(t -> recomputed(challengeId, t.getT1(), t.getT2()));
    }

    private static PairwiseApi.Ranking recomputed(
            UUID challengeId,
            List<PairwiseRepository.ItemRow> rows,
            List<PairwiseReplay.Decision> decisions) {
        PairwiseReplay.State state =
                PairwiseReplay.replay(
                        rows.stream().map(PairwiseRepository.ItemRow::id).toList(), decisions);
        List<Scored> scored = new ArrayList<>();
        for (PairwiseRepository.ItemRow row : rows) {
            scored.add(new Scored(row.id(), row.versionNumber(), state.items().get(row.id())));
        }
        return ranking(challengeId, DECISIONS, scored, decisions.size());
    }

    private Mono<Long> decisionCount(UUID challengeId) {
        return repo.decisionCount(challengeId);
    }

    private static PairwiseApi.Ranking ranking(
            UUID challengeId, String source, List<Scored> scored, long decisions) {
        List<Scored> sorted = scored.stream().sorted(BEST_FIRST).toList();
        List<PairwiseApi.Standing> items = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Scored s = sorted.get(i);
            items.add(
                    new PairwiseApi.Standing(
                            i + 1,
                            s.id(),
                            s.versionNumber(),
                            s.item().mu(),
                            s.item().sigmaSq(),
                            s.item().views()));
        }
        return new PairwiseApi.Ranking(challengeId, source, decisions, items);
    }

    /** Each judge's reliability in the challenge, most decisions first. */
    Mono<PairwiseApi.Judges> judges(UUID eventId, UUID challengeId, CurrentUser user) {
        return access.organizer(eventId, challengeId, user)
                .then(repo.judges(challengeId).collectList())
                .flatMap(rows -> named(challengeId, rows));
    }

    private Mono<PairwiseApi.Judges> named(
            UUID challengeId, List<PairwiseRepository.JudgeRow> rows) {
        return users.namesOf(rows.stream().map(PairwiseRepository.JudgeRow::judgeId).toList())
                .map(names -> new PairwiseApi.Judges(challengeId, judges(rows, names)));
    }

    private static List<PairwiseApi.Judge> judges(
            List<PairwiseRepository.JudgeRow> rows, Map<UUID, String> names) {
        return rows.stream()
                .sorted(
                        Comparator.comparingInt((PairwiseRepository.JudgeRow j) -> -j.decisions())
                                .thenComparing(PairwiseRepository.JudgeRow::judgeId))
                .map(
                        j ->
                                new PairwiseApi.Judge(
                                        j.judgeId(),
                                        names.get(j.judgeId()),
                                        j.alpha(),
                                        j.beta(),
                                        j.alpha() / (j.alpha() + j.beta()),
                                        j.decisions()))
                .toList();
    }
}
