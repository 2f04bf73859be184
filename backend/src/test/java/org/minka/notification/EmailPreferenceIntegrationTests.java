package org.minka.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Api.Reply;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.LocalServers;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * The email preference endpoints, on the app without SMTP: choices are stored, {@code smtpEnabled}
 * is false, and nothing is queued.
 */
class EmailPreferenceIntegrationTests extends IntegrationTest {

    private static final String PATH = "/api/v1/me/notifications/email";

    private Api api() {
        return new Api(web, fixtures);
    }

    private Reply put(User user, Object body) {
        return api().call(HttpMethod.PUT, user, PATH, body);
    }

    private long stored(User user) {
        return count(
                "select count(*) from notification_email_settings where user_id = $1", user.id());
    }

    @Test
    void getWhenNeverChosenThenOffAndSmtpDisabled() {
        User user = fixtures.user("prefs");
        Reply reply = api().get(user, PATH).expect(200);
        assertThat((String) reply.json("$.mode")).isEqualTo("OFF");
        assertThat((Boolean) reply.json("$.smtpEnabled")).isFalse();
        assertThat((String) reply.json("$.address")).isEqualTo(user.email());
        assertThat((String) reply.json("$.language")).isEqualTo("en");
        assertThat((String) reply.json("$.digestAt")).isEqualTo("08:00");
        assertThat((String) reply.json("$.digestZone")).isEqualTo("America/Lima");
        web.get()
                .uri(PATH)
                .headers(
                        h -> {
                            h.setBearerAuth(user.token());
                            h.set("Accept-Language", "es-PE,es;q=0.9");
                        })
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.language")
                .isEqualTo("es");
    }

    @Test
    void putWhenAnySignedInUserThenStoredEvenWithoutSmtpAndNothingQueued() {
        User admin = fixtures.admin();
        UUID event = api().event(admin, null);
        User captain = api().registered(event);
        UUID team = api().team(event, captain).id();
        User invitee = api().registered(event);

        Reply chosen = put(invitee, Map.of("mode", "EACH", "language", "es")).expect(200);
        assertThat((String) chosen.json("$.mode")).isEqualTo("EACH");
        assertThat((String) chosen.json("$.language")).isEqualTo("es");
        assertThat((Boolean) chosen.json("$.smtpEnabled")).isFalse();
        assertThat((String) chosen.json("$.updatedAt")).isNotNull();
        assertThat((String) api().get(invitee, PATH).expect(200).json("$.mode")).isEqualTo("EACH");

        api().post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/invitations",
                        Map.of("userId", invitee.id().toString()),
                        event,
                        team)
                .expect(201);
        assertThat(
                        count(
                                "select count(*) from notifications where user_id = $1 and kind = $2",
                                invitee.id(),
                                Notification.TEAM_INVITATION))
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from notification_email_outbox where user_id = $1",
                                invitee.id()))
                .as("no SMTP, no outbox rows")
                .isZero();

        // Language kept when a later change omits it; admins and organizers are users like others.
        Reply digest = put(invitee, Map.of("mode", "DAILY_DIGEST")).expect(200);
        assertThat((String) digest.json("$.mode")).isEqualTo("DAILY_DIGEST");
        assertThat((String) digest.json("$.language")).isEqualTo("es");
        assertThat((String) put(admin, Map.of("mode", "OFF")).expect(200).json("$.mode"))
                .isEqualTo("OFF");
        assertThat((String) put(captain, Map.of("mode", "EACH")).expect(200).json("$.language"))
                .isEqualTo("en");
    }

    @Test
    void callWhenAnonymousThenUnauthorized() {
        web.get()
                .uri(PATH)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.put()
                .uri(PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("mode", "EACH"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void putWhenBadInputThenProblemAndNothingStored() {
        User user = fixtures.user("bad-prefs");
        Reply unknown = put(user, Map.of("mode", "WEEKLY")).problem(400, "validation-failed");
        assertThat((String) unknown.json("$.errors[0].field")).isEqualTo("mode");
        put(user, Map.of("language", "es")).problem(400, "validation-failed");
        Map<String, Object> nullMode = new LinkedHashMap<>();
        nullMode.put("mode", null);
        put(user, nullMode).problem(400, "validation-failed");
        put(user, Map.of("mode", "EACH", "language", "fr")).problem(400, "validation-failed");
        put(user, Map.of("mode", List.of("EACH"))).problem(400, "malformed-request");
        web.put()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.put()
                .uri(PATH)
                .headers(h -> h.setBearerAuth(user.token()))
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("EACH")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(stored(user)).isZero();
    }

    @Test
    void putWhenEmailNotVerifiedThenOnlyOffIsAccepted() {
        String subject = "unverified-" + UUID.randomUUID();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", subject + "@example.org");
        claims.put("email_verified", false);
        claims.put("name", "Sin verificar");
        String token =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        subject,
                        List.of(LocalServers.AUDIENCE),
                        claims,
                        3600);
        Map<?, ?> me =
                web.get()
                        .uri("/api/v1/me")
                        .headers(h -> h.setBearerAuth(token))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
        User user = new User(token, UUID.fromString((String) me.get("id")), null);
        assertThat((Object) api().get(user, PATH).expect(200).json("$.address")).isNull();
        put(user, Map.of("mode", "EACH")).problem(422, "email-not-verified");
        put(user, Map.of("mode", "DAILY_DIGEST")).problem(422, "email-not-verified");
        assertThat(stored(user)).isZero();
        put(user, Map.of("mode", "OFF")).expect(200);
        assertThat(stored(user)).isEqualTo(1);
    }
}
