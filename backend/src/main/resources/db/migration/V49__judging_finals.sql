-- Judging: marks checked against their rubric, and the finals (finalists, the judges' rankings).

-- Marks are {"<key>": {"value": 4, "comment": "…"}}: every key one of the rubric's criteria, every
-- value an integer on the criterion's scale (a draft may leave a value out); complete when every
-- criterion has a value.
create or replace function judging_marks_valid(marks jsonb, criteria jsonb, complete boolean)
    returns boolean language plpgsql immutable as $$
declare
    k text;
    m jsonb;
    c jsonb;
begin
    if jsonb_typeof(marks) <> 'object' then
        return false;
    end if;
    for k, m in select * from jsonb_each(marks) loop
        select x into c from jsonb_array_elements(criteria) x where x ->> 'key' = k;
        if c is null or jsonb_typeof(m) <> 'object' then
            return false;
        end if;
        if m ? 'value' and jsonb_typeof(m -> 'value') <> 'null' then
            if jsonb_typeof(m -> 'value') <> 'number'
                or (m ->> 'value')::numeric <> trunc((m ->> 'value')::numeric)
                or (m ->> 'value')::numeric < (c ->> 'min')::numeric
                or (m ->> 'value')::numeric > (c ->> 'max')::numeric then
                return false;
            end if;
        end if;
    end loop;
    if complete then
        for c in select * from jsonb_array_elements(criteria) loop
            if jsonb_typeof(marks -> (c ->> 'key') -> 'value') is distinct from 'number' then
                return false;
            end if;
        end loop;
    end if;
    return true;
end $$;

create or replace function judging_scores_marks_check() returns trigger language plpgsql as $$
begin
    if not judging_marks_valid(new.marks,
            (select criteria from judging_rubrics where id = new.rubric_id),
            new.status = 'SUBMITTED') then
        raise exception 'marks do not fit rubric %', new.rubric_id using errcode = 'P0422';
    end if;
    return new;
end $$;
create trigger judging_scores_marks_valid before insert or update on judging_scores
    for each row execute function judging_scores_marks_check();

-- A challenge's finalist list: proposed from the round-1 ranking, then confirmed or adjusted by an
-- organizer with a reason (the audit log keeps each change).
create table judging_finals (
    challenge_id uuid primary key references challenges (id) on delete cascade,
    event_id     uuid        not null references events (id) on delete cascade,
    reason       text        check (reason is null or length(reason) between 1 and 1000),
    confirmed_by uuid        not null references users (id),
    confirmed_at timestamptz not null default now(),
    version      bigint      not null default 0
);
create index judging_finals_event_idx on judging_finals (event_id);

create table judging_finalists (
    challenge_id  uuid    not null references judging_finals (challenge_id) on delete cascade,
    submission_id uuid    not null references submissions (id) on delete cascade,
    position      int     not null check (position >= 1),
    round1_rank   int     check (round1_rank is null or round1_rank >= 1),
    round1_score  double precision,
    source        text    not null check (source in ('RANKING', 'ORGANIZER')),
    primary key (challenge_id, submission_id),
    constraint judging_finalists_position_uq unique (challenge_id, position)
        deferrable initially deferred
);

-- One judge's complete ranking of a challenge's finalists, best first.
create table judging_final_ballots (
    id           uuid primary key default gen_random_uuid(),
    event_id     uuid        not null references events (id) on delete cascade,
    challenge_id uuid        not null references judging_finals (challenge_id) on delete cascade,
    judge_id     uuid        not null references users (id),
    ranking      uuid[]      not null,
    submitted_at timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    version      bigint      not null default 0,
    constraint judging_final_ballots_uq unique (challenge_id, judge_id)
);

-- A ballot ranks every finalist exactly once, and its judge has no conflict with any of them.
create or replace function judging_final_ballot_check() returns trigger language plpgsql as $$
begin
    if cardinality(new.ranking) <> (select count(*) from judging_finalists
                                    where challenge_id = new.challenge_id)
        or cardinality(new.ranking) <> (select count(distinct r) from unnest(new.ranking) r)
        or exists (select 1 from unnest(new.ranking) r
                   where not exists (select 1 from judging_finalists f
                                     where f.challenge_id = new.challenge_id
                                       and f.submission_id = r)) then
        raise exception 'ballot must rank every finalist once' using errcode = 'P0422';
    end if;
    if exists (select 1 from judging_conflicts c
               where c.judge_id = new.judge_id and c.lifted_at is null
                 and c.submission_id = any (new.ranking)) then
        raise exception 'judge % has a conflict with a finalist', new.judge_id
            using errcode = 'P0403';
    end if;
    return new;
end $$;
create trigger judging_final_ballots_valid before insert or update on judging_final_ballots
    for each row execute function judging_final_ballot_check();

-- The finalists never change once a judge has ranked them.
create or replace function judging_finalists_frozen() returns trigger language plpgsql as $$
declare
    challenge uuid := case when tg_op = 'DELETE' then old.challenge_id else new.challenge_id end;
begin
    -- a cascade (the challenge or event deleted) takes ballots and finalists together
    if tg_op = 'DELETE' and pg_trigger_depth() > 1 then
        return old;
    end if;
    if exists (select 1 from judging_final_ballots where challenge_id = challenge) then
        raise exception 'finalists of challenge % are ranked already', challenge
            using errcode = 'P0409';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger judging_finalists_frozen before insert or update or delete on judging_finalists
    for each row execute function judging_finalists_frozen();
