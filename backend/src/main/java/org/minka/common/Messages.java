package org.minka.common;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/** Resolves user-facing texts in Spanish or English from {@code Accept-Language}. */
@Component
public class Messages {

    static final Locale SPANISH = Locale.forLanguageTag("es");
    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, SPANISH);

    private final MessageSource messageSource;

    Messages(MessageSource messageSource) {
        this.messageSource = messageSource;
        // Load the bundles now, on the startup thread: loading them lazily reads files on an event
        // loop.
        SUPPORTED.forEach(locale -> get("problem.internal-error.title", null, locale));
    }

    public Locale locale(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges =
                    Locale.LanguageRange.parse(
                            exchange.getRequest()
                                    .getHeaders()
                                    .getFirst(
                                            org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE));
        } catch (IllegalArgumentException | NullPointerException ex) {
            return Locale.ENGLISH;
        }
        Locale match = Locale.lookup(ranges, SUPPORTED);
        return match != null ? match : Locale.ENGLISH;
    }

    public String get(String key, Object[] args, Locale locale) {
        try {
            return messageSource.getMessage(key, args, locale);
        } catch (NoSuchMessageException ex) {
            return key;
        }
    }

    public String get(MessageSourceResolvable resolvable, Locale locale) {
        try {
            return messageSource.getMessage(resolvable, locale);
        } catch (NoSuchMessageException ex) {
            return resolvable.getDefaultMessage();
        }
    }
}
