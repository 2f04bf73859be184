package org.minka.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EmailPropertiesTests {

    @Test
    void backoffWhenAttemptsGrowThenDoublesUpToTheCap() {
        EmailProperties.Retry retry =
                new EmailProperties.Retry(
                        8, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(5));
        assertThat(retry.backoff(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.backoff(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(retry.backoff(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(retry.backoff(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(retry.backoff(60)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void defaultsWhenNothingConfiguredThenOptInFriendlyValues() {
        EmailProperties properties = new EmailProperties(null, " ", null, null, null);
        assertThat(properties.from()).isEqualTo("Minka <no-reply@minka.local>");
        assertThat(properties.appUrl()).isNull();
        assertThat(properties.retry().maxAttempts()).isEqualTo(8);
        assertThat(properties.digest().at()).isEqualTo(LocalTime.of(8, 0));
        assertThat(properties.digest().zone()).isEqualTo(ZoneId.of("America/Lima"));
        assertThat(properties.drain().enabled()).isTrue();
    }

    @Test
    void digestDayWhenBeforeTheLocalDigestTimeThenThePreviousDay() {
        EmailProperties properties =
                new EmailProperties(
                        null,
                        null,
                        null,
                        null,
                        new EmailProperties.Digest(
                                true, LocalTime.of(8, 0), ZoneId.of("America/Lima"), null, 0));
        EmailDelivery delivery =
                new EmailDelivery(null, null, null, properties, null, new NoSender(), "");
        // 12:30 UTC is 07:30 in Lima (UTC-5): the 11th's digest is not due yet.
        assertThat(delivery.digestDay(Instant.parse("2031-03-11T12:30:00Z")))
                .isEqualTo(LocalDate.of(2031, 3, 10));
        assertThat(delivery.digestDay(Instant.parse("2031-03-11T13:00:00Z")))
                .isEqualTo(LocalDate.of(2031, 3, 11));
        assertThat(delivery.enabled()).isFalse();
    }

    @Test
    void enabledWhenASenderBeanExistsButNoHostIsSetThenOff() {
        // a jar built ahead of time (-Paot) has the sender bean whatever the run-time settings
        org.springframework.mail.javamail.JavaMailSenderImpl built =
                new org.springframework.mail.javamail.JavaMailSenderImpl();
        Sender sender = new Sender(built);

        assertThat(EmailDelivery.configured(sender, "")).isNull();
        assertThat(EmailDelivery.configured(sender, null)).isNull();
        assertThat(EmailDelivery.configured(sender, "smtp.example.org")).isSameAs(built);
        assertThat(EmailDelivery.configured(new NoSender(), "smtp.example.org")).isNull();
    }

    /** A sender bean (as Spring Boot defines it when spring.mail.host was set at build time). */
    private record Sender(org.springframework.mail.javamail.JavaMailSender sender)
            implements org.springframework.beans.factory.ObjectProvider<
                    org.springframework.mail.javamail.JavaMailSender> {

        @Override
        public org.springframework.mail.javamail.JavaMailSender getObject() {
            return sender;
        }

        @Override
        public org.springframework.mail.javamail.JavaMailSender getIfAvailable() {
            return sender;
        }
    }

    /** No SMTP configured. */
    private static final class NoSender
            implements org.springframework.beans.factory.ObjectProvider<
                    org.springframework.mail.javamail.JavaMailSender> {

        @Override
        public org.springframework.mail.javamail.JavaMailSender getObject() {
            throw new IllegalStateException("no sender");
        }

        @Override
        public org.springframework.mail.javamail.JavaMailSender getIfAvailable() {
            return null;
        }
    }
}
