package org.minka.judging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A challenge's finalists. The proposal is round 1's top N ({@code finalistsPerChallenge}), plus
 * any submission tied with the N-th (a tie is never cut silently). An organizer confirms it, or
 * sets the list by hand with a reason; both are audited, and neither is possible once a judge has
 * ranked the finalists. Judges of the challenge see the confirmed list.
 */
@Service
class FinalistService {

    private final FinalistRepository finals;
    private final RankingService ranking;
    private final EventAccess events;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    FinalistService(
            FinalistRepository finals,
            RankingService ranking,
            EventAccess events,
            AuditLog audit,
            ReactiveTransactionManager transactions) {
        this.finals = finals;
        this.ranking = ranking;
        this.events = events;
        this.audit = audit;
        this.tx = TransactionalOperator.create(transactions);
    }

    /**
     * Organizers: the stored list, else the proposal (unconfirmed). Judges of the challenge: the
     * confirmed list (404 before, and for a judge conflicted with a finalist). Others: 403.
     */
    Mono<FinalistList> get(UUID eventId, UUID challengeId, CurrentUser user) {
        return challengeOf(eventId, challengeId, user)
                .then(events.isOrganizer(eventId, user))
                .flatMap(
                        organizer ->
                                organizer
                                        ? stored(challengeId)
                                                .switchIfEmpty(proposal(eventId, challengeId, user))
                                        : forJudge(eventId, challengeId, user));
    }

    private Mono<FinalistList> forJudge(UUID eventId, UUID challengeId, CurrentUser user) {
        return Checks.require(
                        events.isJudgeOf(eventId, challengeId, user), MinkaException::forbidden)
                .then(stored(challengeId))
                .filterWhen(list -> notConflicted(user, list))
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("finalists")));
    }

    private Mono<Boolean> notConflicted(CurrentUser user, FinalistList list) {
        return finals.conflicted(user.id(), ids(list.finalists())).map(c -> !c);
    }

    /** Confirms the current proposal as the list (organizers). */
    Mono<FinalistList> confirm(
            UUID eventId, UUID challengeId, FinalistList.Confirm confirm, CurrentUser user) {
        String reason = confirm == null ? null : blankToNull(confirm.reason());
        return challengeOf(eventId, challengeId, user)
                .then(events.requireOrganizer(eventId, user))
                .then(proposal(eventId, challengeId, user))
                .flatMap(p -> write(eventId, challengeId, p.finalists(), reason, null, user))
                .flatMap(list -> audited(eventId, "confirmed", list, List.of(), user))
                .as(tx::transactional);
    }

    /** Sets the list by hand, in seed order, with a reason (organizers). */
    Mono<FinalistList> adjust(
            UUID eventId,
            UUID challengeId,
            FinalistList.Adjust adjust,
            Long expected,
            CurrentUser user) {
        return challengeOf(eventId, challengeId, user)
                .then(events.requireOrganizer(eventId, user))
                .then(ranking.round1(eventId))
                .map(round1 -> chosen(round1, challengeId, adjust.submissionIds()))
                .flatMap(list -> adjusted(eventId, challengeId, list, adjust, expected, user))
                .as(tx::transactional);
    }

    private Mono<FinalistList> adjusted(
            UUID eventId,
            UUID challengeId,
            List<FinalistList.Finalist> chosen,
            FinalistList.Adjust adjust,
            Long expected,
            CurrentUser user) {
        return stored(challengeId)
                .map(FinalistList::finalists)
                .defaultIfEmpty(List.of())
                .flatMap(
                        before ->
                                write(eventId, challengeId, chosen, adjust.reason(), expected, user)
                                        .flatMap(
                                                l ->
                                                        audited(
                                                                eventId,
                                                                "adjusted",
                                                                l,
                                                                before,
                                                                user)));
    }

    private Mono<FinalistList> write(
            UUID eventId,
            UUID challengeId,
            List<FinalistList.Finalist> finalists,
            String reason,
            Long expected,
            CurrentUser user) {
        return finals.head(challengeId)
                .filter(FinalistRepository.Head::ranked)
                .flatMap(h -> Mono.<FinalistRepository.Head>error(FinalistService::frozen))
                .then(finals.writeHead(eventId, challengeId, reason, user.id(), expected))
                .switchIfEmpty(Mono.error(() -> new MinkaException(ProblemType.STALE_VERSION)))
                .flatMap(head -> finals.replace(challengeId, finalists).thenReturn(head))
                .onErrorMap(e -> "P0409".equals(ScoreProblems.sqlState(e)), e -> frozen())
                .map(head -> view(head, finalists));
    }

    private Mono<FinalistList> audited(
            UUID eventId,
            String what,
            FinalistList list,
            List<FinalistList.Finalist> before,
            CurrentUser user) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("challengeId", list.challengeId().toString());
        details.put("submissionIds", ids(list.finalists()).stream().map(UUID::toString).toList());
        details.put("reason", list.reason() == null ? "" : list.reason());
        List<UUID> was = ids(before);
        details.put(
                "added",
                ids(list.finalists()).stream()
                        .filter(id -> !was.contains(id))
                        .map(UUID::toString)
                        .toList());
        details.put(
                "removed",
                was.stream()
                        .filter(id -> !ids(list.finalists()).contains(id))
                        .map(UUID::toString)
                        .toList());
        return audit.record(eventId, user.id(), "judging.finalists." + what, details)
                .thenReturn(list);
    }

    /** The stored list, confirmed. */
    Mono<FinalistList> stored(UUID challengeId) {
        return finals.head(challengeId)
                .flatMap(
                        head ->
                                finals.finalists(challengeId)
                                        .collectList()
                                        .map(list -> view(head, list)));
    }

    private Mono<FinalistList> proposal(UUID eventId, UUID challengeId, CurrentUser user) {
        return events.visible(eventId, user)
                .map(facts -> facts.settings().judging().finalistsPerChallenge())
                .zipWith(ranking.round1(eventId))
                .map(t -> proposed(challengeId, t.getT2(), t.getT1()));
    }

    /** Round 1's top n of the challenge, with every submission tied with the n-th. */
    static FinalistList proposed(UUID challengeId, RankingService.Round1 round1, Integer n) {
        int top = n == null ? 3 : n;
        List<FinalistList.Finalist> finalists = new ArrayList<>();
        for (Aggregation.Ranked r : round1.result().challenge(challengeId)) {
            if (r.rank() == null || r.rank() > top) {
                break;
            }
            finalists.add(finalist(r, finalists.size() + 1, "RANKING"));
        }
        return new FinalistList(challengeId, false, null, null, null, 0, false, finalists);
    }

    private static List<FinalistList.Finalist> chosen(
            RankingService.Round1 round1, UUID challengeId, List<UUID> ids) {
        Map<UUID, Aggregation.Ranked> byId = new HashMap<>();
        round1.result().challenge(challengeId).forEach(r -> byId.put(r.submissionId(), r));
        List<org.minka.common.Problem.FieldViolation> violations = new ArrayList<>();
        if (new HashSet<>(ids).size() != ids.size()) {
            violations.add(violation("submissionIds", "lists a submission twice"));
        }
        ids.stream()
                .filter(id -> !byId.containsKey(id))
                .forEach(
                        id ->
                                violations.add(
                                        violation(
                                                "submissionIds",
                                                id
                                                        + " is not a counted submission of the challenge")));
        if (!violations.isEmpty()) {
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    violations,
                    violations.size());
        }
        List<FinalistList.Finalist> finalists = new ArrayList<>();
        for (UUID id : ids) {
            Aggregation.Ranked r = byId.get(id);
            finalists.add(
                    finalist(
                            r,
                            finalists.size() + 1,
                            r.rank() != null && r.rank() <= ids.size() ? "RANKING" : "ORGANIZER"));
        }
        return finalists;
    }

    private static FinalistList.Finalist finalist(
            Aggregation.Ranked r, int position, String source) {
        return new FinalistList.Finalist(r.submissionId(), position, r.rank(), r.score(), source);
    }

    private static org.minka.common.Problem.FieldViolation violation(String field, String message) {
        return new org.minka.common.Problem.FieldViolation(field, message);
    }

    /** 404 unless the event is visible to the caller and the challenge is one of its own. */
    Mono<Void> challengeOf(UUID eventId, UUID challengeId, CurrentUser user) {
        return events.visible(eventId, user)
                .thenMany(events.unknownChallengeIds(eventId, List.of(challengeId)))
                .hasElements()
                .flatMap(
                        unknown ->
                                unknown
                                        ? Mono.error(MinkaException.notFound("challenge"))
                                        : Mono.<Void>empty());
    }

    private static FinalistList view(
            FinalistRepository.Head head, List<FinalistList.Finalist> list) {
        return new FinalistList(
                head.challengeId(),
                true,
                head.confirmedAt(),
                head.confirmedBy(),
                head.reason(),
                head.version(),
                head.ranked(),
                list);
    }

    static List<UUID> ids(List<FinalistList.Finalist> finalists) {
        return finalists.stream().map(FinalistList.Finalist::submissionId).toList();
    }

    static MinkaException frozen() {
        return new MinkaException(
                ProblemType.CONFLICT, "problem.conflict.finalists-ranked", List.of());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
