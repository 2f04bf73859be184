package org.minka.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.minka.security.UserDirectory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** SQL for email preferences and the email outbox. */
@Repository
class EmailOutbox {

    /** A claimed outbox row: one notification (EACH) or a range of them (DIGEST). */
    record Claimed(long id, UUID userId, String kind, long firstSeq, long lastSeq, int attempts) {

        boolean digest() {
            return "DIGEST".equals(kind);
        }
    }

    /** Where and how to write to a user, read when their email is sent. */
    record Recipient(String email, boolean verified, String name, String mode, String language) {

        Recipient with(String newMode, String newLanguage) {
            return new Recipient(email, verified, name, newMode, newLanguage);
        }

        /** Whether this row should still go out: a verified address and the mode it was for. */
        boolean wants(Claimed row) {
            return verified
                    && email != null
                    && (row.digest() ? "DAILY_DIGEST".equals(mode) : "EACH".equals(mode));
        }
    }

    /** What one digest run did. */
    record DigestRun(long users, long queued) {}

    /** Users on the daily digest whose digest of {@code day} is not queued yet. */
    private static final String DUE_DIGESTS =
            "select s.user_id, s.digest_through from notification_email_settings s"
                    + " where s.mode = 'DAILY_DIGEST' and (s.digest_day is null or s.digest_day < :day)";

    private final DatabaseClient db;
    private final UserDirectory users;

    EmailOutbox(DatabaseClient db, UserDirectory users) {
        this.db = db;
        this.users = users;
    }

    Mono<EmailPreference.Stored> preference(UUID userId) {
        return db.sql(
                        "select mode, language, updated_at from notification_email_settings where user_id = :user")
                .bind("user", userId)
                .map(
                        (row, meta) ->
                                new EmailPreference.Stored(
                                        EmailPreference.Mode.valueOf(row.get("mode", String.class)),
                                        row.get("language", String.class),
                                        row.get("updated_at", Instant.class)))
                .one();
    }

    /**
     * Stores the preference. Switching to the digest starts it from the user's latest notification,
     * with the first one due on the day after {@code digestDay}; staying on it keeps its place.
     */
    Mono<EmailPreference.Stored> save(
            UUID userId,
            EmailPreference.Mode mode,
            String language,
            LocalDate digestDay,
            Instant now) {
        return db.sql(
                        "insert into notification_email_settings"
                                + " (user_id, mode, language, digest_through, digest_day, updated_at)"
                                + " values (:user, :mode, :language,"
                                + " coalesce((select seq from notification_counters where user_id = :user), 0),"
                                + " :day, :now)"
                                + " on conflict (user_id) do update set mode = excluded.mode,"
                                + " language = excluded.language, updated_at = excluded.updated_at,"
                                + " digest_through = case when notification_email_settings.mode = 'DAILY_DIGEST'"
                                + " and excluded.mode = 'DAILY_DIGEST' then notification_email_settings.digest_through"
                                + " else excluded.digest_through end,"
                                + " digest_day = case when notification_email_settings.mode = 'DAILY_DIGEST'"
                                + " and excluded.mode = 'DAILY_DIGEST' then notification_email_settings.digest_day"
                                + " else excluded.digest_day end"
                                + " returning mode, language, updated_at")
                .bind("user", userId)
                .bind("mode", mode.name())
                .bind("language", language)
                .bind("day", digestDay)
                .bind("now", now)
                .map(
                        (row, meta) ->
                                new EmailPreference.Stored(
                                        EmailPreference.Mode.valueOf(row.get("mode", String.class)),
                                        row.get("language", String.class),
                                        row.get("updated_at", Instant.class)))
                .one();
    }

    /**
     * Claims the oldest due row, if any. Rows locked by another instance are skipped; a claimed row
     * counts an attempt and is hidden until {@code leaseUntil}, so that a crash mid-send only
     * delays it. One row at a time, so that each lease starts right before its own send.
     */
    Mono<Claimed> claim(Instant now, Instant leaseUntil) {
        return db.sql(
                        "with due as (select id from notification_email_outbox"
                                + " where status = 'PENDING' and next_attempt_at <= :now"
                                + " order by next_attempt_at, id limit 1 for update skip locked)"
                                + " update notification_email_outbox o set attempts = o.attempts + 1,"
                                + " next_attempt_at = :lease from due where o.id = due.id"
                                + " returning o.id, o.user_id, o.kind, o.first_seq, o.last_seq, o.attempts")
                .bind("now", now)
                .bind("lease", leaseUntil)
                .map(
                        (row, meta) ->
                                new Claimed(
                                        row.get("id", Long.class),
                                        row.get("user_id", UUID.class),
                                        row.get("kind", String.class),
                                        row.get("first_seq", Long.class),
                                        row.get("last_seq", Long.class),
                                        row.get("attempts", Integer.class)))
                .one();
    }

    /** The user's address (from the user directory) and their email preference. */
    Mono<Recipient> recipient(UUID userId) {
        return users.findById(userId).flatMap(this::withPreference);
    }

    private Mono<Recipient> withPreference(UserDirectory.UserSummary user) {
        Recipient none = new Recipient(user.email(), user.emailVerified(), user.name(), null, null);
        return db.sql(
                        "select mode, language from notification_email_settings"
                                + " where user_id = :user")
                .bind("user", user.id())
                .map(
                        (row, meta) ->
                                none.with(
                                        row.get("mode", String.class),
                                        row.get("language", String.class)))
                .one()
                .defaultIfEmpty(none);
    }

    Mono<Long> sent(long id, Instant now) {
        return db.sql(
                        "update notification_email_outbox set status = 'SENT', sent_at = :now, last_error = null"
                                + " where id = :id")
                .bind("id", id)
                .bind("now", now)
                .fetch()
                .rowsUpdated();
    }

    /** Marks a row that must not go out any more (preference changed, no verified address). */
    Mono<Long> skipped(long id, String reason) {
        return db.sql(
                        "update notification_email_outbox set status = 'SKIPPED', last_error = :reason"
                                + " where id = :id")
                .bind("id", id)
                .bind("reason", reason)
                .fetch()
                .rowsUpdated();
    }

    /**
     * Records a failed send: retried at {@code retryAt}, or FAILED (and kept) when it was the last.
     */
    Mono<Long> failed(long id, boolean last, Instant retryAt, String error) {
        return db.sql(
                        "update notification_email_outbox set status = :status, next_attempt_at = :at,"
                                + " last_error = :error where id = :id")
                .bind("id", id)
                .bind("status", last ? "FAILED" : "PENDING")
                .bind("at", retryAt)
                .bind("error", Parameter.fromOrEmpty(error, String.class))
                .fetch()
                .rowsUpdated();
    }

    /**
     * Queues the digests due for {@code day}, for up to {@code batch} users: each covers what the
     * user was notified of since the last digest, and is queued only when some of it is unread and
     * the user has a verified address (asked of the user directory for the candidates first). Users
     * locked by another instance are skipped; a user's day is marked in the same statement, so a
     * day's digest is queued once however many instances run this.
     */
    Mono<DigestRun> queueDigests(LocalDate day, Instant now, int batch) {
        return digestCandidates(day, batch)
                .zipWhen(users::withVerifiedEmail)
                .flatMap(t -> queueDigests(day, now, t.getT1(), t.getT2()));
    }

    private Mono<List<UUID>> digestCandidates(LocalDate day, int batch) {
        return db.sql(DUE_DIGESTS + " order by s.user_id limit :batch")
                .bind("day", day)
                .bind("batch", batch)
                .map((row, meta) -> row.get("user_id", UUID.class))
                .all()
                .collectList();
    }

    private Mono<DigestRun> queueDigests(
            LocalDate day, Instant now, List<UUID> candidates, Set<UUID> mailable) {
        return db.sql(
                        "with due as ("
                                + DUE_DIGESTS
                                + " and s.user_id = any(:candidates)"
                                + " order by s.user_id for update of s skip locked),"
                                + " bounds as (select d.user_id, d.digest_through,"
                                + " coalesce((select c.seq from notification_counters c where c.user_id = d.user_id), 0)"
                                + " as upto from due d),"
                                + " marked as (update notification_email_settings s set digest_day = :day,"
                                + " digest_through = greatest(s.digest_through, b.upto)"
                                + " from bounds b where s.user_id = b.user_id returning s.user_id),"
                                + " queued as (insert into notification_email_outbox"
                                + " (user_id, kind, first_seq, last_seq, next_attempt_at)"
                                + " select b.user_id, 'DIGEST', b.digest_through + 1, b.upto, :now from bounds b"
                                + " where b.user_id = any(:mailable)"
                                + " and b.upto > b.digest_through and exists (select 1 from notifications n"
                                + " where n.user_id = b.user_id and n.seq > b.digest_through and n.seq <= b.upto"
                                + " and n.read_at is null)"
                                + " on conflict do nothing returning id)"
                                + " select (select count(*) from marked) as users,"
                                + " (select count(*) from queued) as queued")
                .bind("day", day)
                .bind("now", now)
                .bind("candidates", candidates.toArray(UUID[]::new))
                .bind("mailable", mailable.toArray(UUID[]::new))
                .map(
                        (row, meta) ->
                                new DigestRun(
                                        row.get("users", Long.class),
                                        row.get("queued", Long.class)))
                .one();
    }
}
