package org.minka.notification;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.minka.common.ClusterLocks;
import org.minka.common.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the email outbox, and queues daily digests. Both jobs are cluster-singleton (one instance
 * at a time), and rows are also claimed with {@code FOR UPDATE SKIP LOCKED}. JavaMail blocks, so
 * each send runs on the bounded-elastic scheduler, never on an event loop. A failed send stays in
 * the outbox and is retried with exponential backoff; after the last attempt it is marked FAILED
 * and kept.
 */
@Component
@EnableConfigurationProperties(EmailProperties.class)
class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

    private final EmailOutbox outbox;
    private final NotificationRepository notifications;
    private final EmailContent content;
    private final EmailProperties properties;
    private final Clock clock;
    private final JavaMailSender sender;

    EmailDelivery(
            EmailOutbox outbox,
            NotificationRepository notifications,
            EmailContent content,
            EmailProperties properties,
            Clock clock,
            ObjectProvider<JavaMailSender> sender,
            @Value("${spring.mail.host:}") String mailHost) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.content = content;
        this.properties = properties;
        this.clock = clock;
        this.sender = configured(sender, mailHost);
    }

    /**
     * The SMTP sender when a host is set at run time: a jar built ahead of time (-Paot) always has
     * the sender bean, because its conditions were fixed at build time.
     */
    static JavaMailSender configured(ObjectProvider<JavaMailSender> sender, String host) {
        return host == null || host.isBlank() ? null : sender.getIfAvailable();
    }

    /** Whether SMTP is configured, so that email goes out at all. */
    boolean enabled() {
        return sender != null;
    }

    /** What became of one claimed row. */
    enum Outcome {
        SENT,
        SKIPPED,
        FAILED
    }

    /**
     * Sends the rows due now, one after the other, up to one batch; returns how many went out. A
     * failed send ends the run: the server is likely down, and the next run tries again.
     */
    Mono<Long> drainOnce() {
        if (!enabled()) {
            return Mono.just(0L);
        }
        AtomicInteger left = new AtomicInteger(properties.drain().batch());
        Mono<Outcome> next =
                Mono.defer(
                        () -> {
                            if (left.getAndDecrement() <= 0) {
                                return Mono.empty();
                            }
                            Instant now = clock.instant();
                            return outbox.claim(now, now.plus(properties.retry().lease()))
                                    .flatMap(this::deliver);
                        });
        return next.expand(outcome -> outcome == Outcome.FAILED ? Mono.empty() : next)
                .filter(outcome -> outcome == Outcome.SENT)
                .count();
    }

    /** Sends one row. A failed send is recorded for a later retry. */
    private Mono<Outcome> deliver(EmailOutbox.Claimed row) {
        return outbox.recipient(row.userId())
                .flatMap(
                        to ->
                                to.wants(row)
                                        ? compose(row, to)
                                        : outbox.skipped(row.id(), "preference or address changed")
                                                .then(Mono.empty()))
                .flatMap(
                        mail ->
                                send(mail)
                                        .thenReturn(Outcome.SENT)
                                        .onErrorResume(ex -> retry(row, ex)))
                .flatMap(
                        outcome ->
                                outcome == Outcome.SENT
                                        ? outbox.sent(row.id(), clock.instant()).thenReturn(outcome)
                                        : Mono.just(outcome))
                .defaultIfEmpty(Outcome.SKIPPED);
    }

    /** The email of a row; empty (and the row skipped) when nothing is left to say. */
    private Mono<EmailContent.Mail> compose(EmailOutbox.Claimed row, EmailOutbox.Recipient to) {
        int limit = row.digest() ? EmailContent.DIGEST_LINES + 1 : 1;
        return notifications
                .range(row.userId(), row.firstSeq(), row.lastSeq(), row.digest(), limit)
                .collectList()
                .flatMap(
                        found -> {
                            if (found.isEmpty()) {
                                return outbox.skipped(row.id(), "nothing left to send")
                                        .then(Mono.empty());
                            }
                            return Mono.just(
                                    row.digest()
                                            ? content.digest(
                                                    to,
                                                    found.subList(
                                                            0,
                                                            Math.min(
                                                                    found.size(),
                                                                    EmailContent.DIGEST_LINES)),
                                                    found.size() > EmailContent.DIGEST_LINES)
                                            : content.each(to, found.get(0)));
                        });
    }

    /** JavaMail blocks on the network: build and send the message on bounded-elastic. */
    private Mono<Void> send(EmailContent.Mail mail) {
        return Mono.fromRunnable(
                        () -> {
                            try {
                                MimeMessage message = sender.createMimeMessage();
                                MimeMessageHelper helper =
                                        new MimeMessageHelper(
                                                message, false, StandardCharsets.UTF_8.name());
                                helper.setFrom(properties.from());
                                helper.setTo(mail.to());
                                helper.setSubject(mail.subject());
                                helper.setText(mail.text(), false);
                                sender.send(message);
                            } catch (jakarta.mail.MessagingException ex) {
                                throw new org.springframework.mail.MailPreparationException(ex);
                            }
                        })
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private Mono<Outcome> retry(EmailOutbox.Claimed row, Throwable ex) {
        boolean last = row.attempts() >= properties.retry().maxAttempts();
        Instant at = clock.instant().plus(properties.retry().backoff(row.attempts()));
        String error = ex.toString();
        if (error.length() > 1000) {
            error = error.substring(0, 1000);
        }
        if (last) {
            log.warn("Email {} failed after {} attempts: {}", row.id(), row.attempts(), error);
        } else {
            log.info(
                    "Email {} failed (attempt {}), retrying at {}: {}",
                    row.id(),
                    row.attempts(),
                    at,
                    error);
        }
        return outbox.failed(row.id(), last, at, error).thenReturn(Outcome.FAILED);
    }

    /**
     * Queues the digests due now: a user's digest for a day is due once that day's local {@code
     * digest.at} has passed. Returns how many were queued.
     */
    Mono<Long> digestOnce() {
        if (!enabled()) {
            return Mono.just(0L);
        }
        Instant now = clock.instant();
        LocalDate day = digestDay(now);
        int batch = properties.digest().batch();
        return Mono.defer(() -> outbox.queueDigests(day, now, batch))
                .expand(
                        run ->
                                run.users() < batch
                                        ? Mono.empty()
                                        : outbox.queueDigests(day, now, batch))
                .map(EmailOutbox.DigestRun::queued)
                .reduce(0L, Long::sum);
    }

    /** The latest local day whose digest time has passed at {@code now}. */
    LocalDate digestDay(Instant now) {
        ZonedDateTime local = now.atZone(properties.digest().zone());
        return local.toLocalTime().isBefore(properties.digest().at())
                ? local.toLocalDate().minusDays(1)
                : local.toLocalDate();
    }

    /** Sends the outbox every {@code drain.every}, when SMTP is configured. */
    @Bean
    static SmartLifecycle emailOutboxJob(
            EmailDelivery delivery, EmailProperties properties, ClusterLocks locks) {
        EmailProperties.Drain drain = properties.drain();
        return new PeriodicTask(
                        "Email outbox",
                        drain.firstAfter(),
                        drain.every(),
                        delivery::drainOnce,
                        delivery.enabled() && drain.enabled())
                .clusterSingleton(locks);
    }

    /** Queues daily digests every {@code digest.every}, when SMTP is configured. */
    @Bean
    static SmartLifecycle emailDigestJob(
            EmailDelivery delivery, EmailProperties properties, ClusterLocks locks) {
        EmailProperties.Digest digest = properties.digest();
        return new PeriodicTask(
                        "Email digests",
                        digest.every(),
                        digest.every(),
                        delivery::digestOnce,
                        delivery.enabled() && digest.enabled())
                .clusterSingleton(locks);
    }
}
