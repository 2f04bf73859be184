package org.minka.catalog;

import java.util.List;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
import org.minka.common.ProblemType;

/** Input checks and normalising shared by the catalog's use cases. */
final class CatalogChecks {

    private CatalogChecks() {}

    static MinkaException violation(String field, String message) {
        return new MinkaException(
                ProblemType.VALIDATION_FAILED,
                "problem.validation-failed.detail",
                List.of(new Problem.FieldViolation(field, message)),
                1);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String stripSlash(String url) {
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
