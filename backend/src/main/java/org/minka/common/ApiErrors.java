package org.minka.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error statuses an operation may answer; the OpenAPI customizer documents each with the
 * problem schema and an example. {@code publicRead} marks operations that anonymous callers may
 * use.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiErrors {

    int[] value();

    /**
     * The specific problem types the operation may answer, each documented with its own example
     * under its status (a status with none declared shows the first type of that status).
     */
    ProblemType[] types() default {};

    boolean publicRead() default false;
}
