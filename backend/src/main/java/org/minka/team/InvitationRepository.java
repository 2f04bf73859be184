package org.minka.team;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for invitations and join requests. Status changes are conditional on PENDING. */
@Repository
class InvitationRepository {

    private static final String INVITATION =
            "i.id, i.event_id, i.team_id, t.name as team_name, i.invitee_user_id, i.invitee_email, i.invited_by,"
                    + " case when i.status = 'PENDING' and i.expires_at <= now() then 'EXPIRED' else i.status end as status,"
                    + " i.expires_at, i.created_at, i.responded_at"
                    + " from team_invitations i join teams t on t.id = i.team_id";
    private static final String REQUEST =
            "r.id, r.event_id, r.team_id, t.name as team_name, r.user_id, r.message,"
                    + " r.status, r.created_at, r.decided_at"
                    + " from team_join_requests r join teams t on t.id = r.team_id";

    private final DatabaseClient db;

    InvitationRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Marks the team's lapsed invitations EXPIRED, so that the person can be invited again. */
    Mono<Long> expireLapsed(UUID teamId) {
        return db.sql(
                        "update team_invitations set status = 'EXPIRED' where team_id = :team"
                                + " and status = 'PENDING' and expires_at <= now()")
                .bind("team", teamId)
                .fetch()
                .rowsUpdated();
    }

    Mono<UUID> insertInvitation(
            UUID teamId, UUID eventId, UUID by, UUID userId, String email, int days) {
        return db.sql(
                        "insert into team_invitations (team_id, event_id, invited_by, invitee_user_id, invitee_email, expires_at)"
                                + " values (:team, :event, :by, :user, :email, now() + make_interval(days => :days)) returning id")
                .bind("team", teamId)
                .bind("event", eventId)
                .bind("by", by)
                .bind("user", Parameter.fromOrEmpty(userId, UUID.class))
                .bind("email", Parameter.fromOrEmpty(email, String.class))
                .bind("days", days)
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    Mono<Invitation> findInvitation(UUID eventId, UUID id) {
        return db.sql("select " + INVITATION + " where i.event_id = :event and i.id = :id")
                .bind("event", eventId)
                .bind("id", id)
                .map(InvitationRepository::toInvitation)
                .one();
    }

    Flux<Invitation> findTeamInvitations(UUID teamId) {
        return db.sql(
                        "select "
                                + INVITATION
                                + " where i.team_id = :team order by i.created_at, i.id")
                .bind("team", teamId)
                .map(InvitationRepository::toInvitation)
                .all();
    }

    /** Invitations addressed to the user, by id or by their verified email. */
    Flux<Invitation> findInvitationsFor(UUID eventId, UUID userId, String verifiedEmail) {
        return db.sql(
                        "select "
                                + INVITATION
                                + " where i.event_id = :event and (i.invitee_user_id = :user or i.invitee_email = :email)"
                                + " order by i.created_at, i.id")
                .bind("event", eventId)
                .bind("user", userId)
                .bind("email", Parameter.fromOrEmpty(verifiedEmail, String.class))
                .map(InvitationRepository::toInvitation)
                .all();
    }

    /**
     * Moves a pending, unexpired invitation to {@code status}; 0 when it is no longer pending.
     * Accepting records who accepted it.
     */
    Mono<Long> respond(UUID id, String status, UUID userId) {
        return db.sql(
                        "update team_invitations set status = :status, responded_at = now(),"
                                + " invitee_user_id = coalesce(invitee_user_id, :user)"
                                + " where id = :id and status = 'PENDING' and expires_at > now()")
                .bind("status", status)
                .bind("user", Parameter.fromOrEmpty(userId, UUID.class))
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    Mono<UUID> insertRequest(UUID teamId, UUID eventId, UUID userId, String message) {
        return db.sql(
                        "insert into team_join_requests (team_id, event_id, user_id, message)"
                                + " values (:team, :event, :user, :message) returning id")
                .bind("team", teamId)
                .bind("event", eventId)
                .bind("user", userId)
                .bind("message", message == null ? "" : message.strip())
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    Mono<Invitation.Request> findRequest(UUID eventId, UUID id) {
        return db.sql("select " + REQUEST + " where r.event_id = :event and r.id = :id")
                .bind("event", eventId)
                .bind("id", id)
                .map(InvitationRepository::toRequest)
                .one();
    }

    Flux<Invitation.Request> findTeamRequests(UUID teamId) {
        return db.sql("select " + REQUEST + " where r.team_id = :team order by r.created_at, r.id")
                .bind("team", teamId)
                .map(InvitationRepository::toRequest)
                .all();
    }

    Flux<Invitation.Request> findRequestsBy(UUID eventId, UUID userId) {
        return db.sql(
                        "select "
                                + REQUEST
                                + " where r.event_id = :event and r.user_id = :user order by r.created_at, r.id")
                .bind("event", eventId)
                .bind("user", userId)
                .map(InvitationRepository::toRequest)
                .all();
    }

    /** Moves a pending request to {@code status}; 0 when it is no longer pending. */
    Mono<Long> decide(UUID id, String status, UUID by) {
        return db.sql(
                        "update team_join_requests set status = :status, decided_at = now(), decided_by = :by"
                                + " where id = :id and status = 'PENDING'")
                .bind("status", status)
                .bind("by", by)
                .bind("id", id)
                .fetch()
                .rowsUpdated();
    }

    private static Invitation toInvitation(Readable row, Object meta) {
        return new Invitation(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("team_id", UUID.class),
                row.get("team_name", String.class),
                row.get("invitee_user_id", UUID.class),
                row.get("invitee_email", String.class),
                row.get("invited_by", UUID.class),
                row.get("status", String.class),
                row.get("expires_at", Instant.class),
                row.get("created_at", Instant.class),
                row.get("responded_at", Instant.class));
    }

    private static Invitation.Request toRequest(Readable row, Object meta) {
        return new Invitation.Request(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("team_id", UUID.class),
                row.get("team_name", String.class),
                row.get("user_id", UUID.class),
                null,
                row.get("message", String.class),
                row.get("status", String.class),
                row.get("created_at", Instant.class),
                row.get("decided_at", Instant.class));
    }
}
