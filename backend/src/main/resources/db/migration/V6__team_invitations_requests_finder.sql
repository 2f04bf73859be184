-- Invitations from a captain, to a user or an email address; they expire.
create table team_invitations (
    id              uuid primary key default gen_random_uuid(),
    team_id         uuid        not null references teams (id) on delete cascade,
    event_id        uuid        not null references events (id) on delete cascade,
    invited_by      uuid        not null references users (id),
    invitee_user_id uuid references users (id),
    invitee_email   text,
    status          text        not null default 'PENDING'
        check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED', 'EXPIRED')),
    expires_at      timestamptz not null,
    created_at      timestamptz not null default now(),
    responded_at    timestamptz,
    constraint team_invitations_invitee check (invitee_user_id is not null or invitee_email is not null),
    constraint team_invitations_email_lower check (invitee_email = lower(invitee_email))
);
create unique index team_invitations_pending_user_uq on team_invitations (team_id, invitee_user_id)
    where status = 'PENDING' and invitee_user_id is not null;
create unique index team_invitations_pending_email_uq on team_invitations (team_id, invitee_email)
    where status = 'PENDING' and invitee_email is not null;
create index team_invitations_event_idx on team_invitations (event_id, status);

-- Requests to join, which the captain approves or declines.
create table team_join_requests (
    id          uuid primary key default gen_random_uuid(),
    team_id     uuid        not null references teams (id) on delete cascade,
    event_id    uuid        not null references events (id) on delete cascade,
    user_id     uuid        not null references users (id),
    message     text        not null default '',
    status      text        not null default 'PENDING'
        check (status in ('PENDING', 'APPROVED', 'DECLINED', 'CANCELLED')),
    created_at  timestamptz not null default now(),
    decided_at  timestamptz,
    decided_by  uuid references users (id)
);
create unique index team_join_requests_pending_uq on team_join_requests (team_id, user_id)
    where status = 'PENDING';
create index team_join_requests_user_idx on team_join_requests (event_id, user_id);

-- Team finder: what a citizen chose to show, and a team's region.
alter table registrations
    add column looking_for_team boolean not null default false,
    add column finder_bio       text,
    add column finder_shows     text[]  not null default '{}',
    add column interests        uuid[]  not null default '{}';
create index registrations_looking_idx on registrations (event_id) where looking_for_team and withdrawn_at is null;

alter table teams add column region text;
