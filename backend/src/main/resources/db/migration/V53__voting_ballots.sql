-- Voting: the public's ballots, the per-voter caps, the tallies and the per-event HMAC keys.
--
-- A ballot is cast with voting_cast(...) and retracted with voting_retract(...), one statement
-- each. Both lock the voter's cap row first, so casts and retracts of one voter in one scope are
-- serialised and the cap holds under any concurrency. Their refusals carry their own SQLSTATE:
--   VC001  the voting window is not open at the database's now()
--   VC002  the voter's cap in this scope is reached (live ballots only)
--   VC003  the voter has a live ballot for this submission already
--   VC004  no such ballot of this voter
--   VC005  the ballot is retracted already
-- Ballots are never deleted (only by a cascade, when the event or submission goes): a retract
-- sets retracted_at, fraud review flips status (VALID/INVALID). Tallies follow both by trigger.

-- The key that hashes client addresses and user agents of an event's ballots (HMAC-SHA256).
-- It is replaced (generation + 1) when the event is archived, so that hashes can no longer be
-- linked to new traffic; ballots record the generation they were hashed with.
create table voting_keys (
    event_id    uuid primary key references events (id) on delete cascade,
    generation  int         not null default 1 check (generation >= 1),
    secret      bytea       not null
        default (uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()))
        check (length(secret) = 32),
    created_at  timestamptz not null default now(),
    -- set when the key was rotated because the event was archived
    archived_at timestamptz
);

create table voting_ballots (
    id               uuid primary key default gen_random_uuid(),
    event_id         uuid        not null references events (id) on delete cascade,
    challenge_id     uuid        not null references challenges (id) on delete cascade,
    submission_id    uuid        not null references submissions (id) on delete cascade,
    -- the submission's counted version when the ballot was cast
    version_number   int         not null check (version_number >= 1),
    voter_id         uuid        not null references users (id),
    -- the cap row this ballot counts against: the challenge (PER_CHALLENGE) or the event
    cap_scope_id     uuid        not null,
    cast_at          timestamptz not null default now(),
    retracted_at     timestamptz,
    status           text        not null default 'VALID' check (status in ('VALID', 'INVALID')),
    invalidated_at   timestamptz,
    invalidated_by   uuid references users (id),
    invalid_reason   text check (invalid_reason is null or length(invalid_reason) between 1 and 1000),
    -- HMAC-SHA256 with the event's key of the given generation; never the raw values
    key_generation   int         not null check (key_generation >= 1),
    ip_hash          bytea       not null check (length(ip_hash) = 32),
    ua_hash          bytea       not null check (length(ua_hash) = 32),
    constraint voting_ballots_invalid_fields check (
        (status = 'VALID' and invalidated_at is null and invalid_reason is null
            and invalidated_by is null)
        or (status = 'INVALID' and invalidated_at is not null and invalid_reason is not null)),
    constraint voting_ballots_retracted_after_cast check (
        retracted_at is null or retracted_at >= cast_at)
);
-- one live ballot per voter and submission (retracted ones stay as evidence)
create unique index voting_ballots_live_uq on voting_ballots (voter_id, submission_id)
    where retracted_at is null;
create index voting_ballots_voter_idx on voting_ballots (voter_id, event_id, cast_at);
create index voting_ballots_event_cast_idx on voting_ballots (event_id, cast_at);
create index voting_ballots_submission_cast_idx on voting_ballots (submission_id, cast_at);
create index voting_ballots_event_ip_idx on voting_ballots (event_id, ip_hash);

-- Live ballots per voter and scope. The row is the lock that serialises one voter's casts.
create table voting_caps (
    voter_id uuid not null references users (id),
    scope_id uuid not null,
    event_id uuid not null references events (id) on delete cascade,
    used     int  not null default 0 check (used >= 0),
    primary key (voter_id, scope_id)
);
create index voting_caps_event_idx on voting_caps (event_id);

-- Valid, live ballots per submission, spread over 16 shards so that a popular submission is not
-- one hot row; a tally is the sum of its shards.
create table voting_tallies (
    submission_id uuid     not null references submissions (id) on delete cascade,
    shard         smallint not null check (shard between 0 and 15),
    event_id      uuid     not null references events (id) on delete cascade,
    challenge_id  uuid     not null references challenges (id) on delete cascade,
    votes         int      not null default 0 check (votes >= 0),
    primary key (submission_id, shard)
);
create index voting_tallies_event_idx on voting_tallies (event_id, challenge_id);

-- Whether a ballot counts in the tallies: valid and not retracted.
create or replace function voting_ballot_counts(status text, retracted_at timestamptz)
    returns int language sql immutable as $$
    select case when status = 'VALID' and retracted_at is null then 1 else 0 end
$$;

-- Evidence never changes: only retracted_at (once, from null) and the validity fields may.
create or replace function voting_ballots_guard() returns trigger language plpgsql as $$
begin
    if new.id <> old.id or new.event_id <> old.event_id or new.challenge_id <> old.challenge_id
        or new.submission_id <> old.submission_id or new.version_number <> old.version_number
        or new.voter_id <> old.voter_id or new.cap_scope_id <> old.cap_scope_id
        or new.cast_at <> old.cast_at or new.key_generation <> old.key_generation
        or new.ip_hash <> old.ip_hash or new.ua_hash <> old.ua_hash then
        raise exception 'a ballot''s evidence is immutable' using errcode = 'P0409';
    end if;
    if old.retracted_at is not null
        and new.retracted_at is distinct from old.retracted_at then
        raise exception 'a retract is final' using errcode = 'P0409';
    end if;
    return new;
end $$;
create trigger voting_ballots_guard before update on voting_ballots
    for each row execute function voting_ballots_guard();

-- Keeps voting_tallies equal to the count of valid, live ballots. A change of status (fraud
-- review) also notifies the event's tally listeners; PostgreSQL folds the notifications of one
-- transaction into one per event. Casts and retracts are notified, coalesced, by the application.
create or replace function voting_ballots_tally() returns trigger language plpgsql as $$
declare
    delta int;
begin
    if tg_op = 'INSERT' then
        delta := voting_ballot_counts(new.status, new.retracted_at);
    else
        delta := voting_ballot_counts(new.status, new.retracted_at)
                 - voting_ballot_counts(old.status, old.retracted_at);
        if new.status <> old.status then
            perform pg_notify('voting_tallies', new.event_id::text);
        end if;
    end if;
    if delta <> 0 then
        insert into voting_tallies as t (submission_id, shard, event_id, challenge_id, votes)
        values (new.submission_id, get_byte(uuid_send(new.id), 15) & 15, new.event_id,
                new.challenge_id, greatest(delta, 0))
        on conflict (submission_id, shard) do update set votes = t.votes + delta;
    end if;
    return null;
end $$;
create trigger voting_ballots_tally after insert or update of status, retracted_at
    on voting_ballots for each row execute function voting_ballots_tally();

-- Casts a ballot: the caller has checked eligibility and passes the submission's place, the cap
-- and the voting window; the window is checked here against the database's clock.
create or replace function voting_cast(
    p_event uuid, p_challenge uuid, p_submission uuid, p_version int, p_voter uuid,
    p_cap_scope uuid, p_cap int, p_opens_at timestamptz, p_closes_at timestamptz,
    p_key_generation int, p_ip_hash bytea, p_ua_hash bytea)
    returns voting_ballots language plpgsql as $$
declare
    used_now int;
    ballot voting_ballots;
begin
    if now() < p_opens_at or now() >= p_closes_at then
        raise exception 'voting is not open' using errcode = 'VC001';
    end if;
    insert into voting_caps (voter_id, scope_id, event_id) values (p_voter, p_cap_scope, p_event)
        on conflict (voter_id, scope_id) do nothing;
    select used into used_now from voting_caps
        where voter_id = p_voter and scope_id = p_cap_scope for update;
    if exists (select 1 from voting_ballots
               where voter_id = p_voter and submission_id = p_submission
                 and retracted_at is null) then
        raise exception 'already voted for %', p_submission using errcode = 'VC003';
    end if;
    if used_now >= p_cap then
        raise exception 'cap % reached', p_cap using errcode = 'VC002';
    end if;
    update voting_caps set used = used + 1 where voter_id = p_voter and scope_id = p_cap_scope;
    insert into voting_ballots (event_id, challenge_id, submission_id, version_number, voter_id,
                                cap_scope_id, key_generation, ip_hash, ua_hash)
    values (p_event, p_challenge, p_submission, p_version, p_voter, p_cap_scope,
            p_key_generation, p_ip_hash, p_ua_hash)
    returning * into ballot;
    return ballot;
end $$;

-- Retracts a live ballot of the voter (VC004 when the voter has no such ballot in the event).
create or replace function voting_retract(
    p_ballot uuid, p_voter uuid, p_event uuid, p_opens_at timestamptz, p_closes_at timestamptz)
    returns voting_ballots language plpgsql as $$
declare
    ballot voting_ballots;
begin
    select * into ballot from voting_ballots
        where id = p_ballot and voter_id = p_voter and event_id = p_event;
    if not found then
        raise exception 'no ballot %', p_ballot using errcode = 'VC004';
    end if;
    if now() < p_opens_at or now() >= p_closes_at then
        raise exception 'voting is not open' using errcode = 'VC001';
    end if;
    perform 1 from voting_caps
        where voter_id = ballot.voter_id and scope_id = ballot.cap_scope_id for update;
    update voting_ballots set retracted_at = now()
        where id = p_ballot and retracted_at is null
        returning * into ballot;
    if not found then
        raise exception 'ballot % is retracted already', p_ballot using errcode = 'VC005';
    end if;
    update voting_caps set used = used - 1
        where voter_id = ballot.voter_id and scope_id = ballot.cap_scope_id;
    return ballot;
end $$;
