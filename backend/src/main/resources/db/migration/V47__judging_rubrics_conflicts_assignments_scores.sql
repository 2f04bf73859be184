-- Judging, round 1: rubrics, conflicts of interest, assignments and scores.
-- Finals and pairwise judging have their own migrations.

-- A rubric's criteria: a non-empty array of
--   {"key": "impact", "name": {"es": "…", "en": "…"}, "description": {"es": "…", "en": "…"},
--    "weight": 25, "min": 1, "max": 5, "levels": [{"level": 1, "label": {"es": "…", "en": "…"}}]}
-- with unique keys, integer weights above zero that sum to 100, and integer scales min < max.
create or replace function judging_criteria_valid(criteria jsonb) returns boolean
    language plpgsql immutable as $$
declare
    c jsonb;
    total int := 0;
    keys text[] := '{}';
begin
    if criteria is null or jsonb_typeof(criteria) <> 'array' or jsonb_array_length(criteria) = 0
        or jsonb_array_length(criteria) > 20 then
        return false;
    end if;
    for c in select * from jsonb_array_elements(criteria) loop
        if jsonb_typeof(c -> 'key') <> 'string' or (c ->> 'key') !~ '^[a-z][a-z0-9_]{0,39}$'
            or (c ->> 'key') = any (keys)
            or jsonb_typeof(c -> 'weight') <> 'number' or jsonb_typeof(c -> 'min') <> 'number'
            or jsonb_typeof(c -> 'max') <> 'number' then
            return false;
        end if;
        if (c ->> 'weight')::numeric <> trunc((c ->> 'weight')::numeric)
            or (c ->> 'min')::numeric <> trunc((c ->> 'min')::numeric)
            or (c ->> 'max')::numeric <> trunc((c ->> 'max')::numeric)
            or (c ->> 'weight')::int <= 0 or (c ->> 'min')::int >= (c ->> 'max')::int then
            return false;
        end if;
        keys := keys || (c ->> 'key');
        total := total + (c ->> 'weight')::int;
    end loop;
    return total = 100;
end $$;

-- An event's rubric (challenge_id null) or a challenge's override. An event without a row judges
-- on the default rubric; the row is written when a rubric is first set or first scored against.
create table judging_rubrics (
    id           uuid primary key default gen_random_uuid(),
    event_id     uuid        not null references events (id) on delete cascade,
    challenge_id uuid        references challenges (id) on delete cascade,
    criteria     jsonb       not null,
    version      bigint      not null default 0,
    updated_by   uuid        references users (id),
    updated_at   timestamptz not null default now(),
    constraint judging_rubrics_criteria_valid check (judging_criteria_valid(criteria))
);
create unique index judging_rubrics_event_uq on judging_rubrics (event_id)
    where challenge_id is null;
create unique index judging_rubrics_challenge_uq on judging_rubrics (challenge_id)
    where challenge_id is not null;

-- A judge's conflict with one submission (its team and challenge). Rows are never deleted: an
-- organizer lifts a conflict, with a reason. Automatic ones are found from team membership,
-- mentoring and publisher membership; judges declare more; organizers add them.
create table judging_conflicts (
    id            uuid primary key default gen_random_uuid(),
    event_id      uuid        not null references events (id) on delete cascade,
    submission_id uuid        not null references submissions (id) on delete cascade,
    judge_id      uuid        not null references users (id),
    source        text        not null check (source in
                                  ('TEAM_MEMBER', 'MENTOR', 'PUBLISHER', 'DECLARED', 'ORGANIZER')),
    reason        text        not null check (length(reason) between 1 and 1000),
    created_by    uuid        references users (id),
    created_at    timestamptz not null default now(),
    lifted_at     timestamptz,
    lifted_by     uuid        references users (id),
    lift_reason   text        check (lift_reason is null or length(lift_reason) between 1 and 1000),
    constraint judging_conflicts_lift check (
        (lifted_at is null and lifted_by is null and lift_reason is null)
        or (lifted_at is not null and lifted_by is not null and lift_reason is not null)),
    constraint judging_conflicts_uq unique (submission_id, judge_id, source)
);
create index judging_conflicts_active_idx on judging_conflicts (event_id, judge_id)
    where lifted_at is null;

-- Round 1: who judges which counted version. A removed or reassigned assignment goes; a score
-- already given stays (scores do not reference assignments).
create table judging_assignments (
    event_id       uuid        not null references events (id) on delete cascade,
    challenge_id   uuid        not null references challenges (id) on delete cascade,
    submission_id  uuid        not null references submissions (id) on delete cascade,
    version_number int         not null check (version_number >= 1),
    judge_id       uuid        not null references users (id),
    assigned_by    uuid        references users (id),
    assigned_at    timestamptz not null default now(),
    primary key (submission_id, judge_id)
);
create index judging_assignments_judge_idx on judging_assignments (event_id, judge_id);
create index judging_assignments_challenge_idx on judging_assignments (event_id, challenge_id);

-- One judge's score of one submission: a draft, then submitted. The marks are
-- {"<criterion key>": {"value": 4, "comment": "…"}} against the rubric it names; total is the
-- weighted total on 0..100, set on submission.
create table judging_scores (
    id             uuid primary key default gen_random_uuid(),
    event_id       uuid        not null references events (id) on delete cascade,
    challenge_id   uuid        not null references challenges (id) on delete cascade,
    submission_id  uuid        not null references submissions (id) on delete cascade,
    version_number int         not null check (version_number >= 1),
    judge_id       uuid        not null references users (id),
    rubric_id      uuid        not null references judging_rubrics (id),
    marks          jsonb       not null default '{}'::jsonb,
    comment        text        check (comment is null or length(comment) <= 10000),
    status         text        not null check (status in ('DRAFT', 'SUBMITTED')),
    total          numeric(7, 4) check (total is null or total between 0 and 100),
    submitted_at   timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    version        bigint      not null default 0,
    constraint judging_scores_submitted check (
        (status = 'DRAFT' and submitted_at is null and total is null)
        or (status = 'SUBMITTED' and submitted_at is not null and total is not null)),
    constraint judging_scores_uq unique (submission_id, judge_id)
);
create index judging_scores_judge_idx on judging_scores (event_id, judge_id);
create index judging_scores_challenge_idx on judging_scores (event_id, challenge_id);

-- A rubric never changes once a score exists against it: a judge never scores against a moving
-- target. Nor may a challenge gain an override once its submissions are scored on the event's.
create or replace function judging_rubric_frozen() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.criteria is distinct from
        (case when tg_op = 'UPDATE' then new.criteria else null end)
        and exists (select 1 from judging_scores where rubric_id = old.id) then
        raise exception 'judging rubric % is in use by scores', old.id
            using errcode = 'P0409';
    end if;
    if tg_op = 'INSERT' and new.challenge_id is not null
        and exists (select 1 from judging_scores where challenge_id = new.challenge_id) then
        raise exception 'challenge % is already scored', new.challenge_id
            using errcode = 'P0409';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger judging_rubrics_frozen before insert or update or delete on judging_rubrics
    for each row execute function judging_rubric_frozen();

-- A conflicted judge is never assigned, and never scores, the submission.
create or replace function judging_not_conflicted() returns trigger language plpgsql as $$
begin
    if exists (select 1 from judging_conflicts c
               where c.submission_id = new.submission_id and c.judge_id = new.judge_id
                 and c.lifted_at is null) then
        raise exception 'judge % has a conflict with submission %', new.judge_id, new.submission_id
            using errcode = 'P0403';
    end if;
    return new;
end $$;
create trigger judging_assignments_not_conflicted before insert or update on judging_assignments
    for each row execute function judging_not_conflicted();
create trigger judging_scores_not_conflicted before insert or update on judging_scores
    for each row execute function judging_not_conflicted();
