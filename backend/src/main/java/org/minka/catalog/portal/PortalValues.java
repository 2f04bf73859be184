package org.minka.catalog.portal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/** Lenient parsers for the values portals send: dates, sizes and HTML text. */
public final class PortalValues {

    /** Drupal dates carry no zone; PNDA is in Lima. */
    static final ZoneId DRUPAL_ZONE = ZoneId.of("America/Lima");

    private static final Pattern DRUPAL =
            Pattern.compile(
                    "(?:[^\\d,]+,\\s*)?(\\d{1,2})/(\\d{1,2})/(\\d{4})\\s*-\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern SIZE =
            Pattern.compile(
                    "(?i)^\\s*(\\d+(?:[.,]\\d+)?)\\s*(b|bytes?|kb|kib|ko|mb|mib|mo|gb|gib|go|tb|tib|to)?\\s*$");

    private PortalValues() {}

    /**
     * Parses ISO-8601 with or without zone (no zone means UTC), a date alone, DKAN's "Date changed
     * &lt;date&gt;" prefix, and Drupal dates like "Lun, 14/05/2024 - 10:20" (Lima time). Null when
     * blank or unreadable.
     */
    public static Instant parseDate(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip();
        if (text.regionMatches(true, 0, "Date changed", 0, 12)) {
            text = text.substring(12).strip();
        }
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an offset date-time; try the next shape
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return LocalDateTime.parse(text, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"))
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // next
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException ignored) {
            // next
        }
        Matcher m = DRUPAL.matcher(text);
        if (m.matches()) {
            try {
                LocalDateTime local =
                        LocalDateTime.of(
                                Integer.parseInt(m.group(3)),
                                Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(1)),
                                Integer.parseInt(m.group(4)),
                                Integer.parseInt(m.group(5)),
                                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                return local.atZone(DRUPAL_ZONE).toInstant();
            } catch (java.time.DateTimeException ex) {
                return null;
            }
        }
        return null;
    }

    /**
     * Bytes from an integer or a human size like "19.7 MB" (binary multiples, as Drupal); null when
     * blank.
     */
    public static Long parseSize(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Matcher m = SIZE.matcher(raw);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1).replace(',', '.'));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        int power =
                switch (unit.charAt(0)) {
                    case 'k' -> 1;
                    case 'm' -> 2;
                    case 'g' -> 3;
                    case 't' -> 4;
                    default -> 0;
                };
        return number.multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
    }

    /** Plain text from HTML: tags and scripts dropped, entities decoded, whitespace collapsed. */
    public static String htmlToText(String html) {
        if (html == null) {
            return null;
        }
        if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
            return html.strip();
        }
        return Jsoup.parse(html).text().strip();
    }
}
