-- Voting: a cast or a retract is counted against the voter's and the client address's rate limits
-- in the same statement that casts or retracts, so a vote is one round trip to the database.
--
-- Before, the limits were counted by a statement of their own (common's rate_limit_counters). Now
-- voting keeps its counters here, keyed 'vote:user:<voter id>' and 'vote:ip:<ip hash in hex>'
-- (the HMAC of the client address under the event's key, as on the ballot: no raw address is
-- stored). A refused request still counts, so the statements below return refusals as values
-- (column refusal: the SQLSTATEs of V53, VC001..VC005) instead of raising, and their counters
-- commit. Retry-after (seconds) is positive when a limit is over; nothing else happens then.

create table voting_rate_counters (
    key        text        primary key check (length(key) between 1 and 200),
    window_end timestamptz not null,
    count      int         not null check (count >= 1)
);
create index voting_rate_counters_end_idx on voting_rate_counters (window_end);

-- Counts one request against the voter's and the address's keys (locked in key order, so two
-- requests that share keys never wait on each other in a cycle). Returns the longest wait in
-- seconds among the keys over their limits, 0 when every key is within. Null limits: not counted.
create or replace function voting_count_request(
    p_voter uuid, p_ip_hash bytea, p_per_voter int, p_per_ip int, p_window_secs double precision)
    returns bigint language plpgsql as $$
declare
    wait bigint;
begin
    if p_per_voter is null or p_per_ip is null then
        return 0;
    end if;
    with limits (key, lim) as (
        values ('vote:user:' || p_voter::text, p_per_voter),
               ('vote:ip:' || encode(p_ip_hash, 'hex'), p_per_ip)),
    counted as (
        insert into voting_rate_counters as c (key, window_end, count)
        select key, now() + make_interval(secs => p_window_secs), 1 from limits order by key
        on conflict (key) do update set
            count = case when c.window_end > now() then c.count + 1 else 1 end,
            window_end = case when c.window_end > now() then c.window_end
                else now() + make_interval(secs => p_window_secs) end
        returning c.key, c.count, c.window_end)
    select coalesce(max(greatest(1, ceil(extract(epoch from counted.window_end - now())))), 0)
        into wait
        from counted join limits on limits.key = counted.key
        where counted.count > limits.lim;
    return wait;
end $$;

-- Casts a ballot (as voting_cast in V53), after counting the request.
create or replace function voting_cast_counted(
    p_per_voter int, p_per_ip int, p_window_secs double precision,
    p_event uuid, p_challenge uuid, p_submission uuid, p_version int, p_voter uuid,
    p_cap_scope uuid, p_cap int, p_opens_at timestamptz, p_closes_at timestamptz,
    p_key_generation int, p_ip_hash bytea, p_ua_hash bytea)
    returns table (refusal text, retry_after bigint, id uuid, event_id uuid, challenge_id uuid,
                   submission_id uuid, version_number int, cast_at timestamptz,
                   retracted_at timestamptz)
    language plpgsql as $$
#variable_conflict use_column
declare
    wait bigint;
    used_now int;
    ballot voting_ballots;
begin
    wait := voting_count_request(p_voter, p_ip_hash, p_per_voter, p_per_ip, p_window_secs);
    if wait > 0 then
        return query select null::text, wait, null::uuid, null::uuid, null::uuid, null::uuid,
            null::int, null::timestamptz, null::timestamptz;
        return;
    end if;
    if now() < p_opens_at or now() >= p_closes_at then
        return query select 'VC001'::text, 0::bigint, null::uuid, null::uuid, null::uuid,
            null::uuid, null::int, null::timestamptz, null::timestamptz;
        return;
    end if;
    insert into voting_caps as c (voter_id, scope_id, event_id)
        values (p_voter, p_cap_scope, p_event)
        on conflict (voter_id, scope_id) do nothing;
    select c.used into used_now from voting_caps c
        where c.voter_id = p_voter and c.scope_id = p_cap_scope for update;
    if exists (select 1 from voting_ballots b
               where b.voter_id = p_voter and b.submission_id = p_submission
                 and b.retracted_at is null) then
        return query select 'VC003'::text, 0::bigint, null::uuid, null::uuid, null::uuid,
            null::uuid, null::int, null::timestamptz, null::timestamptz;
        return;
    end if;
    if used_now >= p_cap then
        return query select 'VC002'::text, 0::bigint, null::uuid, null::uuid, null::uuid,
            null::uuid, null::int, null::timestamptz, null::timestamptz;
        return;
    end if;
    update voting_caps c set used = c.used + 1
        where c.voter_id = p_voter and c.scope_id = p_cap_scope;
    insert into voting_ballots (event_id, challenge_id, submission_id, version_number, voter_id,
                                cap_scope_id, key_generation, ip_hash, ua_hash)
    values (p_event, p_challenge, p_submission, p_version, p_voter, p_cap_scope,
            p_key_generation, p_ip_hash, p_ua_hash)
    returning * into ballot;
    return query select null::text, 0::bigint, ballot.id, ballot.event_id, ballot.challenge_id,
        ballot.submission_id, ballot.version_number, ballot.cast_at, ballot.retracted_at;
end $$;

-- Retracts a live ballot of the voter (as voting_retract in V53), after counting the request.
create or replace function voting_retract_counted(
    p_per_voter int, p_per_ip int, p_window_secs double precision, p_ip_hash bytea,
    p_ballot uuid, p_voter uuid, p_event uuid, p_opens_at timestamptz, p_closes_at timestamptz)
    returns table (refusal text, retry_after bigint, id uuid, event_id uuid, challenge_id uuid,
                   submission_id uuid, version_number int, cast_at timestamptz,
                   retracted_at timestamptz)
    language plpgsql as $$
#variable_conflict use_column
declare
    wait bigint;
    ballot voting_ballots;
    code text;
begin
    wait := voting_count_request(p_voter, p_ip_hash, p_per_voter, p_per_ip, p_window_secs);
    if wait > 0 then
        code := null;
    else
        select * into ballot from voting_ballots b
            where b.id = p_ballot and b.voter_id = p_voter and b.event_id = p_event;
        if not found then
            code := 'VC004';
        elsif now() < p_opens_at or now() >= p_closes_at then
            code := 'VC001';
        else
            perform 1 from voting_caps c
                where c.voter_id = ballot.voter_id and c.scope_id = ballot.cap_scope_id
                for update;
            update voting_ballots b set retracted_at = now()
                where b.id = p_ballot and b.retracted_at is null
                returning * into ballot;
            if not found then
                code := 'VC005';
            else
                update voting_caps c set used = c.used - 1
                    where c.voter_id = ballot.voter_id and c.scope_id = ballot.cap_scope_id;
                return query select null::text, 0::bigint, ballot.id, ballot.event_id,
                    ballot.challenge_id, ballot.submission_id, ballot.version_number,
                    ballot.cast_at, ballot.retracted_at;
                return;
            end if;
        end if;
    end if;
    return query select code, coalesce(wait, 0), null::uuid, null::uuid, null::uuid, null::uuid,
        null::int, null::timestamptz, null::timestamptz;
end $$;

-- The statements above replace these.
drop function voting_cast(uuid, uuid, uuid, int, uuid, uuid, int, timestamptz, timestamptz, int,
                          bytea, bytea);
drop function voting_retract(uuid, uuid, uuid, timestamptz, timestamptz);
