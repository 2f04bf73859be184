package org.minka.event;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MembershipRepository {

    private static final String COLUMNS =
            "id, event_id, user_id, email, role, challenge_ids, status, created_at";

    private final DatabaseClient db;
    private final EventFactsCache cache;

    MembershipRepository(DatabaseClient db, EventFactsCache cache) {
        this.db = db;
        this.cache = cache;
    }

    Mono<Membership> insert(
            UUID eventId,
            UUID userId,
            String email,
            MembershipRole role,
            List<UUID> challengeIds,
            Membership.Status status,
            UUID invitedBy) {
        return db.sql(
                        "insert into event_memberships (event_id, user_id, email, role, challenge_ids, status, invited_by)"
                                + " values (:event, :user, :email, :role, :challenges, :status, :by) returning "
                                + COLUMNS)
                .bind("event", eventId)
                .bind("user", Parameter.fromOrEmpty(userId, UUID.class))
                .bind("email", Parameter.fromOrEmpty(email, String.class))
                .bind("role", role.name())
                .bind("challenges", challengeIds.toArray(UUID[]::new))
                .bind("status", status.name())
                .bind("by", Parameter.fromOrEmpty(invitedBy, UUID.class))
                .map(MembershipRepository::toMembership)
                .one()
                .flatMap(m -> cache.forgetting(eventId).thenReturn(m));
    }

    /** Active and pending memberships of an event. */
    Flux<Membership> findCurrent(UUID eventId) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from event_memberships where event_id = :event and status <> 'REVOKED'"
                                + " order by created_at, id")
                .bind("event", eventId)
                .map(MembershipRepository::toMembership)
                .all();
    }

    Flux<Membership> findActiveByUser(UUID userId) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from event_memberships where user_id = :user and status = 'ACTIVE'"
                                + " order by created_at, id")
                .bind("user", userId)
                .map(MembershipRepository::toMembership)
                .all();
    }

    /**
     * Whether the user holds the role in the event (any active membership when role is null); a
     * scoped mentor or judge holds it for the challenges in scope. Answered in SQL with exists, so
     * no result stream is ever cancelled half-read.
     */
    Mono<Boolean> hasRole(UUID eventId, UUID userId, MembershipRole role, UUID challengeId) {
        return db.sql(
                        "select exists (select 1 from event_memberships where event_id = :event and user_id = :user"
                                + " and status = 'ACTIVE' and (cast(:role as text) is null or role = :role)"
                                + " and (cast(:challenge as uuid) is null or cardinality(challenge_ids) = 0"
                                + " or cast(:challenge as uuid) = any(challenge_ids))) as present")
                .bind("event", eventId)
                .bind("user", userId)
                .bind(
                        "role",
                        Parameter.fromOrEmpty(role == null ? null : role.name(), String.class))
                .bind("challenge", Parameter.fromOrEmpty(challengeId, UUID.class))
                .map((row, meta) -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                .one();
    }

    Mono<Membership> findById(UUID eventId, UUID id) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from event_memberships where event_id = :event and id = :id")
                .bind("event", eventId)
                .bind("id", id)
                .map(MembershipRepository::toMembership)
                .one();
    }

    /**
     * Revokes a membership, unless it is the event's last active organizer (checked in the same
     * statement, under a lock on the event row, so two concurrent revocations cannot both pass).
     */
    Mono<Long> revoke(UUID eventId, UUID id) {
        return db.sql("select id from events where id = :event for update")
                .bind("event", eventId)
                .fetch()
                .one()
                .then(
                        db.sql(
                                        "update event_memberships m set status = 'REVOKED', revoked_at = now()"
                                                + " where m.event_id = :event and m.id = :id and m.status <> 'REVOKED'"
                                                + " and not (m.role = 'ORGANIZER' and m.status = 'ACTIVE' and"
                                                + " (select count(*) from event_memberships o where o.event_id = :event"
                                                + " and o.role = 'ORGANIZER' and o.status = 'ACTIVE') <= 1)")
                                .bind("event", eventId)
                                .bind("id", id)
                                .fetch()
                                .rowsUpdated())
                .flatMap(n -> cache.forgetting(eventId).thenReturn(n));
    }

    /** Binds pending email invitations to a user who signed in with that verified email. */
    Mono<Long> bindPending(UUID userId, String email) {
        return db.sql(
                        "update event_memberships m set user_id = :user, status = 'ACTIVE'"
                                + " where m.status = 'PENDING' and lower(m.email) = lower(:email)"
                                + " and not exists (select 1 from event_memberships a where a.event_id = m.event_id"
                                + " and a.user_id = :user and a.role = m.role and a.status = 'ACTIVE')")
                .bind("user", userId)
                .bind("email", email)
                .fetch()
                .rowsUpdated()
                .flatMap(n -> n == 0 ? Mono.just(n) : cache.forgettingAll().thenReturn(n));
    }

    private static Membership toMembership(Readable row, Object meta) {
        UUID[] challenges = row.get("challenge_ids", UUID[].class);
        return new Membership(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("email", String.class),
                MembershipRole.valueOf(row.get("role", String.class)),
                challenges == null ? List.of() : Arrays.asList(challenges),
                Membership.Status.valueOf(row.get("status", String.class)),
                row.get("created_at", Instant.class));
    }

    Flux<UUID> activeUserIds(UUID eventId) {
        return db.sql(
                        "select distinct user_id from event_memberships where event_id = :event"
                                + " and status = 'ACTIVE' and user_id is not null")
                .bind("event", eventId)
                .map((row, meta) -> row.get("user_id", UUID.class))
                .all();
    }

    /**
     * The challenge scopes of the user's active memberships in this role; an empty scope covers
     * every challenge of the event.
     */
    Flux<UUID[]> scopes(UUID eventId, UUID userId, MembershipRole role) {
        return db.sql(
                        """
                        select challenge_ids from event_memberships where event_id = :event
                        and user_id = :user and status = 'ACTIVE' and role = :role""")
                .bind("event", eventId)
                .bind("user", userId)
                .bind("role", role.name())
                .map((row, meta) -> row.get("challenge_ids", UUID[].class))
                .all();
    }

    // For judging: every active member of a role with their scope.

    /** Each user with an active membership in this role, and its scope (empty: every challenge). */
    Flux<EventAccess.ScopedMember> scopedMembers(UUID eventId, MembershipRole role) {
        return db.sql(
                        """
                        select user_id, challenge_ids from event_memberships
                        where event_id = :event and status = 'ACTIVE' and role = :role
                          and user_id is not null
                        order by user_id""")
                .bind("event", eventId)
                .bind("role", role.name())
                .map(
                        (row, meta) ->
                                EventAccess.ScopedMember.of(
                                        row.get("user_id", UUID.class),
                                        row.get("challenge_ids", UUID[].class)))
                .all();
    }
}
