package org.minka.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Email for notifications ({@code minka.notifications.email.*}). Email is on only when SMTP is
 * configured ({@code spring.mail.host}); these settings shape it then.
 *
 * @param from the From address
 * @param appUrl the web app's address, linked from emails when set
 * @param drain how the outbox is sent
 * @param retry how failed sends are retried
 * @param digest when daily digests go out
 */
@ConfigurationProperties("minka.notifications.email")
record EmailProperties(String from, String appUrl, Drain drain, Retry retry, Digest digest) {

    EmailProperties {
        from = from == null || from.isBlank() ? "Minka <no-reply@minka.local>" : from;
        appUrl = appUrl == null || appUrl.isBlank() ? null : appUrl.strip();
        drain = drain == null ? new Drain(null, null, null, 0) : drain;
        retry = retry == null ? new Retry(0, null, null, null) : retry;
        digest = digest == null ? new Digest(null, null, null, null, 0) : digest;
    }

    /**
     * @param enabled runs the outbox job on this instance (safe on every instance)
     * @param every how often the outbox is read
     * @param firstAfter delay of the first run after start-up
     * @param batch rows sent per run at most (each claimed just before its send)
     */
    record Drain(Boolean enabled, Duration every, Duration firstAfter, int batch) {

        Drain {
            enabled = enabled == null || enabled;
            every = every == null ? Duration.ofSeconds(30) : every;
            firstAfter = firstAfter == null ? Duration.ofSeconds(20) : firstAfter;
            batch = batch <= 0 ? 50 : batch;
        }
    }

    /**
     * @param maxAttempts sends tried before a row is marked FAILED (and kept)
     * @param initialBackoff wait after the first failure, doubled after each next one
     * @param maxBackoff the longest wait between two attempts
     * @param lease how long a claimed row stays invisible to other runs while it is sent
     */
    record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration lease) {

        Retry {
            maxAttempts = maxAttempts <= 0 ? 8 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofMinutes(1) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofHours(6) : maxBackoff;
            lease = lease == null ? Duration.ofMinutes(5) : lease;
        }

        /** The wait after this many failed attempts: doubling from the initial one, capped. */
        Duration backoff(int attempts) {
            Duration wait = initialBackoff;
            for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /**
     * @param enabled runs the digest job on this instance (safe on every instance)
     * @param at local time of day after which the day's digest goes out
     * @param zone the time zone of {@code at}, also used for times in emails
     * @param every how often the digest job looks
     * @param batch users handled per statement
     */
    record Digest(Boolean enabled, LocalTime at, ZoneId zone, Duration every, int batch) {

        Digest {
            enabled = enabled == null || enabled;
            at = at == null ? LocalTime.of(8, 0) : at;
            zone = zone == null ? ZoneId.of("America/Lima") : zone;
            every = every == null ? Duration.ofMinutes(15) : every;
            batch = batch <= 0 ? 500 : batch;
        }
    }
}
