create table submissions (
    id             uuid primary key default gen_random_uuid(),
    event_id       uuid        not null references events (id) on delete cascade,
    team_id        uuid        not null references teams (id) on delete cascade,
    challenge_id   uuid        not null references challenges (id) on delete cascade,
    title          text        not null,
    summary        text        not null default '',
    links          jsonb       not null default '{}'::jsonb,
    datasets       jsonb       not null default '[]'::jsonb,
    licence        text        not null,
    latest_version int         not null default 0,
    created_by     uuid        not null references users (id),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    version        bigint      not null default 0,
    constraint submissions_team_challenge_uq unique (team_id, challenge_id)
);
create index submissions_event_idx on submissions (event_id, challenge_id);

-- Every stored artifact. Rows are never updated; a version keeps pointing at the same bytes.
create table artifacts (
    id             uuid primary key,
    submission_id  uuid        not null references submissions (id) on delete cascade,
    team_id        uuid        not null references teams (id) on delete cascade,
    kind           text        not null check (kind in ('NOTEBOOK', 'REPORT', 'SLIDES', 'DATA', 'IMAGE', 'ARCHIVE')),
    filename       text        not null,
    content_type   text        not null,
    size_bytes     bigint      not null check (size_bytes >= 0),
    sha256         text        not null check (sha256 ~ '^[0-9a-f]{64}$'),
    object_key     text        not null unique,
    notebook       jsonb,
    preview_key    text,
    uploaded_by    uuid        not null references users (id),
    created_at     timestamptz not null default now()
);
create index artifacts_submission_idx on artifacts (submission_id, created_at);

-- Bytes used per team; the quota is a conditional update of this row.
create table team_storage (
    team_id    uuid   primary key references teams (id) on delete cascade,
    used_bytes bigint not null default 0 check (used_bytes >= 0)
);

-- Write-ahead record of an object that is being uploaded (streamed through the API, or a
-- presigned slot). An object under artifacts/ has either an upload row or an artifact row;
-- the reaper deletes the objects of upload rows that expired.
create table uploads (
    id            uuid primary key,
    submission_id uuid        not null references submissions (id) on delete cascade,
    team_id       uuid        not null,
    mode          text        not null check (mode in ('STREAM', 'PRESIGNED')),
    kind          text        not null,
    filename      text        not null,
    size_bytes    bigint,
    sha256        text,
    object_key    text        not null unique,
    created_by    uuid        not null references users (id),
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null
);
create index uploads_expires_idx on uploads (expires_at);

create table submission_versions (
    submission_id uuid        not null references submissions (id) on delete cascade,
    number        int         not null check (number >= 1),
    title         text        not null,
    summary       text        not null,
    links         jsonb       not null,
    datasets      jsonb       not null,
    licence       text        not null,
    artifact_ids  uuid[]      not null,
    submitted_by  uuid        not null references users (id),
    submitted_at  timestamptz not null default now(),
    primary key (submission_id, number)
);

create or replace function submission_versions_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'submission versions are immutable';
end $$;
create trigger submission_versions_no_update before update on submission_versions
    for each row execute function submission_versions_immutable();
