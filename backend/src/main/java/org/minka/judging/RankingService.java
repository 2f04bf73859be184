package org.minka.judging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.event.EventAccess;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple5;

/**
 * Round 1 of an event, computed in memory from one query per kind of data: counted versions,
 * rubrics, submitted scores, active conflicts and judges' scopes. A score does not count when its
 * judge now has a conflict with the submission, no longer judges its challenge, or judged a version
 * other than the counted one; the explain view lists each such score with the reason.
 */
@Service
class RankingService {

    /** Round 1: the aggregation, each challenge's rubric, and the counted versions by id. */
    record Round1(
            Aggregation.Result result,
            Map<UUID, Rubric> rubrics,
            Map<UUID, SubmissionAccess.CountedVersion> counted) {

        Rubric rubricOf(UUID challengeId) {
            return rubrics.getOrDefault(challengeId, rubrics.get(null));
        }
    }

    private final RankingRepository repository;
    private final SubmissionAccess submissions;
    private final EventAccess events;
    private final org.minka.security.UserDirectory users;

    RankingService(
            RankingRepository repository,
            SubmissionAccess submissions,
            EventAccess events,
            org.minka.security.UserDirectory users) {
        this.repository = repository;
        this.submissions = submissions;
        this.events = events;
        this.users = users;
    }

    /** The explanation of one counted submission's place; 404 for any other submission. */
    Mono<Explain> explain(UUID eventId, UUID submissionId) {
        return round1(eventId)
                .flatMap(
                        round1 ->
                                Mono.justOrEmpty(ranked(round1, submissionId))
                                        .flatMap(r -> explained(round1, r)))
                .switchIfEmpty(
                        Mono.error(() -> org.minka.common.MinkaException.notFound("submission")));
    }

    private static java.util.Optional<Aggregation.Ranked> ranked(Round1 round1, UUID submissionId) {
        SubmissionAccess.CountedVersion version = round1.counted().get(submissionId);
        if (version == null) {
            return java.util.Optional.empty();
        }
        return round1.result().challenge(version.challengeId()).stream()
                .filter(r -> r.submissionId().equals(submissionId))
                .findFirst();
    }

    private Mono<Explain> explained(Round1 round1, Aggregation.Ranked ranked) {
        java.util.Set<UUID> judges = new java.util.HashSet<>();
        ranked.judges().forEach(j -> judges.add(j.judgeId()));
        ranked.excluded().forEach(e -> judges.add(e.judgeId()));
        return users.namesOf(judges).map(names -> Explain.of(round1, ranked, names));
    }

    /** Computes the event's round 1. */
    Mono<Round1> round1(UUID eventId) {
        return Mono.zip(
                        submissions.countedVersions(eventId).collectList(),
                        repository.rubrics(eventId).collectList(),
                        repository.submittedScores(eventId).collectList(),
                        repository.activeConflicts(eventId).collectList(),
                        events.judgeScopes(eventId).collectList())
                .map(RankingService::compute);
    }

    private static Round1 compute(
            Tuple5<
                            List<SubmissionAccess.CountedVersion>,
                            List<RankingRepository.ScopedRubric>,
                            List<RankingRepository.Submitted>,
                            List<RankingRepository.ActiveConflict>,
                            List<EventAccess.ScopedMember>>
                    data) {
        Map<UUID, Rubric> rubrics = new HashMap<>();
        rubrics.put(null, Rubric.DEFAULT);
        data.getT2().forEach(r -> rubrics.put(r.challengeId(), r.rubric()));
        Map<UUID, SubmissionAccess.CountedVersion> counted = new HashMap<>();
        List<Aggregation.Candidate> candidates = new ArrayList<>();
        for (SubmissionAccess.CountedVersion v : data.getT1()) {
            counted.put(v.submissionId(), v);
            Rubric rubric = rubrics.getOrDefault(v.challengeId(), rubrics.get(null));
            candidates.add(
                    new Aggregation.Candidate(
                            v.submissionId(),
                            v.challengeId(),
                            v.submittedAt(),
                            rubric.criteria().get(0).key()));
        }
        Exclusions exclusions = new Exclusions(counted, data.getT4(), data.getT5());
        List<Aggregation.Score> scores = new ArrayList<>();
        List<Aggregation.Exclusion> excluded = new ArrayList<>();
        for (RankingRepository.Submitted s : data.getT3()) {
            scores.add(new Aggregation.Score(s.judgeId(), s.submissionId(), s.total(), s.values()));
            String reason = exclusions.reason(s);
            if (reason != null) {
                excluded.add(new Aggregation.Exclusion(s.judgeId(), s.submissionId(), reason));
            }
        }
        return new Round1(Aggregation.aggregate(candidates, scores, excluded), rubrics, counted);
    }

    /** Why a submitted score does not count, or null when it does. */
    private static final class Exclusions {

        private final Map<UUID, SubmissionAccess.CountedVersion> counted;
        private final Map<List<UUID>, String> conflicts = new HashMap<>();
        private final Map<UUID, EventAccess.ScopedMember> scopes = new HashMap<>();

        Exclusions(
                Map<UUID, SubmissionAccess.CountedVersion> counted,
                List<RankingRepository.ActiveConflict> conflicts,
                List<EventAccess.ScopedMember> scopes) {
            this.counted = counted;
            conflicts.forEach(
                    c -> this.conflicts.put(List.of(c.judgeId(), c.submissionId()), c.source()));
            scopes.forEach(s -> this.scopes.put(s.userId(), s));
        }

        String reason(RankingRepository.Submitted s) {
            SubmissionAccess.CountedVersion version = counted.get(s.submissionId());
            if (version == null) {
                return null;
            }
            String conflict = conflicts.get(List.of(s.judgeId(), s.submissionId()));
            if (conflict != null) {
                return "conflict of interest (" + conflict + ") recorded after scoring";
            }
            EventAccess.ScopedMember scope = scopes.get(s.judgeId());
            if (scope == null || !scope.covers(version.challengeId())) {
                return "no longer a judge of this challenge";
            }
            if (s.versionNumber() != version.number()) {
                return "scored version "
                        + s.versionNumber()
                        + "; the counted version is "
                        + version.number();
            }
            return null;
        }
    }
}
