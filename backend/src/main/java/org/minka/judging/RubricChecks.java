package org.minka.judging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;

/**
 * The rules of a rubric that span fields, checked before anything is stored (the database checks
 * the same with {@code judging_criteria_valid}): unique keys, weights that sum to 100, min below
 * max, and anchored levels within the scale, at most one per level.
 */
final class RubricChecks {

    private RubricChecks() {}

    /** The rubric, or a validation problem listing every broken rule. */
    static Rubric valid(Rubric rubric) {
        List<Problem.FieldViolation> wrong = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int total = 0;
        for (int i = 0; i < rubric.criteria().size(); i++) {
            Rubric.Criterion c = rubric.criteria().get(i);
            String at = "criteria[" + i + "]";
            if (!keys.add(c.key())) {
                wrong.add(new Problem.FieldViolation(at + ".key", "is used by another criterion"));
            }
            if (c.min() >= c.max()) {
                wrong.add(new Problem.FieldViolation(at + ".max", "must be greater than min"));
            }
            levels(c, at, wrong);
            total += c.weight();
        }
        if (total != 100) {
            wrong.add(
                    new Problem.FieldViolation(
                            "criteria", "weights must sum to 100, not " + total));
        }
        if (!wrong.isEmpty()) {
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    wrong,
                    wrong.size());
        }
        return rubric;
    }

    private static void levels(Rubric.Criterion c, String at, List<Problem.FieldViolation> wrong) {
        Set<Integer> seen = new HashSet<>();
        for (int j = 0; j < c.levels().size(); j++) {
            int level = c.levels().get(j).level();
            String where = at + ".levels[" + j + "].level";
            if (level < c.min() || level > c.max()) {
                wrong.add(new Problem.FieldViolation(where, "must lie within min..max"));
            } else if (!seen.add(level)) {
                wrong.add(new Problem.FieldViolation(where, "is described twice"));
            }
        }
    }
}
