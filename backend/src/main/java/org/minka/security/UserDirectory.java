package org.minka.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Users known to Minka, keyed by token issuer and subject. */
@Service
public class UserDirectory {

    private static final String COLUMNS = "id, issuer, subject, email, email_verified, name";

    private final DatabaseClient db;
    private final List<SignInListener> listeners;

    UserDirectory(DatabaseClient db, List<SignInListener> listeners) {
        this.db = db;
        this.listeners = listeners;
    }

    /** A user as others see them. */
    public record UserSummary(UUID id, String name, String email, boolean emailVerified) {}

    /**
     * Creates or refreshes the user of a token. The row is written only when the claims changed or
     * it was last seen more than five minutes ago, so most requests only read.
     */
    Mono<CurrentUser> upsert(
            String issuer,
            String subject,
            String email,
            boolean emailVerified,
            String name,
            boolean admin) {
        Mono<CurrentUser> written =
                db.sql(
                                "insert into users (issuer, subject, email, email_verified, name)"
                                        + " values (:iss, :sub, :email, :verified, :name)"
                                        + " on conflict (issuer, subject) do update set email = excluded.email,"
                                        + " email_verified = excluded.email_verified, name = excluded.name,"
                                        + " last_seen_at = now()"
                                        + " where users.email is distinct from excluded.email"
                                        + " or users.email_verified <> excluded.email_verified"
                                        + " or users.name is distinct from excluded.name"
                                        + " or users.last_seen_at < now() - interval '5 minutes'"
                                        + " returning "
                                        + COLUMNS)
                        .bind("iss", issuer)
                        .bind("sub", subject)
                        .bind("email", Parameter.fromOrEmpty(email, String.class))
                        .bind("verified", emailVerified)
                        .bind("name", Parameter.fromOrEmpty(name, String.class))
                        .map((row, meta) -> toUser(row, admin))
                        .one()
                        .flatMap(user -> notifyListeners(user).thenReturn(user));
        Mono<CurrentUser> unchanged =
                db.sql("select " + COLUMNS + " from users where issuer = :iss and subject = :sub")
                        .bind("iss", issuer)
                        .bind("sub", subject)
                        .map((row, meta) -> toUser(row, admin))
                        .one();
        return written.switchIfEmpty(unchanged);
    }

    private Mono<Void> notifyListeners(CurrentUser user) {
        return Flux.fromIterable(listeners).concatMap(l -> l.onSignIn(user)).then();
    }

    /** Finds a user by id. */
    public Mono<UserSummary> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from users where id = :id")
                .bind("id", id)
                .map(
                        (row, meta) ->
                                new UserSummary(
                                        row.get("id", UUID.class),
                                        row.get("name", String.class),
                                        row.get("email", String.class),
                                        Boolean.TRUE.equals(
                                                row.get("email_verified", Boolean.class))))
                .one();
    }

    /** Of these users, the ones with a verified email address. */
    public Mono<Set<UUID>> withVerifiedEmail(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql(
                        "select id from users where id = any(:ids)"
                                + " and email_verified and email is not null")
                .bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .map((row, meta) -> row.get("id", UUID.class))
                .all()
                .collect(Collectors.toSet());
    }

    /** The user who most recently signed in with this verified email address (case-insensitive). */
    public Mono<UserSummary> findByVerifiedEmail(String email) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from users where lower(email) = lower(:email) and email_verified"
                                + " order by last_seen_at desc limit 1")
                .bind("email", email)
                .map(
                        (row, meta) ->
                                new UserSummary(
                                        row.get("id", UUID.class),
                                        row.get("name", String.class),
                                        row.get("email", String.class),
                                        true))
                .one();
    }

    private static CurrentUser toUser(io.r2dbc.spi.Readable row, boolean admin) {
        return new CurrentUser(
                row.get("id", UUID.class),
                row.get("issuer", String.class),
                row.get("subject", String.class),
                row.get("email", String.class),
                Boolean.TRUE.equals(row.get("email_verified", Boolean.class)),
                row.get("name", String.class),
                admin);
    }

    // Batch lookups for other modules, so that no module but security reads the users table.

    /** The users with these ids (those that exist), keyed by id. */
    public Mono<java.util.Map<UUID, UserSummary>> findAllById(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql("select " + COLUMNS + " from users where id = any(:ids)")
                .bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .map((row, meta) -> toSummary(row))
                .all()
                .collectMap(UserSummary::id);
    }

    /** Ids of the users whose verified email is this one (case-insensitive). */
    public Flux<UUID> idsWithVerifiedEmail(String email) {
        return db.sql("select id from users where email_verified and lower(email) = lower(:email)")
                .bind("email", email)
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }

    /**
     * Of these users, the ones whose name or email contains the text, case-insensitive. Only the
     * given users are read, so a search stays within one event's people.
     */
    public Flux<UUID> matching(java.util.Collection<UUID> ids, String text) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        String like =
                "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return db.sql(
                        "select id from users where id = any(:ids)"
                                + " and (name ilike :q or email ilike :q)")
                .bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .bind("q", like)
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }

    private static UserSummary toSummary(io.r2dbc.spi.Readable row) {
        return new UserSummary(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("email", String.class),
                Boolean.TRUE.equals(row.get("email_verified", Boolean.class)));
    }
}
