package org.minka.voting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.minka.common.KeyedGate;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.RateLimitedException;
import org.minka.event.EventAccess;
import org.minka.event.EventSettings;
import org.minka.security.CurrentUser;
import org.minka.submission.SubmissionAccess;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * A voter's ballots: cast, retract, list. The checks run in Java (who may vote, what is votable),
 * on facts this instance keeps ({@link CastFacts}); the cap, the one-ballot-per-submission rule and
 * the VOTING window at the database's now() are held by the one statement that writes ({@link
 * BallotRepository}).
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
    private final CastFacts facts;
    private final Eligibility eligibility;
    private final VotingKeys keys;
    private final BallotRepository ballots;
    private final VotingProperties properties;
    private final TallyFeed feed;
    private final KeyedGate perVoter;
    private final VotingWindows windows;

    BallotService(
            EventAccess events,
            CastFacts facts,
            Eligibility eligibility,
            VotingKeys keys,
            BallotRepository ballots,
            VotingProperties properties,
            TallyFeed feed,
            VotingWindows windows) {
        this.events = events;
        this.facts = facts;
        this.eligibility = eligibility;
        this.keys = keys;
        this.ballots = ballots;
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
        return events.visible(eventId, user)
                .flatMap(event -> checked(event, submissionId, user, client))
                .flatMap(ctx -> write(ctx, user, client))
                .doOnNext(ballot -> feed.changed(eventId));
    }

    /**
     * The cast's context once the checks in Java passed. A cast refused here counts against the
     * rate limits too (one statement), as one refused by the ballot statement does.
     */
    private Mono<Context> checked(
            EventAccess.EventFacts event, UUID submissionId, CurrentUser user, Client client) {
        return context(event, submissionId)
                .flatMap(ctx -> eligible(ctx, user).thenReturn(ctx))
                .onErrorResume(
                        MinkaException.class,
                        refusal -> counted(event.id(), user, client, refusal));
    }

    /** Counts a refused cast; the refusal stands, unless a rate limit is over (429 then). */
    private Mono<Context> counted(
            UUID eventId, CurrentUser user, Client client, MinkaException refusal) {
        if (!properties.rateLimitEnabled()) {
            return Mono.error(refusal);
        }
        return keys.current(eventId)
                .flatMap(key -> ballots.count(user.id(), key.hash(client.address()), limits()))
                .flatMap(wait -> Mono.error(wait > 0 ? new RateLimitedException(wait) : refusal));
    }

    private Mono<Void> retracting(UUID eventId, UUID ballotId, CurrentUser user, Client client) {
        return events.visible(eventId, user)
                .then(Mono.zip(window(eventId), keys.current(eventId)))
                .flatMap(t -> retract(eventId, ballotId, user, t.getT1(), client, t.getT2()))
                .doOnNext(ballot -> feed.changed(eventId))
                .then();
    }

    /** The voter's live ballots in the event, oldest first. */
    Mono<List<Ballot>> mine(UUID eventId, CurrentUser user) {
        return events.visible(eventId, user)
                .flatMap(event -> ballots.live(eventId, user.id()).collectList());
    }

    /** The rate limits every cast and retract counts against (none when they are off). */
    private BallotRepository.Limits limits() {
        if (!properties.rateLimitEnabled()) {
            return BallotRepository.Limits.OFF;
        }
        return new BallotRepository.Limits(
                properties.castsPerVoter(), properties.castsPerIp(), properties.window());
    }

    private Mono<Context> context(EventAccess.EventFacts event, UUID submissionId) {
        return Mono.zip(window(event.id()), facts.submission(event.id(), submissionId))
                .map(t -> context(event, t.getT1(), t.getT2()));
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

    private Mono<Void> eligible(Context ctx, CurrentUser user) {
        return eligibility
                .voter(user, ctx.rules(), ctx.window().opensAt())
                .then(eligibility.candidate(user, ctx.rules(), ctx.submission()));
    }

    private Mono<Ballot> write(Context ctx, CurrentUser user, Client client) {
        int cap = ctx.rules().votesPerVoter();
        return keys.current(ctx.event().id())
                .map(key -> newBallot(ctx, user, client, key))
                .flatMap(ballot -> ballots.cast(ballot, limits()))
                .onErrorMap(e -> VotingProblems.translate(e, cap))
                .flatMap(outcome -> VotingProblems.ballotOrProblem(outcome, cap));
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
            UUID eventId,
            UUID ballotId,
            CurrentUser user,
            Optional<EventAccess.Window> w,
            Client client,
            VotingKeys.Key key) {
        Instant opens = w.map(EventAccess.Window::opensAt).orElse(Instant.EPOCH);
        Instant closes = w.map(EventAccess.Window::closesAt).orElse(Instant.EPOCH);
        var retract =
                new BallotRepository.Retract(
                        eventId, ballotId, user.id(), opens, closes, key.hash(client.address()));
        return ballots.retract(retract, limits())
                .onErrorMap(e -> VotingProblems.translate(e, 0))
                .flatMap(outcome -> VotingProblems.ballotOrProblem(outcome, 0));
    }
}
