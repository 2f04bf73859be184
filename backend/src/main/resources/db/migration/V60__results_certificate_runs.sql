-- An event's certificate runs (issue 15, item 3). A run asks every certificate source of the
-- results module for the certificates due (COLLECTING), records one item per due certificate,
-- then works the items off (ISSUING) until none is pending (DONE). Items are claimed with
-- FOR UPDATE SKIP LOCKED, so several instances share a run and never issue one twice; an item
-- claimed by an instance that died is claimed again once its claim is stale.
create table results_certificate_runs (
    id            uuid primary key default gen_random_uuid(),
    event_id      uuid        not null references events (id) on delete cascade,
    language      text        not null check (language in ('es', 'en')),
    state         text        not null default 'COLLECTING'
                              check (state in ('COLLECTING', 'ISSUING', 'DONE')),
    requested_by  uuid        not null,
    created_at    timestamptz not null default now(),
    collected_at  timestamptz,
    finished_at   timestamptz,
    check ((state = 'DONE') = (finished_at is not null)),
    check (state = 'COLLECTING' or collected_at is not null)
);
-- One unfinished run per event: a second start answers the run in progress.
create unique index results_certificate_runs_active_uq
    on results_certificate_runs (event_id) where state <> 'DONE';
create index results_certificate_runs_event_idx on results_certificate_runs (event_id, created_at);

-- One certificate due in a run, with the texts to print. A failure keeps a reason code, never a
-- stack trace.
create table results_certificate_items (
    id             uuid primary key default gen_random_uuid(),
    run_id         uuid        not null references results_certificate_runs (id) on delete cascade,
    kind           text        not null check (kind ~ '^[a-z][a-z0-9-]{1,39}$'),
    subject_id     uuid        not null,
    recipient_id   uuid        not null,
    recipient_name text        not null check (length(recipient_name) between 1 and 300),
    achievement    text        not null check (length(achievement) between 1 and 1000),
    context        text        not null check (length(context) between 1 and 300),
    language       text        not null check (language in ('es', 'en')),
    state          text        not null default 'PENDING'
                               check (state in ('PENDING', 'WORKING', 'DONE', 'FAILED')),
    claimed_at     timestamptz,
    code           text        check (code is null or code ~ '^[A-Z2-7]{26}$'),
    reason         text        check (reason is null or reason ~ '^[a-z][a-z0-9-]{1,59}$'),
    finished_at    timestamptz,
    check ((state = 'DONE') = (code is not null)),
    check ((state = 'FAILED') = (reason is not null)),
    check ((state = 'WORKING') = (claimed_at is not null)),
    unique (run_id, kind, subject_id, recipient_id)
);
create index results_certificate_items_open_idx
    on results_certificate_items (run_id) where state in ('PENDING', 'WORKING');

-- The certificates an event's runs issued, once each: what organizers list and page through.
create table results_certificate_issued (
    id             uuid primary key default gen_random_uuid(),
    event_id       uuid        not null references events (id) on delete cascade,
    kind           text        not null,
    subject_id     uuid        not null,
    recipient_id   uuid        not null,
    recipient_name text        not null,
    language       text        not null,
    code           text        not null unique,
    created_at     timestamptz not null default now(),
    unique (kind, subject_id, recipient_id)
);
create index results_certificate_issued_page_idx
    on results_certificate_issued (event_id, created_at, id);
