-- Challenges proposed by a publisher's members for an event, built on the publisher's linked
-- datasets; the event's organizers accept (which creates the challenge) or decline them.
create table challenge_proposals (
    id           uuid primary key default gen_random_uuid(),
    event_id     uuid        not null references events (id) on delete cascade,
    publisher_id uuid        not null references publishers (id) on delete cascade,
    title        text        not null,
    statement    text        not null default '',
    themes       text[]      not null default '{}',
    dataset_ids  uuid[]      not null check (cardinality(dataset_ids) between 1 and 20),
    status       text        not null default 'PENDING' check (status in ('PENDING', 'ACCEPTED', 'DECLINED')),
    reason       text,
    challenge_id uuid references challenges (id) on delete set null,
    proposed_by  uuid        not null references users (id),
    decided_by   uuid references users (id),
    created_at   timestamptz not null default now(),
    decided_at   timestamptz,
    version      bigint      not null default 0,
    constraint challenge_proposals_decided check ((status = 'PENDING') = (decided_at is null))
);
create index challenge_proposals_event_page_idx on challenge_proposals (event_id, created_at, id);
create index challenge_proposals_publisher_idx on challenge_proposals (publisher_id);
