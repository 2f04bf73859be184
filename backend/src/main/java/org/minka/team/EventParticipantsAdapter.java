package org.minka.team;

import java.util.UUID;
import org.minka.event.EventParticipantsPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tells the event module who takes part in an event: registrants, team members, invitees. */
@Component
class EventParticipantsAdapter implements EventParticipantsPort {

    private static final String TAKING_PART =
            """
            select event_id from registrations
              where user_id = :u and withdrawn_at is null
            union select event_id from team_members where user_id = :u
            union select event_id from team_invitations
              where status = 'PENDING' and expires_at > now()
                and (invitee_user_id = :u or invitee_email = cast(:email as text))""";

    private final DatabaseClient db;

    EventParticipantsAdapter(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Boolean> takesPart(UUID eventId, UUID userId, String verifiedEmail) {
        return db.sql(
                        """
                        select exists (select 1 from registrations where event_id = :e
                            and user_id = :u and withdrawn_at is null)
                          or exists (select 1 from team_members where event_id = :e
                            and user_id = :u)
                          or exists (select 1 from team_invitations where event_id = :e
                            and status = 'PENDING' and expires_at > now()
                            and (invitee_user_id = :u
                              or invitee_email = cast(:email as text))) as p""")
                .bind("e", eventId)
                .bind("u", userId)
                .bind("email", Parameter.fromOrEmpty(verifiedEmail, String.class))
                .map(row -> Boolean.TRUE.equals(row.get("p", Boolean.class)))
                .one();
    }

    @Override
    public Flux<UUID> eventsOf(UUID userId, String verifiedEmail) {
        return db.sql(TAKING_PART)
                .bind("u", userId)
                .bind("email", Parameter.fromOrEmpty(verifiedEmail, String.class))
                .map(row -> row.get("event_id", UUID.class))
                .all();
    }
}
