package org.minka.team;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for citizens' registrations: the answers, the consent record and withdrawal. */
@Repository
class RegistrationRepository {

    private static final String REGISTRATION =
            "id, event_id, user_id, region, age_bracket, skills, terms_version, consented_at,"
                    + " looking_for_team, finder_bio, finder_shows, interests, withdrawn_at, version, created_at, updated_at";

    /** Registers, or re-registers after a withdrawal; empty when an active registration exists. */
    Mono<Registration> register(UUID eventId, UUID userId, Registration.Answers a) {
        return db.sql(
                        "insert into registrations (event_id, user_id, region, age_bracket, skills, terms_version, consented_at,"
                                + " looking_for_team, finder_bio, finder_shows, interests)"
                                + " values (:event, :user, :region, :age, :skills, :terms, now(), :looking, :bio, :shows, :interests)"
                                + " on conflict (event_id, user_id) do update set region = excluded.region,"
                                + " age_bracket = excluded.age_bracket, skills = excluded.skills,"
                                + " looking_for_team = excluded.looking_for_team, finder_bio = excluded.finder_bio,"
                                + " finder_shows = excluded.finder_shows, interests = excluded.interests,"
                                + " terms_version = excluded.terms_version, consented_at = now(), withdrawn_at = null,"
                                + " updated_at = now(), version = registrations.version + 1"
                                + " where registrations.withdrawn_at is not null returning "
                                + REGISTRATION)
                .bindValues(answers(eventId, userId, a))
                .map(RegistrationRepository::toRegistration)
                .one();
    }

    Mono<Registration> findActiveRegistration(UUID eventId, UUID userId) {
        return db.sql(
                        "select "
                                + REGISTRATION
                                + " from registrations where event_id = :event and user_id = :user and withdrawn_at is null")
                .bind("event", eventId)
                .bind("user", userId)
                .map(RegistrationRepository::toRegistration)
                .one();
    }

    /** The registration, active or withdrawn. */
    Mono<Registration> findRegistration(UUID eventId, UUID userId) {
        return db.sql(
                        "select "
                                + REGISTRATION
                                + " from registrations where event_id = :event and user_id = :user")
                .bind("event", eventId)
                .bind("user", userId)
                .map(RegistrationRepository::toRegistration)
                .one();
    }

    /** Updates the answers; a new terms version records a new consent time. */
    Mono<Registration> updateRegistration(UUID eventId, UUID userId, Registration.Answers a) {
        return db.sql(
                        "update registrations set region = :region, age_bracket = :age, skills = :skills,"
                                + " looking_for_team = :looking, finder_bio = :bio, finder_shows = :shows, interests = :interests,"
                                + " consented_at = case when terms_version = :terms then consented_at else now() end,"
                                + " terms_version = :terms, updated_at = now(), version = version + 1"
                                + " where event_id = :event and user_id = :user and withdrawn_at is null returning "
                                + REGISTRATION)
                .bindValues(answers(eventId, userId, a))
                .map(RegistrationRepository::toRegistration)
                .one();
    }

    /**
     * Withdraws a registration that holds no team seat; 0 when there is none or it still has one.
     */
    Mono<Long> withdraw(UUID eventId, UUID userId) {
        return db.sql(
                        "update registrations set withdrawn_at = now(), updated_at = now(), version = version + 1"
                                + " where event_id = :event and user_id = :user and withdrawn_at is null and teams_joined = 0")
                .bind("event", eventId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated();
    }

    private static java.util.Map<String, Object> answers(
            UUID eventId, UUID userId, Registration.Answers a) {
        return java.util.Map.of(
                "event", eventId,
                "user", userId,
                "region", a.region().strip(),
                "age", Parameter.fromOrEmpty(a.ageBracket(), String.class),
                "skills", TeamRepository.skills(a.skills()),
                "terms", a.termsVersion().strip(),
                "looking", Boolean.TRUE.equals(a.lookingForTeam()),
                "bio",
                        Parameter.fromOrEmpty(
                                TeamRepository.blankToNull(a.finderBio()), String.class),
                "shows", a.shows().toArray(String[]::new),
                "interests", a.interestIds().toArray(UUID[]::new));
    }

    private static Registration toRegistration(Readable row, Object meta) {
        String[] skills = row.get("skills", String[].class);
        return new Registration(
                row.get("id", UUID.class),
                row.get("event_id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("region", String.class),
                row.get("age_bracket", String.class),
                skills == null ? List.of() : Arrays.asList(skills),
                row.get("terms_version", String.class),
                row.get("consented_at", Instant.class),
                Boolean.TRUE.equals(row.get("looking_for_team", Boolean.class)),
                row.get("finder_bio", String.class),
                TeamRepository.list(row.get("finder_shows", String[].class)),
                TeamRepository.list(row.get("interests", UUID[].class)),
                row.get("withdrawn_at", Instant.class),
                row.get("version", Long.class),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }

    private final DatabaseClient db;

    RegistrationRepository(DatabaseClient db) {
        this.db = db;
    }
}
