package org.minka.common;

import java.util.List;

/**
 * A failure with a stable problem type. The detail is a message key ({@code problem.<slug>.detail}
 * unless given) resolved in the caller's language when the error body is written.
 */
public class MinkaException extends RuntimeException {

    private final ProblemType type;
    private final String messageKey;
    private final Object[] args;
    private final List<Problem.FieldViolation> violations;

    public MinkaException(ProblemType type, Object... args) {
        this(type, "problem." + type.slug() + ".detail", List.of(), args);
    }

    public MinkaException(
            ProblemType type,
            String messageKey,
            List<Problem.FieldViolation> violations,
            Object... args) {
        super(type.slug() + ": " + messageKey, null, false, false);
        this.type = type;
        this.messageKey = messageKey;
        this.args = args;
        this.violations = List.copyOf(violations);
    }

    public static MinkaException notFound(String what) {
        return new MinkaException(ProblemType.NOT_FOUND, what);
    }

    /** A 400 validation problem about one field. */
    public static MinkaException invalid(String field, String message) {
        return new MinkaException(
                ProblemType.VALIDATION_FAILED,
                "problem.validation-failed.detail",
                List.of(new Problem.FieldViolation(field, message)),
                1);
    }

    public static MinkaException forbidden() {
        return new MinkaException(ProblemType.FORBIDDEN);
    }

    public ProblemType type() {
        return type;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<Problem.FieldViolation> violations() {
        return violations;
    }
}
