package org.minka.judging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;

/**
 * The checks of a score against its rubric, and the problems of judging writes: the database's own
 * answers (SQLSTATE P0403 conflicted, P0409 frozen, P0422 invalid) become problems too.
 */
final class ScoreProblems {

    private ScoreProblems() {}

    /**
     * Fails with a 400 listing each mark that is not a criterion of the rubric or off its scale,
     * and, when {@code complete}, each criterion without a value.
     */
    static void check(Rubric rubric, Map<String, Score.Mark> marks, boolean complete) {
        Map<String, Rubric.Criterion> byKey = new HashMap<>();
        rubric.criteria().forEach(c -> byKey.put(c.key(), c));
        List<Problem.FieldViolation> violations = new ArrayList<>();
        marks.forEach(
                (key, mark) -> {
                    Rubric.Criterion c = byKey.get(key);
                    if (c == null) {
                        violations.add(violation(key, "is not a criterion of the rubric"));
                    } else if (mark != null && offScale(c, mark.value())) {
                        violations.add(
                                violation(
                                        key + ".value",
                                        "must be between " + c.min() + " and " + c.max()));
                    }
                });
        if (complete) {
            for (Rubric.Criterion c : rubric.criteria()) {
                Score.Mark mark = marks.get(c.key());
                if (mark == null || mark.value() == null) {
                    violations.add(violation(c.key() + ".value", "is required to submit"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    violations,
                    violations.size());
        }
    }

    private static boolean offScale(Rubric.Criterion c, Integer value) {
        return value != null && (value < c.min() || value > c.max());
    }

    private static Problem.FieldViolation violation(String field, String message) {
        return new Problem.FieldViolation("marks." + field, message);
    }

    /** The values of complete marks, for the weighted total. */
    static Map<String, Integer> values(Map<String, Score.Mark> marks) {
        Map<String, Integer> values = new HashMap<>();
        marks.forEach(
                (key, mark) -> {
                    if (mark != null && mark.value() != null) {
                        values.put(key, mark.value());
                    }
                });
        return values;
    }

    /** The weighted total of complete marks, rounded to the column's four decimals. */
    static double total(Rubric rubric, Map<String, Score.Mark> marks) {
        return Math.round(rubric.weightedTotal(values(marks)) * 1e4) / 1e4;
    }

    static MinkaException judgingClosed() {
        return new MinkaException(ProblemType.PHASE_CLOSED, "JUDGING");
    }

    static MinkaException notAssigned() {
        return MinkaException.notFound("assignment");
    }

    /** The SQLSTATE of a database error, if the error (or a cause) carries one. */
    static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof io.r2dbc.spi.R2dbcException r2dbc) {
                return r2dbc.getSqlState();
            }
        }
        return null;
    }

    /** Whether the database refused the write for a conflict of interest (P0403). */
    static boolean conflicted(Throwable error) {
        return "P0403".equals(sqlState(error));
    }
}
