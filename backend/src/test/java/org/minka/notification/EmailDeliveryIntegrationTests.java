package org.minka.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Email through a real SMTP server in this JVM (GreenMail): one email per notification, the daily
 * digest, and retries after a failed send. The outbox job runs every 200 ms here; tests also call
 * it directly, which is safe because rows are claimed with FOR UPDATE SKIP LOCKED. This is the one
 * context with SMTP; it is closed after the class, so that its jobs stop.
 */
@DirtiesContext
class EmailDeliveryIntegrationTests extends IntegrationTest {

    private static final int MAX_ATTEMPTS = 5;
    private static final ServerSetup SMTP = new ServerSetup(freePort(), "127.0.0.1", "smtp");
    private static volatile GreenMail smtp = started();

    @Autowired Notifier notifier;
    @Autowired EmailDelivery delivery;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> String.valueOf(SMTP.getPort()));
        registry.add("minka.notifications.email.from", () -> "Minka <minka@example.org>");
        registry.add("minka.notifications.email.app-url", () -> "https://minka.example.org");
        registry.add("minka.notifications.email.drain.every", () -> "200ms");
        registry.add("minka.notifications.email.drain.first-after", () -> "200ms");
        registry.add("minka.notifications.email.retry.initial-backoff", () -> "2s");
        registry.add("minka.notifications.email.retry.max-attempts", () -> "" + MAX_ATTEMPTS);
        registry.add("minka.notifications.email.digest.enabled", () -> "false");
        registry.add("minka.notifications.email.digest.at", () -> "08:00");
        registry.add("minka.notifications.email.digest.zone", () -> "UTC");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static GreenMail started() {
        GreenMail server = new GreenMail(SMTP);
        server.start();
        return server;
    }

    @BeforeEach
    void smtpRunning() {
        if (!smtp.isRunning()) {
            smtp = started();
        }
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    private Api api() {
        return new Api(web, fixtures);
    }

    private void choose(User user, String mode, String language) {
        Api.Reply reply =
                api().call(
                                HttpMethod.PUT,
                                user,
                                "/api/v1/me/notifications/email",
                                Map.of("mode", mode, "language", language))
                        .expect(200);
        assertThat((Boolean) reply.json("$.smtpEnabled")).isTrue();
    }

    private static List<MimeMessage> to(User user) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> addressedTo(m, user.email()))
                .toList();
    }

    private static boolean addressedTo(MimeMessage message, String email) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null
                    && Arrays.stream(recipients).anyMatch(a -> a.toString().equals(email));
        } catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static <T> T eventually(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; last seen: " + value);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            value = probe.get();
        }
        return value;
    }

    /** The user's outbox rows, oldest first. */
    private List<Map<String, Object>> outbox(User user) {
        return db.sql(
                        "select kind, status, attempts, last_error, first_seq, last_seq from notification_email_outbox"
                                + " where user_id = $1 order by id")
                .bind(0, user.id())
                .fetch()
                .all()
                .collectList()
                .block(Duration.ofSeconds(10));
    }

    private void raise(User user, String kind, Map<String, ?> data) {
        notifier.notify(user.id(), null, kind, data).block(Duration.ofSeconds(10));
    }

    private static String text(MimeMessage message) {
        try {
            return message.getContent().toString();
        } catch (IOException | jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @Test
    void eachModeSendsOneEmailPerNotificationInTheUsersLanguageAndOffSendsNone() throws Exception {
        User admin = fixtures.admin();
        UUID event = api().event(admin, null);
        User captain = api().registered(event);
        String name = "Los Datavengers " + UUID.randomUUID().toString().substring(0, 6);
        UUID team = api().team(event, captain, Map.of("name", name)).id();
        User each = api().registered(event);
        User off = api().registered(event);
        User never = api().registered(event);
        choose(each, "EACH", "es");
        choose(off, "OFF", "en");
        for (User invitee : List.of(each, off, never)) {
            api().post(
                            captain,
                            "/api/v1/events/{e}/teams/{t}/invitations",
                            Map.of("userId", invitee.id().toString()),
                            event,
                            team)
                    .expect(201);
        }

        MimeMessage mail =
                eventually("the invitation email", () -> to(each), l -> !l.isEmpty()).get(0);
        assertThat(mail.getSubject())
                .isEqualTo("Minka: Te invitaron a unirte al equipo " + name + ".");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Minka <minka@example.org>");
        assertThat(text(mail))
                .contains("Te invitaron a unirte al equipo " + name + ".")
                .contains("https://minka.example.org")
                .contains("un correo por notificación");
        eventually(
                "the row marked sent",
                () -> outbox(each),
                rows -> rows.size() == 1 && "SENT".equals(rows.get(0).get("status")));
        assertThat(outbox(off)).isEmpty();
        assertThat(outbox(never)).isEmpty();

        delivery.drainOnce().block(Duration.ofSeconds(30));
        assertThat(to(each)).hasSize(1);
        assertThat(to(off)).isEmpty();
        assertThat(to(never)).isEmpty();

        // A second notification, a second email.
        raise(each, Notification.MENTION, Map.of("from", "Ana"));
        eventually("the mention email", () -> to(each), l -> l.size() == 2);
        assertThat(to(each).get(1).getSubject())
                .isEqualTo("Minka: Ana te mencionó en un comentario.");
    }

    @Test
    void dailyDigestSendsOneEmailWhenTheDigestTaskRunsWithTheUnreadNotifications()
            throws Exception {
        Instant day1 = Instant.parse("2031-03-10T12:00:00Z");
        clock.set(day1);
        User user = fixtures.user("digest");
        choose(user, "DAILY_DIGEST", "en");
        raise(user, Notification.TEAM_INVITATION, Map.of("teamName", "Los Primeros"));
        raise(user, Notification.HELP_ANSWERED, Map.of("from", "Mentora", "topic", "pandas"));
        raise(user, Notification.MENTION, Map.of("from", "Read Already"));
        long readSeq = count("select max(seq) from notifications where user_id = $1", user.id());
        api().post(user, "/api/v1/me/notifications/{seq}/read", null, readSeq).expect(204);

        delivery.digestOnce().block(Duration.ofSeconds(30));
        assertThat(outbox(user))
                .as("today's digest time has passed, but the day began before the choice")
                .isEmpty();

        clock.set(Instant.parse("2031-03-11T07:59:00Z"));
        delivery.digestOnce().block(Duration.ofSeconds(30));
        assertThat(outbox(user)).as("before 08:00").isEmpty();

        clock.set(Instant.parse("2031-03-11T08:30:00Z"));
        delivery.digestOnce().block(Duration.ofSeconds(30));
        List<Map<String, Object>> rows = outbox(user);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("kind", "DIGEST");

        delivery.drainOnce().block(Duration.ofSeconds(30));
        MimeMessage digest = eventually("the digest", () -> to(user), l -> !l.isEmpty()).get(0);
        assertThat(digest.getSubject()).isEqualTo("Minka: 2 new notifications");
        assertThat(text(digest))
                .contains("You are invited to join the team Los Primeros.")
                .contains("Mentora answered your help request \"pandas\".")
                .doesNotContain("Read Already")
                .contains("daily digest");

        delivery.digestOnce().block(Duration.ofSeconds(30));
        raise(user, Notification.MENTION, Map.of("from", "Tomorrow"));
        delivery.digestOnce().block(Duration.ofSeconds(30));
        assertThat(outbox(user)).as("one digest a day").hasSize(1);
        delivery.drainOnce().block(Duration.ofSeconds(30));
        assertThat(to(user)).as("no email per notification in digest mode").hasSize(1);

        clock.set(Instant.parse("2031-03-12T09:00:00Z"));
        delivery.digestOnce().block(Duration.ofSeconds(30));
        assertThat(outbox(user)).hasSize(2);
        eventually("the second digest", () -> to(user), l -> l.size() == 2);
        assertThat(text(to(user).get(1))).contains("Tomorrow").doesNotContain("Los Primeros");
    }

    @Test
    void failedSendKeepsTheRowAndALaterDrainDeliversItExactlyOnce() throws Exception {
        User user = fixtures.user("retry");
        choose(user, "EACH", "en");
        smtp.stop();
        try {
            raise(user, Notification.TEAM_INVITATION, Map.of("teamName", "Reintento"));
            Map<String, Object> row =
                    eventually(
                                    "a failed attempt",
                                    () -> outbox(user),
                                    rows ->
                                            rows.size() == 1
                                                    && rows.get(0).get("last_error") != null)
                            .get(0);
            assertThat(row).containsEntry("status", "PENDING");
            assertThat((Integer) row.get("attempts")).isBetween(1, MAX_ATTEMPTS - 1);
        } finally {
            smtp = started();
        }
        eventually("the retried email", () -> to(user), l -> !l.isEmpty());
        eventually(
                "the row marked sent",
                () -> outbox(user),
                rows -> "SENT".equals(rows.get(0).get("status")));
        delivery.drainOnce().block(Duration.ofSeconds(30));
        assertThat(to(user)).hasSize(1);
        assertThat(to(user).get(0).getSubject())
                .isEqualTo("Minka: You are invited to join the team Reintento.");
        assertThat(outbox(user)).hasSize(1);
    }

    @Test
    void sendFailingEveryAttemptEndsFailedAndTheRowIsKept() {
        User user = fixtures.user("failed");
        choose(user, "EACH", "en");
        smtp.stop();
        try {
            raise(user, Notification.MENTION, Map.of("from", "Nadie"));
            for (int i = 0; i < 4 * MAX_ATTEMPTS && !"FAILED".equals(status(user)); i++) {
                clock.advance(Duration.ofDays(1));
                delivery.drainOnce().block(Duration.ofSeconds(30));
            }
            Map<String, Object> row = outbox(user).get(0);
            assertThat(row).containsEntry("status", "FAILED");
            assertThat((Integer) row.get("attempts")).isGreaterThanOrEqualTo(MAX_ATTEMPTS);
            assertThat((String) row.get("last_error")).isNotBlank();
        } finally {
            smtp = started();
        }
        clock.advance(Duration.ofDays(1));
        delivery.drainOnce().block(Duration.ofSeconds(30));
        assertThat(to(user)).isEmpty();
        assertThat(outbox(user)).hasSize(1);
    }

    private String status(User user) {
        List<Map<String, Object>> rows = outbox(user);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    @Test
    void switchingOffBeforeTheSendSkipsTheQueuedEmail() {
        User user = fixtures.user("switch");
        choose(user, "EACH", "en");
        smtp.stop();
        try {
            raise(user, Notification.MENTION, Map.of("from", "Quien"));
            eventually(
                    "a failed attempt",
                    () -> outbox(user),
                    rows -> rows.size() == 1 && rows.get(0).get("last_error") != null);
            choose(user, "OFF", "en");
        } finally {
            smtp = started();
        }
        eventually("the row skipped", () -> status(user), "SKIPPED"::equals);
        assertThat(to(user)).isEmpty();
    }
}
