-- Who may see a published event: everyone and in lists (PUBLIC), everyone with its id but not in
-- lists (UNLISTED), or only its members, participants and allow-listed people (PRIVATE).
alter table events add column visibility text not null default 'PUBLIC'
    constraint events_visibility check (visibility in ('PUBLIC', 'UNLISTED', 'PRIVATE'));

create index events_listed_page_idx on events (created_at, id)
    where published and visibility = 'PUBLIC';

-- The allow-list of a PRIVATE event: whole email addresses, or email domains (stored without
-- the '@'), matched in lower case against the caller's verified email.
create table event_allow_list (
    id         uuid primary key default gen_random_uuid(),
    event_id   uuid        not null references events (id) on delete cascade,
    kind       text        not null check (kind in ('EMAIL', 'DOMAIN')),
    value      text        not null,
    created_by uuid        not null references users (id),
    created_at timestamptz not null default now(),
    constraint event_allow_list_lower check (value = lower(value) and length(value) <= 254),
    constraint event_allow_list_shape check (
        (kind = 'EMAIL' and value ~ '^[^@\s]+@[a-z0-9-]+(\.[a-z0-9-]+)+$')
        or (kind = 'DOMAIN' and value ~ '^[a-z0-9-]+(\.[a-z0-9-]+)+$')),
    constraint event_allow_list_uq unique (event_id, kind, value)
);
