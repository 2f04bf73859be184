package org.minka.common;

import java.util.List;

/**
 * Writes a module counts under its own, stricter limits (voting's casts per voter and per address),
 * named by path patterns such as {@code /api/v1/events/{eventId}/voting/ballots}. The general write
 * limits ({@link WriteRateLimits}) skip them, so that one request is neither counted twice nor pays
 * for two more round trips to the database.
 */
public interface OwnWriteLimits {

    /** Path patterns ({@link org.springframework.web.util.pattern.PathPattern} syntax). */
    List<String> paths();
}
