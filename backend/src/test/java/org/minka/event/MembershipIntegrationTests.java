package org.minka.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;
import org.minka.support.LocalServers;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class MembershipIntegrationTests extends IntegrationTest {

    private WebTestClient.ResponseSpec invite(UUID event, User by, Object body) {
        return web.post()
                .uri("/api/v1/events/{e}/memberships", event)
                .headers(h -> h.setBearerAuth(by.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private long memberships(UUID event) {
        return count("select count(*) from event_memberships where event_id = $1", event);
    }

    @Test
    void inviteWhenEmailNotYetSignedInThenPendingAndBoundOnVerifiedSignIn() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        String subject = "mentor-by-email-" + UUID.randomUUID();
        String email = subject + "@example.org";
        invite(event, admin, Map.of("role", "MENTOR", "email", email.toUpperCase()))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING")
                .jsonPath("$.userId")
                .doesNotExist();
        String unverified =
                tokens.token(
                        LocalServers.ISSUER_ID,
                        subject + "-other",
                        List.of(LocalServers.AUDIENCE),
                        Map.of("email", email, "email_verified", false),
                        600);
        web.get()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(unverified))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.memberships.length()")
                .isEqualTo(0);
        String verified = tokens.user(subject, false);
        web.get()
                .uri("/api/v1/me")
                .headers(h -> h.setBearerAuth(verified))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.memberships.length()")
                .isEqualTo(1)
                .jsonPath("$.memberships[0].role")
                .isEqualTo("MENTOR")
                .jsonPath("$.memberships[0].status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.memberships[0].eventId")
                .isEqualTo(event.toString());
        web.get()
                .uri("/api/v1/events/{e}", event)
                .headers(h -> h.setBearerAuth(verified))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void inviteWhenEmailAlreadyVerifiedUserThenActiveAtOnce() {
        User admin = fixtures.admin();
        User judge = fixtures.user("judge");
        UUID event = fixtures.event(admin, false);
        invite(event, admin, Map.of("role", "JUDGE", "email", judge.email()))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.userId")
                .isEqualTo(judge.id().toString());
    }

    @Test
    void inviteWhenScopedToChallengeThenStoredWithScope() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        UUID challenge = fixtures.challenge(event, admin, "Reto con mentora");
        User mentor = fixtures.user("mentor");
        invite(
                        event,
                        admin,
                        Map.of(
                                "role",
                                "MENTOR",
                                "userId",
                                mentor.id().toString(),
                                "challengeIds",
                                List.of(challenge.toString())))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.challengeIds[0]")
                .isEqualTo(challenge.toString());
    }

    @Test
    void inviteWhenScopeHasChallengeOfAnotherEventThenUnprocessableAndNothingStored() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        UUID foreign = fixtures.challenge(fixtures.event(admin, false), admin, "Ajeno");
        long before = memberships(event);
        invite(
                        event,
                        admin,
                        Map.of(
                                "role",
                                "JUDGE",
                                "userId",
                                fixtures.user("judge").id().toString(),
                                "challengeIds",
                                List.of(foreign.toString())))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/unknown-challenge");
        assertThat(memberships(event)).isEqualTo(before);
    }

    @Test
    void inviteWhenUnknownUserThenUnprocessable() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        invite(event, admin, Map.of("role", "MENTOR", "userId", UUID.randomUUID().toString()))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/unknown-user");
        assertThat(memberships(event)).isEqualTo(1);
    }

    @Test
    void inviteWhenBadInputThenValidationProblemsAndNothingStored() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        User someone = fixtures.user("someone");
        invite(
                        event,
                        admin,
                        Map.of(
                                "role",
                                "MENTOR",
                                "userId",
                                someone.id().toString(),
                                "email",
                                "a@example.org"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("userId");
        invite(event, admin, Map.of("role", "MENTOR")).expectStatus().isBadRequest();
        invite(event, admin, Map.of("role", "MENTOR", "email", "not-an-email"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("email");
        invite(event, admin, Map.of("role", "ASTRONAUT", "userId", someone.id().toString()))
                .expectStatus()
                .isBadRequest();
        invite(
                        event,
                        admin,
                        Map.of(
                                "role",
                                "ORGANIZER",
                                "userId",
                                someone.id().toString(),
                                "challengeIds",
                                List.of(UUID.randomUUID().toString())))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("challengeIds");
        assertThat(memberships(event)).isEqualTo(1);
    }

    @Test
    void inviteWhenSameRoleTwiceThenConflict() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        User mentor = fixtures.user("mentor");
        fixtures.addMember(event, admin, mentor, "MENTOR");
        invite(event, admin, Map.of("role", "MENTOR", "userId", mentor.id().toString()))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://minka.dev/problems/membership-exists");
        invite(event, admin, Map.of("role", "JUDGE", "userId", mentor.id().toString()))
                .expectStatus()
                .isCreated();
    }

    @Test
    void revokeWhenMemberThenGoneFromListAndRoleLost() {
        User admin = fixtures.admin();
        User organizer = fixtures.user("organizer");
        UUID event = fixtures.event(admin, false);
        UUID membership = fixtures.addMember(event, admin, organizer, "ORGANIZER");
        web.get()
                .uri("/api/v1/events/{e}/memberships", event)
                .headers(h -> h.setBearerAuth(organizer.token()))
                .exchange()
                .expectStatus()
                .isOk();
        web.delete()
                .uri("/api/v1/events/{e}/memberships/{m}", event, membership)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isNoContent();
        web.get()
                .uri("/api/v1/events/{e}/memberships", event)
                .headers(h -> h.setBearerAuth(organizer.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
        web.delete()
                .uri("/api/v1/events/{e}/memberships/{m}", event, membership)
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(
                        count(
                                "select count(*) from audit_log where event_id = $1 and action = 'membership.revoked'",
                                event))
                .isEqualTo(1);
    }

    @Test
    void revokeWhenLastOrganizerThenConflict() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        Map<?, ?> only =
                (Map<?, ?>)
                        web.get()
                                .uri("/api/v1/events/{e}/memberships", event)
                                .headers(h -> h.setBearerAuth(admin.token()))
                                .exchange()
                                .expectBody(List.class)
                                .returnResult()
                                .getResponseBody()
                                .get(0);
        web.delete()
                .uri("/api/v1/events/{e}/memberships/{m}", event, only.get("id"))
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("An event must keep at least one organizer.");
    }

    @Test
    void revokeWhenUnknownMembershipThenNotFound() {
        User admin = fixtures.admin();
        UUID event = fixtures.event(admin, false);
        web.delete()
                .uri("/api/v1/events/{e}/memberships/{m}", event, UUID.randomUUID())
                .headers(h -> h.setBearerAuth(admin.token()))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void mentorOfEventCanReadDraftButNotOrganize() {
        User admin = fixtures.admin();
        User mentor = fixtures.user("mentor");
        UUID event = fixtures.event(admin, false);
        fixtures.addMember(event, admin, mentor, "MENTOR");
        web.get()
                .uri("/api/v1/events/{e}", event)
                .headers(h -> h.setBearerAuth(mentor.token()))
                .exchange()
                .expectStatus()
                .isOk();
        web.patch()
                .uri("/api/v1/events/{e}", event)
                .headers(h -> h.setBearerAuth(mentor.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "x"))
                .exchange()
                .expectStatus()
                .isForbidden();
    }
}
