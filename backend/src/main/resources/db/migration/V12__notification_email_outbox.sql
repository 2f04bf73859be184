-- Email for notifications, only used when SMTP is configured. No row means mode OFF.
create table notification_email_settings (
    user_id        uuid primary key references users (id) on delete cascade,
    mode           text        not null check (mode in ('OFF', 'EACH', 'DAILY_DIGEST')),
    language       text        not null default 'en' check (language in ('en', 'es')),
    -- The last seq a digest covered, and the local day of the last digest: a user gets at most
    -- one digest a day, and never the same notification twice.
    digest_through bigint      not null default 0,
    digest_day     date,
    updated_at     timestamptz not null default now()
);
create index notification_email_settings_digest_idx on notification_email_settings (digest_day)
    where mode = 'DAILY_DIGEST';

-- Emails to send. EACH rows are written in the transaction that stores their notification;
-- DIGEST rows by the daily digest job. A row is claimed with FOR UPDATE SKIP LOCKED and a lease
-- (next_attempt_at moves ahead), sent, then marked. A failed send stays PENDING with a later
-- next_attempt_at; after the last attempt it is FAILED, and kept.
create table notification_email_outbox (
    id              bigint generated always as identity primary key,
    user_id         uuid        not null references users (id) on delete cascade,
    kind            text        not null check (kind in ('EACH', 'DIGEST')),
    first_seq       bigint      not null,
    last_seq        bigint      not null,
    status          text        not null default 'PENDING'
        check (status in ('PENDING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    constraint notification_email_outbox_range_ck check (first_seq <= last_seq),
    constraint notification_email_outbox_uq unique (user_id, kind, last_seq)
);
create index notification_email_outbox_due_idx on notification_email_outbox (next_attempt_at)
    where status = 'PENDING';
