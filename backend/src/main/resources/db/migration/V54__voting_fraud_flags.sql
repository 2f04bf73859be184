-- Voting fraud review: flags raised by the detectors, the ballots each flag names, and what
-- organizers did about them. Ballots themselves are never deleted: a review flips their status
-- (VALID/INVALID) and voting_ballots' trigger moves the tallies. See docs/voting-fraud.md.

-- A flag: what a detector saw (kind), about what (subject: a submission id for BURST, an IP
-- hash for SHARED_IP, the hash of a cluster's submissions for NEW_ACCOUNT_CLUSTER), how
-- suspicious (score, higher is worse) and the evidence in the documented JSON shape of its kind.
-- At most one OPEN flag per event, kind and subject: a later scan that sees the same thing adds
-- its new ballots to that flag instead of raising another.
create table voting_fraud_flags (
    id          uuid primary key default gen_random_uuid(),
    event_id    uuid             not null references events (id) on delete cascade,
    kind        text             not null
        check (kind in ('BURST', 'SHARED_IP', 'NEW_ACCOUNT_CLUSTER')),
    subject     text             not null check (length(subject) between 1 and 200),
    status      text             not null default 'OPEN'
        check (status in ('OPEN', 'CONFIRMED', 'DISMISSED')),
    score       double precision not null check (score >= 0),
    evidence    jsonb            not null check (jsonb_typeof(evidence) = 'object'),
    raised_at   timestamptz      not null default now(),
    updated_at  timestamptz      not null default now(),
    reviewed_at timestamptz,
    reviewed_by uuid references users (id),
    constraint voting_fraud_flags_reviewed check ((status = 'OPEN') = (reviewed_at is null))
);
create unique index voting_fraud_flags_open_uq on voting_fraud_flags (event_id, kind, subject)
    where status = 'OPEN';
create index voting_fraud_flags_event_idx on voting_fraud_flags (event_id, raised_at, id);
create index voting_fraud_flags_subject_idx on voting_fraud_flags (event_id, kind, subject);

create table voting_fraud_flag_ballots (
    flag_id   uuid not null references voting_fraud_flags (id) on delete cascade,
    ballot_id uuid not null references voting_ballots (id) on delete cascade,
    primary key (flag_id, ballot_id)
);
create index voting_fraud_flag_ballots_ballot_idx on voting_fraud_flag_ballots (ballot_id);

-- A review: an organizer invalidated or restored ballots (by flag or by ids), or dismissed a
-- flag, always with a reason. Rows are never changed; the audit log has a line for each too.
create table voting_reviews (
    id       uuid primary key default gen_random_uuid(),
    event_id uuid        not null references events (id) on delete cascade,
    action   text        not null check (action in ('INVALIDATE', 'RESTORE', 'DISMISS')),
    flag_id  uuid references voting_fraud_flags (id) on delete cascade,
    reason   text        not null check (length(btrim(reason)) between 1 and 1000),
    actor_id uuid references users (id),
    at       timestamptz not null default now(),
    constraint voting_reviews_dismiss_flag check (action <> 'DISMISS' or flag_id is not null)
);
create index voting_reviews_event_idx on voting_reviews (event_id, at);
create index voting_reviews_flag_idx on voting_reviews (flag_id);

create table voting_review_ballots (
    review_id uuid not null references voting_reviews (id) on delete cascade,
    ballot_id uuid not null references voting_ballots (id) on delete cascade,
    primary key (review_id, ballot_id)
);
create index voting_review_ballots_ballot_idx on voting_review_ballots (ballot_id);

create or replace function voting_reviews_unchanged() returns trigger language plpgsql as $$
begin
    raise exception 'voting reviews are never changed' using errcode = 'P0409';
end $$;
create trigger voting_reviews_no_update before update on voting_reviews
    for each row execute function voting_reviews_unchanged();
create trigger voting_review_ballots_no_update before update on voting_review_ballots
    for each row execute function voting_reviews_unchanged();

-- When the detectors last looked at an event and how many ballot rows (of any status) it had
-- then, so that the periodic scan runs again only once the event has new ballots.
create table voting_fraud_scans (
    event_id   uuid primary key references events (id) on delete cascade,
    scanned_at timestamptz not null,
    ballots    int         not null check (ballots >= 0),
    findings   int         not null check (findings >= 0)
);
