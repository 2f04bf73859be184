package org.minka.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.minka.support.Api;
import org.minka.support.Fixtures.User;
import org.minka.support.IntegrationTest;

/** Invitations from captains and requests to join: every rule, and nothing half-done. */
class InvitationIntegrationTests extends IntegrationTest {

    private Api api;
    private User admin;
    private UUID event;
    private User captain;
    private UUID team;

    @BeforeEach
    void setUpTeam() {
        api = new Api(web, fixtures);
        admin = fixtures.admin();
        event = api.event(admin, Map.of("teamSizeMax", 2));
        captain = api.registered(event);
        team = api.team(event, captain).id();
    }

    private Api.Reply invite(Map<String, Object> body) {
        return api.post(captain, "/api/v1/events/{e}/teams/{t}/invitations", body, event, team);
    }

    private Api.Reply accept(User user, UUID invitation) {
        return api.post(user, "/api/v1/events/{e}/invitations/{i}/accept", null, event, invitation);
    }

    private String invitationStatus(UUID invitation) {
        return db.sql("select status from team_invitations where id = :id")
                .bind("id", invitation)
                .map((row, meta) -> row.get("status", String.class))
                .one()
                .block();
    }

    @Test
    void inviteByUserThenAcceptedAndSeated() {
        User guest = api.registered(event);
        Api.Reply invitation = invite(Map.of("userId", guest.id().toString())).expect(201);
        assertThat(invitation.<String>json("$.status")).isEqualTo("PENDING");
        assertThat(invitation.headers().getLocation()).isNotNull();

        List<Map<String, Object>> mine =
                api.get(guest, "/api/v1/events/{e}/invitations", event).expect(200).json("$");
        assertThat(mine).extracting(m -> m.get("id")).containsExactly(invitation.id().toString());

        Api.Reply joined = accept(guest, invitation.id()).expect(200);
        assertThat(joined.<List<String>>json("$.members[*].userId"))
                .contains(guest.id().toString());
        assertThat(invitationStatus(invitation.id())).isEqualTo("ACCEPTED");
        accept(guest, invitation.id()).problem(409, "no-longer-pending");
        assertThat(
                        count(
                                "select count(*) from notifications where user_id = $1 and kind = 'team.invitation'"
                                        + " and data ->> 'invitationId' = $2",
                                guest.id(),
                                invitation.id().toString()))
                .isEqualTo(1);
    }

    @Test
    void inviteByEmailThenOnlyThatVerifiedEmailMayAccept() {
        User guest = api.registered(event);
        User other = api.registered(event);
        UUID invitation =
                invite(Map.of("email", guest.email().toUpperCase(), "expiresInDays", 3))
                        .expect(201)
                        .id();
        assertThat(
                        api.get(other, "/api/v1/events/{e}/invitations", event)
                                .expect(200)
                                .<List<Object>>json("$"))
                .isEmpty();
        accept(other, invitation).problem(404, "not-found");
        assertThat(invitationStatus(invitation)).isEqualTo("PENDING");
        accept(guest, invitation).expect(200);
        assertThat(
                        count(
                                "select count(*) from team_invitations where id = $1 and invitee_user_id = $2",
                                invitation,
                                guest.id()))
                .isEqualTo(1);
    }

    @Test
    void declineAndRevokeThenNoLongerAcceptable() {
        User guest = api.registered(event);
        UUID declined = invite(Map.of("userId", guest.id().toString())).expect(201).id();
        api.post(guest, "/api/v1/events/{e}/invitations/{i}/decline", null, event, declined)
                .expect(204);
        accept(guest, declined).problem(409, "no-longer-pending");

        UUID revoked = invite(Map.of("userId", guest.id().toString())).expect(201).id();
        api.delete(guest, "/api/v1/events/{e}/teams/{t}/invitations/{i}", event, team, revoked)
                .problem(404, "not-found");
        api.delete(captain, "/api/v1/events/{e}/teams/{t}/invitations/{i}", event, team, revoked)
                .expect(204);
        api.delete(captain, "/api/v1/events/{e}/teams/{t}/invitations/{i}", event, team, revoked)
                .problem(409, "no-longer-pending");
        accept(guest, revoked).problem(409, "no-longer-pending");
        assertThat(count("select count(*) from team_members where team_id = $1", team))
                .isEqualTo(1);
    }

    @Test
    void expiredInvitationThenRefusedAndPersonMayBeInvitedAgain() {
        User guest = api.registered(event);
        UUID invitation = invite(Map.of("userId", guest.id().toString())).expect(201).id();
        db.sql(
                        "update team_invitations set expires_at = now() - interval '1 minute' where id = :id")
                .bind("id", invitation)
                .then()
                .block();
        accept(guest, invitation).problem(409, "invitation-expired");
        assertThat(
                        api.get(captain, "/api/v1/events/{e}/teams/{t}/invitations", event, team)
                                .expect(200)
                                .<List<String>>json("$[*].status"))
                .containsExactly("EXPIRED");
        UUID again = invite(Map.of("userId", guest.id().toString())).expect(201).id();
        assertThat(invitationStatus(invitation)).isEqualTo("EXPIRED");
        accept(guest, again).expect(200);
    }

    @Test
    void inviteWhenBadInputThenProblemAndNothingStored() {
        User guest = api.registered(event);
        invite(Map.of()).problem(400, "validation-failed");
        invite(Map.of("userId", guest.id().toString(), "email", "a@b.pe"))
                .problem(400, "validation-failed");
        invite(Map.of("email", "not an email")).problem(400, "validation-failed");
        invite(Map.of("userId", guest.id().toString(), "expiresInDays", 31))
                .problem(400, "validation-failed");
        invite(Map.of("userId", UUID.randomUUID().toString())).problem(422, "unknown-user");
        invite(Map.of("userId", captain.id().toString())).problem(409, "already-member");
        invite(Map.of("email", captain.email())).problem(409, "already-member");
        assertThat(count("select count(*) from team_invitations where team_id = $1", team))
                .isZero();
        invite(Map.of("userId", guest.id().toString())).expect(201);
        invite(Map.of("userId", guest.id().toString())).problem(409, "invitation-exists");
        assertThat(count("select count(*) from team_invitations where team_id = $1", team))
                .isEqualTo(1);
    }

    @Test
    void acceptWhenTeamFullOrNotRegisteredThenRefusedAndInvitationStaysPending() {
        User unregistered = fixtures.user("citizen");
        UUID toUnregistered =
                invite(Map.of("userId", unregistered.id().toString())).expect(201).id();
        accept(unregistered, toUnregistered).problem(409, "not-registered");
        assertThat(invitationStatus(toUnregistered)).isEqualTo("PENDING");

        User first = api.registered(event);
        User second = api.registered(event);
        UUID a = invite(Map.of("userId", first.id().toString())).expect(201).id();
        UUID b = invite(Map.of("userId", second.id().toString())).expect(201).id();
        accept(first, a).expect(200);
        accept(second, b).problem(409, "team-full");
        assertThat(invitationStatus(b)).isEqualTo("PENDING");
        assertThat(
                        count(
                                "select count(*) from registrations where user_id = $1 and teams_joined > 0",
                                second.id()))
                .isZero();
    }

    @Test
    void afterRegistrationClosesThenInvitationsAndRequestsRefused() {
        User guest = api.registered(event);
        UUID invitation = invite(Map.of("userId", guest.id().toString())).expect(201).id();
        UUID request =
                api.post(guest, "/api/v1/events/{e}/teams/{t}/join-requests", Map.of(), event, team)
                        .expect(201)
                        .id();
        api.closeRegistration(event, admin);
        accept(guest, invitation).problem(409, "phase-closed");
        invite(Map.of("email", "late@example.pe")).problem(409, "phase-closed");
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/join-requests/{r}/approve",
                        null,
                        event,
                        team,
                        request)
                .problem(409, "phase-closed");
        assertThat(count("select count(*) from team_members where team_id = $1", team))
                .isEqualTo(1);
    }

    @Test
    void requestToJoinThenApprovedByCaptainOnly() {
        User asker = api.registered(event);
        Api.Reply request =
                api.post(
                                asker,
                                "/api/v1/events/{e}/teams/{t}/join-requests",
                                Map.of("message", "Sé R y Python"),
                                event,
                                team)
                        .expect(201);
        assertThat(request.<String>json("$.message")).isEqualTo("Sé R y Python");
        api.post(asker, "/api/v1/events/{e}/teams/{t}/join-requests", null, event, team)
                .problem(409, "join-request-exists");
        assertThat(
                        api.get(captain, "/api/v1/events/{e}/teams/{t}/join-requests", event, team)
                                .expect(200)
                                .<List<String>>json("$[*].userId"))
                .containsExactly(asker.id().toString());
        api.get(asker, "/api/v1/events/{e}/teams/{t}/join-requests", event, team)
                .problem(404, "not-found");
        api.post(
                        asker,
                        "/api/v1/events/{e}/teams/{t}/join-requests/{r}/approve",
                        null,
                        event,
                        team,
                        request.id())
                .problem(404, "not-found");
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/join-requests/{r}/approve",
                        null,
                        event,
                        team,
                        request.id())
                .expect(200);
        assertThat(
                        count(
                                "select count(*) from team_members where team_id = $1 and user_id = $2",
                                team,
                                asker.id()))
                .isEqualTo(1);
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/join-requests/{r}/approve",
                        null,
                        event,
                        team,
                        request.id())
                .problem(409, "no-longer-pending");
        api.post(asker, "/api/v1/events/{e}/teams/{t}/join-requests", null, event, team)
                .problem(409, "already-member");
        assertThat(
                        count(
                                "select count(*) from notifications where user_id = $1 and kind = 'team.join-request'",
                                captain.id()))
                .isEqualTo(1);
        assertThat(
                        count(
                                "select count(*) from notifications where user_id = $1 and kind = 'team.join-request.decided'"
                                        + " and data ->> 'status' = 'APPROVED'",
                                asker.id()))
                .isEqualTo(1);
    }

    @Test
    void requestDeclinedOrCancelledThenNotSeated() {
        User asker = api.registered(event);
        UUID declined =
                api.post(asker, "/api/v1/events/{e}/teams/{t}/join-requests", null, event, team)
                        .expect(201)
                        .id();
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/join-requests/{r}/decline",
                        null,
                        event,
                        team,
                        declined)
                .expect(204);
        UUID cancelled =
                api.post(asker, "/api/v1/events/{e}/teams/{t}/join-requests", null, event, team)
                        .expect(201)
                        .id();
        User stranger = api.registered(event);
        api.delete(stranger, "/api/v1/events/{e}/join-requests/{r}", event, cancelled)
                .problem(404, "not-found");
        api.delete(asker, "/api/v1/events/{e}/join-requests/{r}", event, cancelled).expect(204);
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/join-requests/{r}/approve",
                        null,
                        event,
                        team,
                        cancelled)
                .problem(409, "no-longer-pending");
        assertThat(
                        api.get(asker, "/api/v1/events/{e}/join-requests", event)
                                .expect(200)
                                .<List<String>>json("$[*].status"))
                .containsExactly("DECLINED", "CANCELLED");
        assertThat(count("select count(*) from team_members where team_id = $1", team))
                .isEqualTo(1);
    }

    @Test
    void requestWhenNotRegisteredOrTooLongThenProblemAndNothingStored() {
        User stranger = fixtures.user("citizen");
        api.post(stranger, "/api/v1/events/{e}/teams/{t}/join-requests", null, event, team)
                .problem(409, "not-registered");
        User asker = api.registered(event);
        api.post(
                        asker,
                        "/api/v1/events/{e}/teams/{t}/join-requests",
                        Map.of("message", "x".repeat(501)),
                        event,
                        team)
                .problem(400, "validation-failed");
        api.post(
                        asker,
                        "/api/v1/events/{e}/teams/{t}/join-requests",
                        null,
                        event,
                        UUID.randomUUID())
                .problem(404, "not-found");
        assertThat(count("select count(*) from team_join_requests where event_id = $1", event))
                .isZero();
    }

    @Test
    void approveWhenTeamFullThenConflictAndRequestStaysPending() {
        User first = api.registered(event);
        User second = api.registered(event);
        UUID a =
                api.post(first, "/api/v1/events/{e}/teams/{t}/join-requests", null, event, team)
                        .expect(201)
                        .id();
        UUID b =
                api.post(second, "/api/v1/events/{e}/teams/{t}/join-requests", null, event, team)
                        .expect(201)
                        .id();
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/join-requests/{r}/approve",
                        null,
                        event,
                        team,
                        a)
                .expect(200);
        api.post(
                        captain,
                        "/api/v1/events/{e}/teams/{t}/join-requests/{r}/approve",
                        null,
                        event,
                        team,
                        b)
                .problem(409, "team-full");
        assertThat(
                        count(
                                "select count(*) from team_join_requests where id = $1 and status = 'PENDING'",
                                b))
                .isEqualTo(1);
    }

    @Test
    void acceptWhenTwentyRaceForTheLastSeatThenExactlyOneWins() {
        for (int round = 0; round < Integer.getInteger("minka.race.rounds", 1); round++) {
            User owner = api.registered(event);
            UUID raced = api.team(event, owner).id();
            List<User> guests = new java.util.ArrayList<>();
            List<UUID> invitations = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                User guest = api.registered(event);
                guests.add(guest);
                invitations.add(
                        api.post(
                                        owner,
                                        "/api/v1/events/{e}/teams/{t}/invitations",
                                        Map.of("userId", guest.id().toString()),
                                        event,
                                        raced)
                                .expect(201)
                                .id());
            }
            java.util.concurrent.ExecutorService pool =
                    java.util.concurrent.Executors.newFixedThreadPool(20);
            try {
                List<java.util.concurrent.CompletableFuture<Integer>> running =
                        new java.util.ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    User guest = guests.get(i);
                    UUID invitation = invitations.get(i);
                    running.add(
                            java.util.concurrent.CompletableFuture.supplyAsync(
                                    () -> accept(guest, invitation).status(), pool));
                }
                List<Integer> statuses =
                        running.stream().map(java.util.concurrent.CompletableFuture::join).toList();
                assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
            } finally {
                pool.shutdown();
            }
            assertThat(count("select count(*) from team_members where team_id = $1", raced))
                    .isEqualTo(2);
            assertThat(
                            count(
                                    "select count(*) from team_invitations where team_id = $1 and status = 'ACCEPTED'",
                                    raced))
                    .isEqualTo(1);
        }
    }
}
