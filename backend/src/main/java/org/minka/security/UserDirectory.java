package org.minka.security;

import java.util.List;
import java.util.UUID;
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

    /** The display names of these users (by id); users without a name map to {@code null}. */
    public Mono<java.util.Map<UUID, String>> namesOf(java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql("select id, name from users where id = any(cast(:ids as uuid[]))")
                .bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .map((row, meta) -> java.util.Map.entry(row.get("id", UUID.class), nameOf(row)))
                .all()
                .collect(
                        java.util.HashMap<UUID, String>::new,
                        (map, e) -> map.put(e.getKey(), e.getValue().orElse(null)));
    }

    private static java.util.Optional<String> nameOf(io.r2dbc.spi.Readable row) {
        return java.util.Optional.ofNullable(row.get("name", String.class));
    }
}
