create table registrations (
    id             uuid primary key default gen_random_uuid(),
    event_id       uuid        not null references events (id) on delete cascade,
    user_id        uuid        not null references users (id),
    region         text        not null,
    age_bracket    text,
    skills         text[]      not null default '{}',
    terms_version  text        not null,
    consented_at   timestamptz not null,
    teams_joined   int         not null default 0 check (teams_joined >= 0),
    withdrawn_at   timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    version        bigint      not null default 0,
    constraint registrations_event_user_uq unique (event_id, user_id)
);

create table teams (
    id                  uuid primary key default gen_random_uuid(),
    event_id            uuid        not null references events (id) on delete cascade,
    name                text        not null,
    description         text        not null default '',
    looking_for_members boolean     not null default false,
    skills_wanted       text[]      not null default '{}',
    captain_id          uuid        not null references users (id),
    join_code           text        not null unique,
    max_size            int         not null check (max_size >= 1),
    member_count        int         not null default 0,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    version             bigint      not null default 0,
    constraint teams_size_cap check (member_count >= 0 and member_count <= max_size)
);
create unique index teams_event_name_uq on teams (event_id, lower(name));

create table team_members (
    team_id   uuid        not null references teams (id) on delete cascade,
    user_id   uuid        not null references users (id),
    event_id  uuid        not null references events (id) on delete cascade,
    role      text        not null check (role in ('CAPTAIN', 'MEMBER')),
    joined_at timestamptz not null default now(),
    primary key (team_id, user_id)
);
create index team_members_user_idx on team_members (event_id, user_id);
