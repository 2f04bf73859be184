-- One row per event, phase and edge once its reminder went out: the primary key makes the
-- reminder go out once, however many instances run the job.
create table phase_reminders (
    event_id uuid        not null references events (id) on delete cascade,
    phase    text        not null,
    edge     text        not null check (edge in ('OPENING', 'CLOSING')),
    at       timestamptz not null,
    sent_at  timestamptz not null default now(),
    primary key (event_id, phase, edge, at)
);
