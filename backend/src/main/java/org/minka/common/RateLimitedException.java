package org.minka.common;

/** A 429 {@code rate-limited} problem; its response carries {@code Retry-After} in seconds. */
public class RateLimitedException extends MinkaException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(ProblemType.RATE_LIMITED, Long.toString(retryAfterSeconds));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until the caller's window ends and requests count from zero again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
