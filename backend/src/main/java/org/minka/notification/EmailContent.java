package org.minka.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.minka.common.Messages;
import org.springframework.stereotype.Component;

/**
 * Writes notification emails as plain text in the user's language. They say only what the inbox
 * shows: each line comes from the notification's kind and its data, never from anything else.
 */
@Component
class EmailContent {

    /** A message ready to send. */
    record Mail(String to, String subject, String text) {}

    static final int DIGEST_LINES = 50;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final Messages messages;
    private final EmailProperties properties;

    EmailContent(Messages messages, EmailProperties properties) {
        this.messages = messages;
        this.properties = properties;
    }

    /** One email for one notification. */
    Mail each(EmailOutbox.Recipient to, Notification notification) {
        Locale locale = locale(to.language());
        String line = line(notification, locale);
        String text =
                greeting(to, locale) + "\n\n" + line + "\n" + footer(locale, "email.footer.each");
        return new Mail(to.email(), msg("email.subject.each", locale, oneLine(line)), text);
    }

    /** One digest for these notifications ({@code more} says whether some were left out). */
    Mail digest(EmailOutbox.Recipient to, List<Notification> notifications, boolean more) {
        Locale locale = locale(to.language());
        StringBuilder text = new StringBuilder(greeting(to, locale)).append("\n\n");
        text.append(msg("email.digest.intro", locale, notifications.size())).append("\n\n");
        for (Notification n : notifications) {
            text.append("- ")
                    .append(time(n.createdAt()))
                    .append(": ")
                    .append(line(n, locale))
                    .append('\n');
        }
        if (more) {
            text.append(msg("email.digest.more", locale)).append('\n');
        }
        text.append(footer(locale, "email.footer.digest"));
        return new Mail(
                to.email(),
                msg("email.subject.digest", locale, notifications.size()),
                text.toString());
    }

    private String greeting(EmailOutbox.Recipient to, Locale locale) {
        return to.name() == null || to.name().isBlank()
                ? msg("email.greeting", locale)
                : msg("email.greeting.named", locale, oneLine(to.name()));
    }

    private String footer(Locale locale, String why) {
        StringBuilder footer = new StringBuilder("\n");
        if (properties.appUrl() != null) {
            footer.append(msg("email.open", locale, properties.appUrl())).append("\n\n");
        }
        footer.append("-- \n").append(msg(why, locale)).append('\n');
        return footer.toString();
    }

    /** One sentence for a notification, from its kind and data. */
    String line(Notification n, Locale locale) {
        Map<String, Object> data = n.data() == null ? Map.of() : n.data();
        Object[] args = {
            text(data.get("teamName")),
            text(data.get("from")),
            text(data.get("topic")),
            phase(data.get("phase"), locale),
            time(data.get("at")),
            text(data.get("mentor")),
        };
        String key = "email.line." + n.kind();
        if (Notification.TEAM_JOIN_REQUEST_DECIDED.equals(n.kind())) {
            key += "." + text(data.get("status")).toLowerCase(Locale.ROOT);
        }
        String line = messages.get(key, args, locale);
        return line.equals(key) ? msg("email.line.other", locale) : line;
    }

    private String phase(Object phase, Locale locale) {
        if (phase == null) {
            return "";
        }
        String key = "email.phase." + phase;
        String name = messages.get(key, new Object[0], locale);
        return name.equals(key) ? text(phase) : name;
    }

    private String time(Object value) {
        if (value == null) {
            return "";
        }
        try {
            Instant at = value instanceof Instant i ? i : Instant.parse(value.toString());
            return TIME.format(at.atZone(zone()));
        } catch (DateTimeParseException ex) {
            return text(value);
        }
    }

    private ZoneId zone() {
        return properties.digest().zone();
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.get(key, args, locale);
    }

    static Locale locale(String language) {
        return "es".equals(language) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
    }

    /** A value as one line of text: control characters (newlines included) become spaces. */
    private static String text(Object value) {
        return value == null ? "" : oneLine(value.toString());
    }

    private static String oneLine(String value) {
        return value.replaceAll("\\p{Cntrl}+", " ").strip();
    }
}
