package org.minka.security;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * Insert or refresh (only when a claim changed or four to six minutes passed: the user's own
     * share of two minutes, from its subject, spreads the refreshes of a crowd that signed in at
     * once), and the stored row either way, with whether it was written.
     */
    private static final String UPSERT =
            "with up as (insert into users (issuer, subject, email, email_verified, name)"
                    + " values (:iss, :sub, :email, :verified, :name)"
                    + " on conflict (issuer, subject) do update set email = excluded.email,"
                    + " email_verified = excluded.email_verified, name = excluded.name,"
                    + " last_seen_at = now()"
                    + " where users.email is distinct from excluded.email"
                    + " or users.email_verified <> excluded.email_verified"
                    + " or users.name is distinct from excluded.name"
                    + " or users.last_seen_at < now() - interval '4 minutes'"
                    + " - make_interval(secs => abs(hashtext(users.subject)) % 120)"
                    + " returning "
                    + COLUMNS
                    + ") select "
                    + COLUMNS
                    + ", true as written from up union all select "
                    + COLUMNS
                    + ", false from users where issuer = :iss and subject = :sub"
                    + " and not exists (select 1 from up)";

    /** How long a sign-in is answered from memory: under the four-minute refresh. */
    static final Duration RECENT = Duration.ofMinutes(3);

    private static final int RECENT_MAX = 10_000;

    private final DatabaseClient db;
    private final List<SignInListener> listeners;
    private final Map<SignIn, Seen> recent;

    UserDirectory(DatabaseClient db, List<SignInListener> listeners) {
        this.db = db;
        this.listeners = listeners;
        this.recent = new ConcurrentHashMap<>();
    }

    /** The claims of a token that the users row holds. */
    private record SignIn(
            String issuer, String subject, String email, boolean emailVerified, String name) {}

    private record Seen(CurrentUser user, long until) {}

    private record Written(CurrentUser user, boolean written) {}

    /** A user as others see them. */
    public record UserSummary(UUID id, String name, String email, boolean emailVerified) {}

    /**
     * Creates or refreshes the user of a token, in one statement. The row is written only when the
     * claims changed or it was last seen four to six minutes ago (per user), so most requests only
     * read; and a sign-in seen within the last {@link #RECENT} with the same claims is answered
     * from memory without a statement (the database stays the source of truth: a changed claim
     * misses).
     */
    Mono<CurrentUser> upsert(
            String issuer,
            String subject,
            String email,
            boolean emailVerified,
            String name,
            boolean admin) {
        SignIn signIn = new SignIn(issuer, subject, email, emailVerified, name);
        Seen known = recent.get(signIn);
        if (known != null && known.until() - System.nanoTime() > 0) {
            return Mono.just(withAdmin(known.user(), admin));
        }
        return write(signIn)
                .doOnNext(user -> remember(signIn, user))
                .map(user -> withAdmin(user, admin));
    }

    private Mono<CurrentUser> write(SignIn signIn) {
        return db.sql(UPSERT)
                .bind("iss", signIn.issuer())
                .bind("sub", signIn.subject())
                .bind("email", Parameter.fromOrEmpty(signIn.email(), String.class))
                .bind("verified", signIn.emailVerified())
                .bind("name", Parameter.fromOrEmpty(signIn.name(), String.class))
                .map((row, meta) -> written(row))
                .one()
                .flatMap(this::notifyIfWritten);
    }

    private Mono<CurrentUser> notifyIfWritten(Written row) {
        return row.written()
                ? notifyListeners(row.user()).thenReturn(row.user())
                : Mono.just(row.user());
    }

    private void remember(SignIn signIn, CurrentUser user) {
        if (recent.size() >= RECENT_MAX) {
            recent.clear();
        }
        recent.put(signIn, new Seen(user, System.nanoTime() + RECENT.toNanos()));
    }

    private static CurrentUser withAdmin(CurrentUser user, boolean admin) {
        return new CurrentUser(
                user.id(),
                user.issuer(),
                user.subject(),
                user.email(),
                user.emailVerified(),
                user.name(),
                admin);
    }

    private static Written written(io.r2dbc.spi.Readable row) {
        return new Written(
                toUser(row, false), Boolean.TRUE.equals(row.get("written", Boolean.class)));
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

    /** The display names of these users (by id); users without a name map to {@code null}. */
    public Mono<java.util.Map<UUID, String>> namesOf(java.util.Collection<UUID> ids) {
        return findAllById(ids).map(UserDirectory::names);
    }

    private static java.util.Map<UUID, String> names(java.util.Map<UUID, UserSummary> byId) {
        java.util.Map<UUID, String> names = new java.util.HashMap<>();
        byId.forEach((id, user) -> names.put(id, user.name()));
        return names;
    }

    // For voting: when an account was created (the account-age rule).

    /** When the user's account was created (first sign-in); empty for an unknown id. */
    public Mono<java.time.Instant> createdAt(UUID id) {
        return db.sql("select created_at from users where id = :id")
                .bind("id", id)
                .map((row, meta) -> row.get("created_at", java.time.Instant.class))
                .one();
    }

    // For voting's fraud review: when accounts were created.

    /**
     * Of these users, the ones whose account was created at or after {@code since}, with its
     * creation time.
     */
    public Mono<java.util.Map<UUID, java.time.Instant>> createdSince(
            java.util.Collection<UUID> ids, java.time.Instant since) {
        if (ids.isEmpty()) {
            return Mono.just(java.util.Map.of());
        }
        return db.sql(
                        "select id, created_at from users where id = any(:ids) and created_at >= :since")
                .bind("ids", ids.stream().distinct().toArray(UUID[]::new))
                .bind("since", since)
                .map(
                        (row, meta) ->
                                java.util.Map.entry(
                                        row.get("id", UUID.class),
                                        row.get("created_at", java.time.Instant.class)))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }
}
