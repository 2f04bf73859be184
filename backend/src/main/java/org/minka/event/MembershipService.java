package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.minka.common.AuditLog;
import org.minka.common.Checks;
import org.minka.common.MinkaException;
import org.minka.common.ProblemType;
import org.minka.security.CurrentUser;
import org.minka.security.UserDirectory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Organizers, mentors and judges of an event. An invitation by email to someone who has not signed
 * in with that verified address waits (PENDING) and is bound when they do.
 */
@Service
class MembershipService {

    private static final Membership.Status ACTIVE = Membership.Status.ACTIVE;
    private static final Membership.Status PENDING = Membership.Status.PENDING;
    private static final Supplier<MinkaException> LAST_ORGANIZER =
            () ->
                    new MinkaException(
                            ProblemType.CONFLICT, "problem.conflict.last-organizer", List.of());

    private final MembershipRepository memberships;
    private final EventAccess access;
    private final ChallengeService challenges;
    private final UserDirectory users;
    private final AuditLog audit;

    MembershipService(
            MembershipRepository memberships,
            EventAccess access,
            ChallengeService challenges,
            UserDirectory users,
            AuditLog audit) {
        this.memberships = memberships;
        this.access = access;
        this.challenges = challenges;
        this.users = users;
        this.audit = audit;
    }

    /** Body to invite someone, by user id or by email (exactly one). */
    @Schema(name = "InviteMemberRequest")
    record Invite(
            @NotNull @Schema(example = "MENTOR") MembershipRole role,
            @Schema(nullable = true) UUID userId,
            @Email @Size(max = 320) @Schema(nullable = true, example = "mentora@example.org")
                    String email,
            @Size(max = 200)
                    @Schema(description = "For mentors and judges: limit them to these challenges")
                    List<@NotNull UUID> challengeIds) {}

    /** Invites a member. Returns the ACTIVE or PENDING membership. */
    @Transactional
    Mono<Membership> invite(UUID eventId, Invite request, CurrentUser user) {
        List<UUID> scope =
                request.challengeIds() == null
                        ? List.of()
                        : request.challengeIds().stream().distinct().toList();
        boolean byEmail = request.email() != null && !request.email().isBlank();
        if ((request.userId() == null) != byEmail) {
            return Mono.error(
                    MinkaException.invalid("userId", "give exactly one of userId and email"));
        }
        if (request.role() == MembershipRole.ORGANIZER && !scope.isEmpty()) {
            return Mono.error(
                    MinkaException.invalid(
                            "challengeIds", "organizers cannot be limited to challenges"));
        }
        Grant grant = new Grant(eventId, request.role(), scope, user);
        return access.organizedEvent(eventId, user)
                .then(challenges.requireChallenges(eventId, scope))
                .then(Mono.defer(() -> grant(grant, request)))
                .flatMap(m -> auditGranted(m, user));
    }

    /** Who grants which role in which event, limited to which challenges. */
    private record Grant(UUID eventId, MembershipRole role, List<UUID> scope, CurrentUser by) {}

    private Mono<Membership> grant(Grant grant, Invite request) {
        return request.userId() != null
                ? grantToUser(grant, request.userId())
                : grantByEmail(grant, request.email());
    }

    private Mono<Membership> grantToUser(Grant grant, UUID userId) {
        return users.findById(userId)
                .switchIfEmpty(
                        Mono.error(() -> new MinkaException(ProblemType.UNKNOWN_USER, userId)))
                .flatMap(found -> insert(grant, found.id(), found.email(), ACTIVE));
    }

    /** Active for whoever signed in with that verified address; else pending until they do. */
    private Mono<Membership> grantByEmail(Grant grant, String email) {
        return users.findByVerifiedEmail(email)
                .flatMap(found -> insert(grant, found.id(), email, ACTIVE))
                .switchIfEmpty(Mono.defer(() -> insert(grant, null, email, PENDING)));
    }

    private Mono<Membership> auditGranted(Membership m, CurrentUser user) {
        Map<String, String> details =
                Map.of(
                        "membershipId", m.id().toString(),
                        "role", m.role().name(),
                        "status", m.status().name());
        return audit.record(m.eventId(), user.id(), "membership.granted", details).thenReturn(m);
    }

    /** Active and pending memberships of an event, for its organizers. */
    Flux<Membership> list(UUID eventId, CurrentUser user) {
        return access.organizedEvent(eventId, user).thenMany(memberships.findCurrent(eventId));
    }

    /** Revokes a membership; the last organizer of an event cannot be revoked. */
    @Transactional
    Mono<Void> revoke(UUID eventId, UUID membershipId, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(memberships.findById(eventId, membershipId))
                .filter(m -> m.status() != Membership.Status.REVOKED)
                .switchIfEmpty(Mono.error(() -> MinkaException.notFound("membership")))
                .flatMap(m -> revoke(m, user));
    }

    private Mono<Void> revoke(Membership m, CurrentUser user) {
        Map<String, String> details =
                Map.of("membershipId", m.id().toString(), "role", m.role().name());
        return Checks.updatedOrFail(memberships.revoke(m.eventId(), m.id()), LAST_ORGANIZER)
                .then(audit.record(m.eventId(), user.id(), "membership.revoked", details));
    }

    /** Active memberships of the signed-in user, in every event. */
    Flux<Membership> mine(CurrentUser user) {
        return memberships.findActiveByUser(user.id());
    }

    private Mono<Membership> insert(
            Grant grant, UUID userId, String email, Membership.Status status) {
        return memberships
                .insert(
                        grant.eventId(),
                        userId,
                        email,
                        grant.role(),
                        grant.scope(),
                        status,
                        grant.by().id())
                .onErrorMap(
                        DuplicateKeyException.class,
                        ex -> new MinkaException(ProblemType.MEMBERSHIP_EXISTS, grant.role()));
    }
}
