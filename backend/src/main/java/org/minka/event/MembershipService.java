package org.minka.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.common.MinkaException;
import org.minka.common.Problem;
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
public class MembershipService {

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
    public Mono<Membership> invite(UUID eventId, Invite request, CurrentUser user) {
        List<UUID> scope =
                request.challengeIds() == null
                        ? List.of()
                        : request.challengeIds().stream().distinct().toList();
        if ((request.userId() == null) == (request.email() == null || request.email().isBlank())) {
            return Mono.error(invalid("userId", "give exactly one of userId and email"));
        }
        if (request.role() == MembershipRole.ORGANIZER && !scope.isEmpty()) {
            return Mono.error(
                    invalid("challengeIds", "organizers cannot be limited to challenges"));
        }
        Mono<Membership> created =
                request.userId() != null
                        ? users.findById(request.userId())
                                .switchIfEmpty(
                                        Mono.error(
                                                new MinkaException(
                                                        ProblemType.UNKNOWN_USER,
                                                        request.userId())))
                                .flatMap(
                                        found ->
                                                insert(
                                                        eventId,
                                                        found.id(),
                                                        found.email(),
                                                        request.role(),
                                                        scope,
                                                        Membership.Status.ACTIVE,
                                                        user))
                        : users.findByVerifiedEmail(request.email())
                                .flatMap(
                                        found ->
                                                insert(
                                                        eventId,
                                                        found.id(),
                                                        request.email(),
                                                        request.role(),
                                                        scope,
                                                        Membership.Status.ACTIVE,
                                                        user))
                                .switchIfEmpty(
                                        Mono.defer(
                                                () ->
                                                        insert(
                                                                eventId,
                                                                null,
                                                                request.email(),
                                                                request.role(),
                                                                scope,
                                                                Membership.Status.PENDING,
                                                                user)));
        return access.organizedEvent(eventId, user)
                .then(challenges.requireChallenges(eventId, scope))
                .then(created)
                .flatMap(
                        m ->
                                audit.record(
                                                eventId,
                                                user.id(),
                                                "membership.granted",
                                                Map.of(
                                                        "membershipId",
                                                        m.id().toString(),
                                                        "role",
                                                        m.role().name(),
                                                        "status",
                                                        m.status().name()))
                                        .thenReturn(m));
    }

    /** Active and pending memberships of an event, for its organizers. */
    public Flux<Membership> list(UUID eventId, CurrentUser user) {
        return access.organizedEvent(eventId, user).thenMany(memberships.findCurrent(eventId));
    }

    /** Revokes a membership; the last organizer of an event cannot be revoked. */
    @Transactional
    public Mono<Void> revoke(UUID eventId, UUID membershipId, CurrentUser user) {
        return access.organizedEvent(eventId, user)
                .then(memberships.findById(eventId, membershipId))
                .filter(m -> m.status() != Membership.Status.REVOKED)
                .switchIfEmpty(Mono.error(MinkaException.notFound("membership")))
                .flatMap(
                        m ->
                                memberships
                                        .revoke(eventId, membershipId)
                                        .flatMap(
                                                n ->
                                                        n == 0
                                                                ? Mono.<Void>error(
                                                                        new MinkaException(
                                                                                ProblemType
                                                                                        .CONFLICT,
                                                                                "problem.conflict.last-organizer",
                                                                                List.of()))
                                                                : audit.record(
                                                                        eventId,
                                                                        user.id(),
                                                                        "membership.revoked",
                                                                        Map.of(
                                                                                "membershipId",
                                                                                membershipId
                                                                                        .toString(),
                                                                                "role",
                                                                                m.role().name()))));
    }

    /** Active memberships of the signed-in user, in every event. */
    public Flux<Membership> mine(CurrentUser user) {
        return memberships.findActiveByUser(user.id());
    }

    private Mono<Membership> insert(
            UUID eventId,
            UUID userId,
            String email,
            MembershipRole role,
            List<UUID> scope,
            Membership.Status status,
            CurrentUser by) {
        return memberships
                .insert(eventId, userId, email, role, scope, status, by.id())
                .onErrorMap(
                        DuplicateKeyException.class,
                        ex -> new MinkaException(ProblemType.MEMBERSHIP_EXISTS, role));
    }

    private static MinkaException invalid(String field, String message) {
        return new MinkaException(
                ProblemType.VALIDATION_FAILED,
                "problem.validation-failed.detail",
                List.of(new Problem.FieldViolation(field, message)),
                1);
    }
}
