package org.minka.voting;

import java.time.Duration;
import java.time.Instant;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.event.EventSettings;
import org.minka.judging.JudgingResults;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who may vote for what. The voter: a verified email (setting, on by default), an email domain that
 * is not blocked, and an account that existed the given days before VOTING opened (setting; 0 is
 * off). The submission: not one of the voter's own team (unless self-voting is allowed) and, when
 * the pool is FINALISTS, a finalist judging has named. Each refusal has its own problem type.
 */
@Component
class Eligibility {

    private final BlockedDomains blocked;
    private final UserDirectory users;
    private final CastFacts facts;
    private final JudgingResults judging;

    Eligibility(
            BlockedDomains blocked, UserDirectory users, CastFacts facts, JudgingResults judging) {
        this.blocked = blocked;
        this.users = users;
        this.facts = facts;
        this.judging = judging;
    }

    /** Fails with the first rule the voter breaks. */
    Mono<Void> voter(CurrentUser user, EventSettings.VotingSettings rules, Instant opensAt) {
        if (Boolean.TRUE.equals(rules.requireVerifiedEmail()) && user.verifiedEmail() == null) {
            return refuse(ProblemType.VOTER_EMAIL_UNVERIFIED);
        }
        if (blocked.blocks(user.email())) {
            return refuse(ProblemType.VOTER_EMAIL_BLOCKED);
        }
        int days = rules.minAccountAgeDays() == null ? 0 : rules.minAccountAgeDays();
        if (days <= 0) {
            return Mono.empty();
        }
        Instant latest = opensAt.minus(Duration.ofDays(days));
        return users.createdAt(user.id())
                .filter(created -> created.isAfter(latest))
                .flatMap(created -> refuse(ProblemType.VOTER_ACCOUNT_TOO_NEW, days));
    }

    /** Fails when the voter may not vote for this submission. */
    Mono<Void> candidate(
            CurrentUser user,
            EventSettings.VotingSettings rules,
            SubmissionAccess.Counted submission) {
        return ownTeam(user, rules, submission).then(inPool(rules, submission));
    }

    private Mono<Void> ownTeam(
            CurrentUser user,
            EventSettings.VotingSettings rules,
            SubmissionAccess.Counted submission) {
        if (Boolean.TRUE.equals(rules.selfVotingAllowed())) {
            return Mono.empty();
        }
        return facts.isMember(submission.eventId(), submission.teamId(), user.id())
                .filter(Boolean::booleanValue)
                .flatMap(member -> refuse(ProblemType.OWN_TEAM_VOTE));
    }

    private Mono<Void> inPool(
            EventSettings.VotingSettings rules, SubmissionAccess.Counted submission) {
        if (rules.pool() != EventSettings.VotingPool.FINALISTS) {
            return Mono.empty();
        }
        return judging.finalistIds(submission.challengeId())
                .any(submission.submissionId()::equals)
                .filter(finalist -> !finalist)
                .flatMap(no -> refuse(ProblemType.NOT_A_FINALIST));
    }

    private static Mono<Void> refuse(ProblemType type, Object... args) {
        return Mono.error(new MinkaException(type, args));
    }
}
