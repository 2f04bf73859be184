create table events (
    id           uuid primary key default gen_random_uuid(),
    slug         text        not null,
    title        text        not null,
    description  text        not null default '',
    timezone     text        not null default 'America/Lima',
    settings     jsonb       not null,
    published    boolean     not null default false,
    published_at timestamptz,
    created_by   uuid        not null references users (id),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    version      bigint      not null default 0,
    constraint events_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80)
);
create unique index events_slug_uq on events (lower(slug));
create index events_published_page_idx on events (created_at, id) where published;

create table event_phases (
    event_id  uuid        not null references events (id) on delete cascade,
    phase     text        not null check (phase in ('REGISTRATION', 'SUBMISSION', 'JUDGING', 'VOTING', 'RESULTS')),
    opens_at  timestamptz not null,
    closes_at timestamptz not null,
    primary key (event_id, phase),
    constraint event_phases_window_ordered check (opens_at < closes_at)
);

create table challenges (
    id                uuid primary key default gen_random_uuid(),
    event_id          uuid        not null references events (id) on delete cascade,
    title             text        not null,
    statement         text        not null default '',
    themes            text[]      not null default '{}',
    proposing_entity  text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    version           bigint      not null default 0
);
create index challenges_event_page_idx on challenges (event_id, created_at, id);

create table challenge_datasets (
    challenge_id uuid not null references challenges (id) on delete cascade,
    position     int  not null,
    title        text not null,
    landing_url  text not null,
    portal_id    text,
    primary key (challenge_id, position)
);

create table event_memberships (
    id            uuid primary key default gen_random_uuid(),
    event_id      uuid        not null references events (id) on delete cascade,
    user_id       uuid references users (id),
    email         text,
    role          text        not null check (role in ('ORGANIZER', 'MENTOR', 'JUDGE')),
    challenge_ids uuid[]      not null default '{}',
    status        text        not null check (status in ('ACTIVE', 'PENDING', 'REVOKED')),
    invited_by    uuid references users (id),
    created_at    timestamptz not null default now(),
    revoked_at    timestamptz,
    constraint event_memberships_target check (user_id is not null or email is not null),
    constraint event_memberships_pending_has_email check (status <> 'PENDING' or email is not null)
);
create unique index event_memberships_user_role_uq on event_memberships (event_id, user_id, role)
    where status = 'ACTIVE' and user_id is not null;
create unique index event_memberships_email_role_uq on event_memberships (event_id, lower(email), role)
    where status = 'PENDING';
create index event_memberships_pending_email_idx on event_memberships (lower(email)) where status = 'PENDING';
create index event_memberships_user_idx on event_memberships (user_id) where status = 'ACTIVE';
