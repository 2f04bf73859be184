package org.minka.judging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Judging's one API for results: each challenge's provisional ranking (embargoed until results are
 * published). In rubric mode it is round 1's ranking, or, once judges have ranked a challenge's
 * finalists, the finals' result (Schulze) for the finalists followed by the others in round 1
 * order. In pairwise mode it is the Crowd BT ranking from {@link PairwiseRanking} (no ranking while
 * no such bean exists). Ties keep a shared rank.
 */
@Service
public class JudgingResults {

    /** Where a challenge's ranking comes from. */
    public enum Source {
        RUBRIC,
        FINALS,
        PAIRWISE
    }

    /** One submission's provisional place. */
    @Schema(name = "JudgingPlacement")
    public record Placement(
            UUID submissionId,
            UUID teamId,
            @Schema(
                            nullable = true,
                            description = "Shared by ties; null when unranked",
                            example = "1")
                    Integer rank,
            boolean tied,
            @Schema(
                            nullable = true,
                            description = "Round 1 score (mean z-score), or μ in pairwise mode",
                            example = "0.93")
                    Double score,
            @Schema(description = "Ranked in the finals") boolean finalist) {}

    /** A challenge's provisional ranking, best first. */
    @Schema(name = "JudgingChallengeResult")
    public record ChallengeResult(UUID challengeId, Source source, List<Placement> placements) {}

    private final RankingService ranking;
    private final FinalBallotService finals;
    private final FinalistRepository finalists;
    private final EventAccess events;
    private final ObjectProvider<PairwiseRanking> pairwise;

    JudgingResults(
            RankingService ranking,
            FinalBallotService finals,
            FinalistRepository finalists,
            EventAccess events,
            ObjectProvider<PairwiseRanking> pairwise) {
        this.ranking = ranking;
        this.finals = finals;
        this.finalists = finalists;
        this.events = events;
        this.pairwise = pairwise;
    }

    /** The event's provisional results for an organizer (403/404 for anyone else). */
    public Mono<List<ChallengeResult>> provisional(UUID eventId, CurrentUser user) {
        return events.requireOrganizer(eventId, user)
                .then(events.visible(eventId, user))
                .flatMap(this::provisional);
    }

    /**
     * The event's provisional results, for modules that have checked the caller already (such as
     * the publication of results). Challenges come in id order.
     */
    public Mono<List<ChallengeResult>> provisional(EventAccess.EventFacts event) {
        EventSettings.JudgingMode mode = event.settings().judging().mode();
        return ranking.round1(event.id())
                .flatMap(
                        round1 ->
                                mode == EventSettings.JudgingMode.PAIRWISE
                                        ? pairwise(event.id(), round1)
                                        : rubric(event.id(), round1));
    }

    private Mono<List<ChallengeResult>> rubric(UUID eventId, RankingService.Round1 round1) {
        return finalists
                .rankedChallenges(eventId)
                .concatMap(c -> finals.result(c, FinalistRanking.Method.SCHULZE))
                .collectMap(FinalistRanking::challengeId)
                .map(byChallenge -> rubricResults(round1, byChallenge));
    }

    private static List<ChallengeResult> rubricResults(
            RankingService.Round1 round1, Map<UUID, FinalistRanking> finals) {
        List<ChallengeResult> results = new ArrayList<>();
        round1.result()
                .byChallenge()
                .forEach(
                        (challenge, ranked) ->
                                results.add(
                                        finals.containsKey(challenge)
                                                ? withFinals(round1, ranked, finals.get(challenge))
                                                : round1Only(round1, challenge, ranked)));
        return results;
    }

    private static ChallengeResult round1Only(
            RankingService.Round1 round1, UUID challenge, List<Aggregation.Ranked> ranked) {
        List<Placement> placements =
                ranked.stream()
                        .map(
                                r ->
                                        placement(
                                                round1,
                                                r.submissionId(),
                                                r.rank(),
                                                r.tied(),
                                                r.score(),
                                                false))
                        .toList();
        return new ChallengeResult(challenge, Source.RUBRIC, placements);
    }

    /** Finalists in the finals' order, then the others in round 1 order, ranks continuing. */
    static ChallengeResult withFinals(
            RankingService.Round1 round1, List<Aggregation.Ranked> ranked, FinalistRanking f) {
        List<Placement> placements = new ArrayList<>();
        Set<UUID> inFinals = new HashSet<>();
        for (FinalistRanking.Entry e : f.entries()) {
            inFinals.add(e.submissionId());
            placements.add(
                    placement(round1, e.submissionId(), e.rank(), e.tied(), e.round1Score(), true));
        }
        int offset = inFinals.size();
        int seen = 0;
        Integer previousRound1 = null;
        int previousRank = 0;
        for (Aggregation.Ranked r : ranked) {
            if (inFinals.contains(r.submissionId())) {
                continue;
            }
            seen++;
            Integer rank = null;
            if (r.rank() != null) {
                rank = r.rank().equals(previousRound1) ? previousRank : offset + seen;
                previousRound1 = r.rank();
                previousRank = rank;
            }
            placements.add(placement(round1, r.submissionId(), rank, r.tied(), r.score(), false));
        }
        return new ChallengeResult(f.challengeId(), Source.FINALS, placements);
    }

    private Mono<List<ChallengeResult>> pairwise(UUID eventId, RankingService.Round1 round1) {
        PairwiseRanking port = pairwise.getIfAvailable();
        return Flux.fromIterable(round1.result().byChallenge().keySet())
                .concatMap(c -> pairwiseResult(port, eventId, c, round1))
                .collectList();
    }

    private static Mono<ChallengeResult> pairwiseResult(
            PairwiseRanking port, UUID eventId, UUID challenge, RankingService.Round1 round1) {
        if (port == null) {
            return Mono.just(new ChallengeResult(challenge, Source.PAIRWISE, List.of()));
        }
        return port.ranking(eventId, challenge)
                .filter(item -> round1.counted().containsKey(item.submissionId()))
                .collectList()
                .map(items -> new ChallengeResult(challenge, Source.PAIRWISE, byMu(round1, items)));
    }

    private static List<Placement> byMu(
            RankingService.Round1 round1, List<PairwiseRanking.Item> items) {
        List<PairwiseRanking.Item> sorted = new ArrayList<>(items);
        sorted.sort((a, b) -> Double.compare(b.mu(), a.mu()));
        Map<Double, Integer> firstRank = new HashMap<>();
        Map<Double, Integer> count = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            firstRank.putIfAbsent(sorted.get(i).mu(), i + 1);
            count.merge(sorted.get(i).mu(), 1, Integer::sum);
        }
        return sorted.stream()
                .map(
                        item ->
                                placement(
                                        round1,
                                        item.submissionId(),
                                        firstRank.get(item.mu()),
                                        count.get(item.mu()) > 1,
                                        item.mu(),
                                        false))
                .toList();
    }

    private static Placement placement(
            RankingService.Round1 round1,
            UUID submissionId,
            Integer rank,
            boolean tied,
            Double score,
            boolean finalist) {
        var version = round1.counted().get(submissionId);
        UUID team = version == null ? null : version.teamId();
        return new Placement(submissionId, team, rank, tied, score, finalist);
    }

    // For voting: the finalists judging has named (the FINALISTS voting pool).

    /** The challenge's named finalists (a confirmed list); empty until judging names them. */
    public Flux<UUID> finalistIds(UUID challengeId) {
        return finalists.finalists(challengeId).map(FinalistList.Finalist::submissionId);
    }
}
