package org.minka.notification;

import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.minka.security.UserDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for notifications. Raising one also NOTIFYs every instance, at commit. */
@Repository
class NotificationRepository {

    static final String CHANNEL = "minka_notifications";

    private static final String COLUMNS =
            "seq, kind, event_id, data::text as data, created_at, read_at";

    /**
     * With email on, each stored notification of a user who chose one email per notification (and
     * has a verified address) also gets an outbox row, in the same statement.
     */
    private static final String EMAIL_OUTBOX =
            " emailed as (insert into notification_email_outbox"
                    + " (user_id, kind, first_seq, last_seq, next_attempt_at)"
                    + " select s.user_id, 'EACH', s.seq, s.seq, :now from stored s"
                    + " join notification_email_settings e on e.user_id = s.user_id and e.mode = 'EACH'"
                    + " where s.user_id = any(:mailable)),";

    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean email;
    private final UserDirectory directory;

    NotificationRepository(
            DatabaseClient db,
            UserDirectory directory,
            JsonMapper json,
            Clock clock,
            ObjectProvider<JavaMailSender> mailSender,
            @Value("${spring.mail.host:}") String mailHost) {
        this.db = db;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
        this.email = EmailDelivery.configured(mailSender, mailHost) != null;
    }

    /**
     * Numbers and stores one notification per user (users sorted, so that concurrent raisers lock
     * counters in the same order) and NOTIFYs each. A payload too large for NOTIFY is sent as a
     * reference that subscribers load. With email on, it also queues the emails of users who chose
     * one per notification.
     */
    Mono<Long> insert(List<UUID> users, UUID eventId, String kind, Map<String, ?> data) {
        if (!email) {
            return insert(users, eventId, kind, data, Set.of());
        }
        return directory
                .withVerifiedEmail(users)
                .flatMap(mailable -> insert(users, eventId, kind, data, mailable));
    }

    private Mono<Long> insert(
            List<UUID> users, UUID eventId, String kind, Map<String, ?> data, Set<UUID> mailable) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "with counters as (insert into notification_counters (user_id, seq)"
                                        + " select u, 1 from unnest(cast(:users as uuid[])) as u order by u"
                                        + " on conflict (user_id) do update set seq = notification_counters.seq + 1"
                                        + " returning user_id, seq),"
                                        + " stored as (insert into notifications (user_id, seq, event_id, kind, data)"
                                        + " select user_id, seq, :event, :kind, cast(:data as jsonb) from counters"
                                        + " returning user_id, seq, event_id, kind, data, created_at),"
                                        + (email ? EMAIL_OUTBOX : "")
                                        + " payloads as (select user_id, seq, json_build_object('userId', user_id, 'seq', seq,"
                                        + " 'eventId', event_id, 'kind', kind, 'data', data, 'createdAt',"
                                        + " to_char(created_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))::text as body"
                                        + " from stored)"
                                        + " select count(pg_notify('"
                                        + CHANNEL
                                        + "', case when octet_length(body) < 7900 then body"
                                        + " else json_build_object('userId', user_id, 'seq', seq, 'ref', true)::text end)) as sent"
                                        + " from payloads")
                        .bind("users", users.stream().distinct().sorted().toArray(UUID[]::new))
                        .bind("event", Parameter.fromOrEmpty(eventId, UUID.class))
                        .bind("kind", kind)
                        .bind("data", json.writeValueAsString(data));
        if (email) {
            spec =
                    spec.bind("now", clock.instant())
                            .bind("mailable", mailable.toArray(UUID[]::new));
        }
        return spec.map((row, meta) -> row.get("sent", Long.class)).one();
    }

    /**
     * The user's notifications with {@code first <= seq <= last}, oldest first, at most {@code
     * limit}; only unread ones when asked.
     */
    Flux<Notification> range(UUID userId, long first, long last, boolean unreadOnly, int limit) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from notifications where user_id = :user and seq between :first and :last"
                                + (unreadOnly ? " and read_at is null" : "")
                                + " order by seq limit :limit")
                .bind("user", userId)
                .bind("first", first)
                .bind("last", last)
                .bind("limit", limit)
                .map(this::toNotification)
                .all();
    }

    /** The user's notifications after {@code seq}, oldest first. */
    Flux<Notification> after(UUID userId, long seq, int limit) {
        return db.sql(
                        "select "
                                + COLUMNS
                                + " from notifications where user_id = :user and seq > :seq order by seq limit :limit")
                .bind("user", userId)
                .bind("seq", seq)
                .bind("limit", limit)
                .map(this::toNotification)
                .all();
    }

    /** A page of the inbox, newest first, before {@code seq} (exclusive) when given. */
    Flux<Notification> page(UUID userId, Long before, boolean unreadOnly, int limit) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "select "
                                        + COLUMNS
                                        + " from notifications where user_id = :user"
                                        + (before == null ? "" : " and seq < :before")
                                        + (unreadOnly ? " and read_at is null" : "")
                                        + " order by seq desc limit :limit")
                        .bind("user", userId)
                        .bind("limit", limit);
        if (before != null) {
            spec = spec.bind("before", before);
        }
        return spec.map(this::toNotification).all();
    }

    Mono<Long> lastSeq(UUID userId) {
        return db.sql(
                        "select coalesce((select seq from notification_counters where user_id = :user), 0) as seq")
                .bind("user", userId)
                .map((row, meta) -> row.get("seq", Long.class))
                .one();
    }

    Mono<Long> unread(UUID userId) {
        return db.sql(
                        "select count(*) as unread from notifications where user_id = :user and read_at is null")
                .bind("user", userId)
                .map((row, meta) -> row.get("unread", Long.class))
                .one();
    }

    /** Marks one notification read; 0 when the user has no such notification. */
    Mono<Long> markRead(UUID userId, long seq) {
        return db.sql(
                        "update notifications set read_at = coalesce(read_at, now())"
                                + " where user_id = :user and seq = :seq")
                .bind("user", userId)
                .bind("seq", seq)
                .fetch()
                .rowsUpdated();
    }

    /** Marks every notification up to {@code seq} read (all when null); returns how many. */
    Mono<Long> markAllRead(UUID userId, Long upTo) {
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(
                                "update notifications set read_at = now() where user_id = :user and read_at is null"
                                        + (upTo == null ? "" : " and seq <= :upTo"))
                        .bind("user", userId);
        if (upTo != null) {
            spec = spec.bind("upTo", upTo);
        }
        return spec.fetch().rowsUpdated();
    }

    private Notification toNotification(Readable row, Object meta) {
        return new Notification(
                row.get("seq", Long.class),
                row.get("kind", String.class),
                row.get("event_id", UUID.class),
                data(row.get("data", String.class)),
                row.get("created_at", Instant.class),
                row.get("read_at", Instant.class));
    }

    Map<String, Object> data(String text) {
        return text == null ? Map.of() : json.readValue(text, new TypeReference<>() {});
    }
}
