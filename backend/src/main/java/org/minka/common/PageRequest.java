package org.minka.common;

/** A validated cursor page request. */
public record PageRequest(Cursor after, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Parses {@code cursor} and {@code limit} query values, failing with a problem when bad. */
    public static PageRequest of(String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new MinkaException(
                    ProblemType.VALIDATION_FAILED,
                    "problem.validation-failed.detail",
                    java.util.List.of(
                            new Problem.FieldViolation(
                                    "limit", "must be between 1 and " + MAX_LIMIT)),
                    1);
        }
        return new PageRequest(
                cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor), size);
    }

    /** Rows to fetch: one more than the page, to know whether a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }
}
