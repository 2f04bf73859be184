package org.minka.voting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.minka.common.KeyedGate;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.RateLimiter;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A voter's ballots: cast, retract, list. The checks run in Java (who may vote, what is votable);
 * the cap, the one-ballot-per-submission rule and the VOTING window at the database's now() are
 * held by the one statement that writes ({@link BallotRepository}).
 */
@Service
class BallotService {

    /** Where a request comes from: the client address (after trusted proxies) and user agent. */
    record Client(String address, String userAgent) {}

    /** What a cast needs to know, read before it writes. */
    private record Context(
            EventAccess.EventFacts event,
            EventAccess.Window window,
            SubmissionAccess.Counted submission) {

        EventSettings.VotingSettings rules() {
            return event.settings().voting();
        }
    }

    private final EventAccess events;
    private final SubmissionAccess submissions;
    private final Eligibility eligibility;
    private final VotingKeys keys;
    private final BallotRepository ballots;
    private final RateLimiter limiter;
    private final VotingProperties properties;
    private final TallyFeed feed;
    private final KeyedGate perVoter;
    private final VotingWindows windows;

    BallotService(
            EventAccess events,
            SubmissionAccess submissions,
            Eligibility eligibility,
            VotingKeys keys,
            BallotRepository ballots,
            RateLimiter limiter,
            VotingProperties properties,
            TallyFeed feed,
            VotingWindows windows) {
        this.events = events;
        this.submissions = submissions;
        this.eligibility = eligibility;
        this.keys = keys;
        this.ballots = ballots;
        this.limiter = limiter;
        this.properties = properties;
        this.feed = feed;
        this.perVoter = new KeyedGate(properties.inFlightPerVoter(), properties.queuedPerVoter());
        this.windows = windows;
    }

    /**
     * Casts the voter's ballot for the submission's counted version. A voter's casts and retracts
     * take turns ({@link KeyedGate}): they would queue on the voter's cap row anyway, and this way
     * they wait in memory instead of each holding a pooled connection.
     */
    Mono<Ballot> cast(UUID eventId, UUID submissionId, CurrentUser user, Client client) {
        return perVoter.run(user.id(), casting(eventId, submissionId, user, client));
    }

    /** Retracts one of the voter's live ballots (404 for anyone else's). */
    Mono<Void> retract(UUID eventId, UUID ballotId, CurrentUser user, Client client) {
        return perVoter.run(user.id(), retracting(eventId, ballotId, user, client));
    }

    private Mono<Ballot> casting(UUID eventId, UUID submissionId, CurrentUser user, Client client) {
        return limit(user, client)
                .then(context(eventId, submissionId, user))
                .flatMap(ctx -> eligible(ctx, user).thenReturn(ctx))
                .flatMap(ctx -> write(ctx, user, client))
                .doOnNext(ballot -> feed.changed(eventId));
    }

    private Mono<Void> retracting(UUID eventId, UUID ballotId, CurrentUser user, Client client) {
        return limit(user, client)
                .then(events.visible(eventId, user))
                .then(window(eventId))
                .flatMap(w -> retract(eventId, ballotId, user, w))
                .doOnNext(ballot -> feed.changed(eventId))
                .then();
    }

    /** The voter's live ballots in the event, oldest first. */
    Mono<List<Ballot>> mine(UUID eventId, CurrentUser user) {
        return events.visible(eventId, user)
                .flatMap(event -> ballots.live(eventId, user.id()).collectList());
    }

    private Mono<Void> limit(CurrentUser user, Client client) {
        if (!properties.rateLimitEnabled()) {
            return Mono.empty();
        }
        return limiter.enforceAll(
                properties.window(),
                List.of(
                        new RateLimiter.Limit("vote:user:" + user.id(), properties.castsPerVoter()),
                        new RateLimiter.Limit(
                                "vote:ip:" + client.address(), properties.castsPerIp())));
    }

    private Mono<Context> context(UUID eventId, UUID submissionId, CurrentUser user) {
        return events.visible(eventId, user)
                .flatMap(
                        event ->
                                Mono.zip(window(eventId), submission(submissionId))
                                        .map(t -> context(event, t.getT1(), t.getT2())));
    }

    private static Context context(
            EventAccess.EventFacts event,
            Optional<EventAccess.Window> window,
            Optional<SubmissionAccess.Counted> found) {
        if (window.isEmpty() || !window.get().open()) {
            throw VotingProblems.phaseClosed();
        }
        SubmissionAccess.Counted submission =
                found.filter(s -> s.eventId().equals(event.id()))
                        .orElseThrow(() -> unknownSubmission(found));
        if (!submission.submitted()) {
            throw new MinkaException(ProblemType.SUBMISSION_NOT_SUBMITTED);
        }
        return new Context(event, window.get(), submission);
    }

    private static MinkaException unknownSubmission(Optional<SubmissionAccess.Counted> found) {
        return new MinkaException(
                ProblemType.UNKNOWN_SUBMISSION,
                found.map(s -> s.submissionId().toString()).orElse(""));
    }

    private Mono<Optional<EventAccess.Window>> window(UUID eventId) {
        return windows.of(eventId);
    }

    private Mono<Optional<SubmissionAccess.Counted>> submission(UUID submissionId) {
        return submissions.counted(submissionId).map(Optional::of).defaultIfEmpty(Optional.empty());
    }

    private Mono<Void> eligible(Context ctx, CurrentUser user) {
        return eligibility
                .voter(user, ctx.rules(), ctx.window().opensAt())
                .then(eligibility.candidate(user, ctx.rules(), ctx.submission()));
    }

    private Mono<Ballot> write(Context ctx, CurrentUser user, Client client) {
        int cap = ctx.rules().votesPerVoter();
        return keys.current(ctx.event().id())
                .map(key -> newBallot(ctx, user, client, key))
                .flatMap(ballots::cast)
                .onErrorMap(e -> VotingProblems.translate(e, cap));
    }

    private static BallotRepository.NewBallot newBallot(
            Context ctx, CurrentUser user, Client client, VotingKeys.Key key) {
        SubmissionAccess.Counted s = ctx.submission();
        boolean perEvent = ctx.rules().scope() == EventSettings.VotingScope.PER_EVENT;
        return new BallotRepository.NewBallot(
                s.eventId(),
                s.challengeId(),
                s.submissionId(),
                s.number(),
                user.id(),
                perEvent ? s.eventId() : s.challengeId(),
                ctx.rules().votesPerVoter(),
                ctx.window().opensAt(),
                ctx.window().closesAt(),
                key.generation(),
                key.hash(client.address()),
                key.hash(client.userAgent() == null ? "" : client.userAgent()));
    }

    private Mono<Ballot> retract(
            UUID eventId, UUID ballotId, CurrentUser user, Optional<EventAccess.Window> w) {
        Instant opens = w.map(EventAccess.Window::opensAt).orElse(Instant.EPOCH);
        Instant closes = w.map(EventAccess.Window::closesAt).orElse(Instant.EPOCH);
        return ballots.retract(eventId, ballotId, user.id(), opens, closes)
                .onErrorMap(e -> VotingProblems.translate(e, 0));
    }
}
