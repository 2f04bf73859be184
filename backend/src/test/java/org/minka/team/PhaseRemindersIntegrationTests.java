package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/** A phase opening or closing within 24 hours is announced once per event and phase. */
class PhaseRemindersIntegrationTests extends IntegrationTest {

    @Autowired PhaseReminders reminders;

    private long notified(User user, UUID event, String kind) {
        return count(
                "select count(*) from notifications where user_id = $1 and event_id = $2 and kind = $3",
                user.id(),
                event,
                kind);
    }

    @Test
    void remindersGoOutOnceEvenWhenInstancesRunTheJobTogether() {
        Api api = new Api(web, fixtures);
        User admin = fixtures.admin();
        UUID event = api.event(admin, null);
        User citizen = api.registered(event);
        User withdrawn = api.registered(event);
        api.delete(withdrawn, "/api/v1/events/{e}/registrations/me", event).expect(204);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant edge = now.plus(Duration.ofHours(12));
        List<Map<String, Object>> windows =
                List.of(
                        Fixtures.window("REGISTRATION", now.minus(Duration.ofDays(1)), edge),
                        Fixtures.window("SUBMISSION", edge, now.plus(Duration.ofDays(10))),
                        Fixtures.window(
                                "JUDGING",
                                now.plus(Duration.ofDays(10)),
                                now.plus(Duration.ofDays(20))),
                        Fixtures.window(
                                "VOTING",
                                now.plus(Duration.ofDays(11)),
                                now.plus(Duration.ofDays(20))),
                        Fixtures.window(
                                "RESULTS",
                                now.plus(Duration.ofDays(20)),
                                now.plus(Duration.ofDays(30))));
        api.call(
                        HttpMethod.PUT,
                        admin,
                        "/api/v1/events/{id}/phases",
                        Map.of("phases", windows),
                        event)
                .expect(200);

        CompletableFuture<Long> first =
                CompletableFuture.supplyAsync(
                        () -> reminders.runOnce().block(Duration.ofSeconds(30)));
        CompletableFuture<Long> second =
                CompletableFuture.supplyAsync(
                        () -> reminders.runOnce().block(Duration.ofSeconds(30)));
        first.join();
        second.join();
        reminders.runOnce().block(Duration.ofSeconds(30));

        for (User user : List.of(citizen, admin)) {
            assertThat(notified(user, event, "event.phase.closing")).isEqualTo(1);
            assertThat(notified(user, event, "event.phase.opening")).isEqualTo(1);
        }
        assertThat(count("select count(*) from notifications where user_id = $1", withdrawn.id()))
                .isZero();
        assertThat(count("select count(*) from phase_reminders where event_id = $1", event))
                .isEqualTo(2);
        assertThat(
                        api.get(citizen, "/api/v1/me/notifications")
                                .<List<String>>json("$.items[*].data.phase"))
                .containsExactlyInAnyOrder("REGISTRATION", "SUBMISSION");
    }
}
