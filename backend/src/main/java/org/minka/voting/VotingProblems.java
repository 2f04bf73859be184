package org.minka.voting;

import io.r2dbc.spi.R2dbcException;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.common.RateLimitedException;
import reactor.core.publisher.Mono;

/** The ballot statements' refusals (SQLSTATEs of V53) as problems. */
final class VotingProblems {

    static final String NOT_OPEN = "VC001";
    static final String CAP_REACHED = "VC002";
    static final String ALREADY_VOTED = "VC003";
    static final String NO_BALLOT = "VC004";
    static final String RETRACTED = "VC005";

    /** The live-ballot unique index: the backstop behind VC003. */
    static final String UNIQUE = "23505";

    private VotingProblems() {}

    static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null) {
                return r2dbc.getSqlState();
            }
        }
        return null;
    }

    /** The ballot the statement answered, or the problem for its refusal. */
    static Mono<Ballot> ballotOrProblem(BallotRepository.Outcome outcome, int cap) {
        if (outcome.retryAfter() > 0) {
            return Mono.error(new RateLimitedException(outcome.retryAfter()));
        }
        if (outcome.refusal() != null) {
            return Mono.error(refusal(outcome.refusal(), cap, null));
        }
        return Mono.just(outcome.ballot());
    }

    /** The problem for a refused cast or retract; other errors pass through. */
    static Throwable translate(Throwable error, int cap) {
        String state = sqlState(error);
        return state == null ? error : refusal(state, cap, error);
    }

    private static Throwable refusal(String state, int cap, Throwable error) {
        return switch (state) {
            case NOT_OPEN -> phaseClosed();
            case CAP_REACHED -> new MinkaException(ProblemType.VOTE_CAP_REACHED, cap);
            case ALREADY_VOTED, UNIQUE -> new MinkaException(ProblemType.ALREADY_VOTED);
            case NO_BALLOT -> MinkaException.notFound("ballot");
            case RETRACTED -> new MinkaException(ProblemType.BALLOT_RETRACTED);
            default -> error == null ? new IllegalStateException("refusal " + state) : error;
        };
    }

    static MinkaException phaseClosed() {
        return new MinkaException(ProblemType.PHASE_CLOSED, "VOTING");
    }
}
