create table help_requests (
    id           uuid primary key default gen_random_uuid(),
    event_id     uuid        not null references events (id) on delete cascade,
    challenge_id uuid        not null references challenges (id) on delete cascade,
    team_id      uuid        not null references teams (id) on delete cascade,
    opened_by    uuid        not null references users (id),
    topic        text        not null,
    body         text        not null,
    status       text        not null default 'OPEN' check (status in ('OPEN', 'CLAIMED', 'RESOLVED')),
    claimed_by   uuid references users (id),
    claimed_at   timestamptz,
    resolved_at  timestamptz,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint help_requests_claimed check (status <> 'CLAIMED' or claimed_by is not null)
);
create index help_requests_queue_idx on help_requests (event_id, status, created_at);

-- Comment threads. A thread belongs to one help request today; submissions will use the same table.
create table comments (
    id          uuid primary key default gen_random_uuid(),
    event_id    uuid        not null references events (id) on delete cascade,
    thread_type text        not null check (thread_type in ('HELP_REQUEST', 'SUBMISSION')),
    thread_id   uuid        not null,
    parent_id   uuid references comments (id),
    author_id   uuid        not null references users (id),
    body        text        not null,
    created_at  timestamptz not null default now(),
    edited_at   timestamptz,
    deleted_at  timestamptz,
    deleted_by  uuid references users (id)
);
create index comments_thread_idx on comments (thread_type, thread_id, created_at);
