package org.minka.judging;

import io.r2dbc.spi.R2dbcException;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;

/**
 * The judging triggers' refusals as problems: {@code P0403} (a conflicted judge assigned or
 * scoring) and {@code P0409} (a rubric changed once scored). For any judging write's {@code
 * onErrorMap}.
 */
final class ConflictGuard {

    /** The trigger's SQLSTATE for a conflicted judge. */
    static final String CONFLICTED = "P0403";

    /** The trigger's SQLSTATE for a rubric in use by scores. */
    static final String FROZEN = "P0409";

    private ConflictGuard() {}

    /** The SQLSTATE of the database error behind this one, or null. */
    static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof R2dbcException r2dbc) {
                return r2dbc.getSqlState();
            }
        }
        return null;
    }

    /** Whether the error is the trigger refusing a conflicted judge. */
    static boolean conflicted(Throwable error) {
        return CONFLICTED.equals(sqlState(error));
    }

    /** Whether the error is the trigger refusing to change a rubric in use. */
    static boolean frozen(Throwable error) {
        return FROZEN.equals(sqlState(error));
    }

    /** 404 for a judge (the submission does not exist for them). */
    static MinkaException hiddenSubmission(Throwable error) {
        return MinkaException.notFound("submission");
    }

    /** 409 rubric-frozen. */
    static MinkaException rubricFrozen(Throwable error) {
        return new MinkaException(ProblemType.RUBRIC_FROZEN);
    }
}
