package org.minka.team;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.minka.common.AuditLog;
import org.minka.event.EventAccess;
import org.minka.security.CurrentUser;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A citizen's personal data in one event: exported as JSON, or erased (Ley 29733 rights of access
 * and cancellation). Erasure works at any phase: it takes the person out of their teams (handing
 * captaincy to the longest-standing member), deletes their registration, requests and invitations,
 * and is audited without personal data.
 */
@Service
class PersonalData {

    /** Everything Minka holds about the caller in one event. */
    @Schema(name = "PersonalDataExport")
    record Export(
            Instant exportedAt,
            UUID userId,
            @Schema(nullable = true) String displayName,
            @Schema(nullable = true) String email,
            @Schema(nullable = true, description = "Absent when never registered or erased")
                    Registration registration,
            List<Team> teams,
            List<Invitation> invitationsReceived,
            List<Invitation.Request> joinRequests) {}

    private record Seat(UUID teamId, String role, int memberCount) {}

    private final TeamViews views;
    private final TeamRepository teamRows;
    private final RegistrationRepository registrations;
    private final InvitationRepository invitations;
    private final EventAccess access;
    private final DatabaseClient db;
    private final AuditLog audit;

    PersonalData(
            TeamViews views,
            TeamRepository teamRows,
            RegistrationRepository registrations,
            InvitationRepository invitations,
            EventAccess access,
            DatabaseClient db,
            AuditLog audit) {
        this.views = views;
        this.access = access;
        this.teamRows = teamRows;
        this.registrations = registrations;
        this.invitations = invitations;
        this.db = db;
        this.audit = audit;
    }

    Mono<Export> export(UUID eventId, CurrentUser user) {
        String email = user.verifiedEmail();
        Mono<Optional<Registration>> registration =
                registrations
                        .findRegistration(eventId, user.id())
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty());
        Mono<List<Team>> myTeams =
                seats(eventId, user.id())
                        .collectList()
                        .flatMapMany(Flux::fromIterable)
                        .concatMap(seat -> teamRows.findTeam(eventId, seat.teamId()))
                        .collectList()
                        .flatMap(rows -> teamViews(rows, user));
        Mono<List<Invitation>> received =
                invitations.findInvitationsFor(eventId, user.id(), email).collectList();
        Mono<List<Invitation.Request>> requests =
                invitations.findRequestsBy(eventId, user.id()).collectList().flatMap(views::named);
        return access.visible(eventId, user)
                .then(Mono.zip(registration, myTeams, received, requests))
                .map(
                        all ->
                                new Export(
                                        Instant.now(),
                                        user.id(),
                                        user.name(),
                                        user.email(),
                                        all.getT1().orElse(null),
                                        all.getT2(),
                                        all.getT3(),
                                        all.getT4()));
    }

    private Mono<List<Team>> teamViews(List<TeamRepository.TeamRow> rows, CurrentUser user) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        return views.sizeRule(rows.get(0).eventId(), user)
                .flatMap(rule -> views.page(rows, true, rule));
    }

    @Transactional
    Mono<Void> erase(UUID eventId, CurrentUser user) {
        return access.visible(eventId, user)
                .thenMany(seats(eventId, user.id()))
                .collectList()
                .flatMapMany(Flux::fromIterable)
                .concatMap(seat -> leave(seat, user.id()))
                .then(
                        sql(
                                "delete from team_join_requests where event_id = :event and user_id = :user",
                                eventId,
                                user.id(),
                                null))
                .then(
                        sql(
                                "delete from team_invitations where event_id = :event"
                                        + " and (invitee_user_id = :user or invitee_email = :email)",
                                eventId,
                                user.id(),
                                user.verifiedEmail()))
                .then(
                        sql(
                                "delete from registrations where event_id = :event and user_id = :user",
                                eventId,
                                user.id(),
                                null))
                .then(
                        audit.record(
                                eventId,
                                user.id(),
                                "registration.erased",
                                Map.of("userId", user.id().toString())));
    }

    private Mono<Void> leave(Seat seat, UUID userId) {
        Mono<Void> handOver =
                seat.role().equals("CAPTAIN") && seat.memberCount() > 1
                        ? db.sql(
                                        "with heir as (select user_id from team_members where team_id = :team"
                                                + " and user_id <> :user order by joined_at, user_id limit 1),"
                                                + " promoted as (update team_members set role = 'CAPTAIN' where team_id = :team"
                                                + " and user_id in (select user_id from heir) returning user_id)"
                                                + " update teams set captain_id = (select user_id from promoted),"
                                                + " updated_at = now(), version = version + 1 where id = :team")
                                .bind("team", seat.teamId())
                                .bind("user", userId)
                                .then()
                        : Mono.empty();
        return handOver.then(teamRows.deleteMember(seat.teamId(), userId))
                .then(teamRows.freeSeat(seat.teamId()))
                .flatMap(left -> left == 0 ? teamRows.deleteTeam(seat.teamId()) : Mono.empty());
    }

    private Flux<Seat> seats(UUID eventId, UUID userId) {
        return db.sql(
                        "select m.team_id, m.role, t.member_count from team_members m join teams t on t.id = m.team_id"
                                + " where m.event_id = :event and m.user_id = :user order by m.joined_at")
                .bind("event", eventId)
                .bind("user", userId)
                .map(
                        (row, meta) ->
                                new Seat(
                                        row.get("team_id", UUID.class),
                                        row.get("role", String.class),
                                        row.get("member_count", Integer.class)))
                .all();
    }

    private Mono<Void> sql(String sql, UUID eventId, UUID userId, String email) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql).bind("event", eventId).bind("user", userId);
        if (sql.contains(":email")) {
            spec = spec.bind("email", Parameter.fromOrEmpty(email, String.class));
        }
        return spec.then();
    }
}
