-- Per-user notification counter. Taking the next number locks the user's row until commit, so
-- numbers become visible in order: a client resuming "after n" never misses a later commit.
create table notification_counters (
    user_id uuid primary key references users (id) on delete cascade,
    seq     bigint not null
);

create table notifications (
    user_id    uuid        not null references users (id) on delete cascade,
    seq        bigint      not null,
    event_id   uuid references events (id) on delete cascade,
    kind       text        not null,
    data       jsonb       not null default '{}'::jsonb,
    created_at timestamptz not null default now(),
    read_at    timestamptz,
    primary key (user_id, seq)
);
create index notifications_unread_idx on notifications (user_id) where read_at is null;
