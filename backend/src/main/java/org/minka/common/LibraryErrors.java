package org.minka.common;

import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * Minka's own words for failures raised by libraries (the JSON parser, codecs, the database
 * driver), so that no error detail names a class, a limit's setter or a library. A word is a
 * message key in braces ({@code {minka.json.too-deep}}), resolved in the caller's language when the
 * problem body is written.
 */
public final class LibraryErrors {

    /** A field violation message that is a message key to resolve, e.g. {@code {minka.url}}. */
    static final Pattern KEY = Pattern.compile("\\{([a-z0-9.-]+)}");

    private LibraryErrors() {}

    /** What was wrong with a JSON document that the parser refused. */
    public static String json(JacksonException ex) {
        if (ex instanceof StreamConstraintsException) {
            return "{minka.json.too-large}";
        }
        return "{minka.json.syntax}";
    }
}
