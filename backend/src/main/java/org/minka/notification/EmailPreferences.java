package org.minka.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Each user's choice of email for notifications: none (the default), each one, or a digest. */
@Service
class EmailPreferences {

    static final Set<String> LANGUAGES = Set.of("es", "en");

    private final EmailOutbox outbox;
    private final EmailDelivery delivery;
    private final EmailProperties properties;
    private final Clock clock;

    EmailPreferences(
            EmailOutbox outbox, EmailDelivery delivery, EmailProperties properties, Clock clock) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.properties = properties;
        this.clock = clock;
    }

    /** My preference; OFF, in the language asked for, when I never chose. */
    Mono<EmailPreference> get(CurrentUser user, Locale requested) {
        return outbox.preference(user.id())
                .defaultIfEmpty(
                        new EmailPreference.Stored(
                                EmailPreference.Mode.OFF, language(requested), null))
                .map(stored -> view(user, stored));
    }

    /**
     * Stores my preference. It is kept even when SMTP is not configured; choosing email needs an
     * address verified by the identity provider.
     */
    Mono<EmailPreference> set(CurrentUser user, EmailPreference.Change change, Locale requested) {
        EmailPreference.Mode mode;
        try {
            mode = EmailPreference.Mode.valueOf(change.mode() == null ? "" : change.mode().strip());
        } catch (IllegalArgumentException ex) {
            return Mono.error(
                    MinkaException.invalid("mode", "must be one of OFF, EACH, DAILY_DIGEST"));
        }
        String language = change.language() == null ? null : change.language().strip();
        if (language != null && !LANGUAGES.contains(language)) {
            return Mono.error(MinkaException.invalid("language", "must be es or en"));
        }
        if (mode != EmailPreference.Mode.OFF && user.verifiedEmail() == null) {
            return Mono.error(new MinkaException(ProblemType.EMAIL_NOT_VERIFIED));
        }
        Instant now = clock.instant();
        Mono<String> chosen =
                language != null
                        ? Mono.just(language)
                        : outbox.preference(user.id())
                                .map(EmailPreference.Stored::language)
                                .defaultIfEmpty(language(requested));
        return chosen.flatMap(
                        lang -> outbox.save(user.id(), mode, lang, delivery.digestDay(now), now))
                .map(stored -> view(user, stored));
    }

    private EmailPreference view(CurrentUser user, EmailPreference.Stored stored) {
        return new EmailPreference(
                stored.mode(),
                stored.language(),
                user.verifiedEmail(),
                delivery.enabled(),
                properties.digest().at().toString(),
                properties.digest().zone().getId(),
                stored.updatedAt());
    }

    private static String language(Locale locale) {
        return locale != null && "es".equals(locale.getLanguage()) ? "es" : "en";
    }
}
