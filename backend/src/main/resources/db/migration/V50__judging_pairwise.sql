-- Pairwise judging (Crowd Bradley-Terry, as Gavel does it): per challenge, each counted submission
-- is an item with a score N(mu, sigma_sq); each judge has a reliability Beta(alpha, beta), the item
-- they judged last (previous) and the one they were handed (current). Every decision is stored and
-- never changed, so that the ranking can be recomputed from the decisions alone.

create table judging_pairwise_items (
    submission_id  uuid primary key references submissions (id) on delete cascade,
    event_id       uuid             not null references events (id) on delete cascade,
    challenge_id   uuid             not null references challenges (id) on delete cascade,
    version_number int              not null check (version_number >= 1),
    mu             double precision not null default 0,
    sigma_sq       double precision not null default 1 check (sigma_sq > 0),
    -- judges who compared it (a skip is not a view)
    views          int              not null default 0 check (views >= 0),
    prioritized    boolean          not null default false,
    active         boolean          not null default true,
    -- handed to this judge, who alone may be handed it until leased_until
    leased_by      uuid references users (id),
    leased_until   timestamptz,
    constraint judging_pairwise_items_lease check ((leased_by is null) = (leased_until is null))
);
create index judging_pairwise_items_challenge_idx on judging_pairwise_items (challenge_id);

create table judging_pairwise_judges (
    challenge_id     uuid             not null references challenges (id) on delete cascade,
    judge_id         uuid             not null references users (id),
    event_id         uuid             not null references events (id) on delete cascade,
    alpha            double precision not null default 10 check (alpha > 0),
    beta             double precision not null default 1 check (beta > 0),
    previous_id      uuid references judging_pairwise_items (submission_id),
    -- whether previous_id has been compared by this judge yet (it has not when it is the first)
    previous_counted boolean          not null default false,
    current_id       uuid references judging_pairwise_items (submission_id),
    decisions        int              not null default 0 check (decisions >= 0),
    updated_at       timestamptz      not null default now(),
    primary key (challenge_id, judge_id),
    constraint judging_pairwise_judges_distinct check (previous_id is distinct from current_id
        or previous_id is null)
);

-- Items a judge is never handed again: those they saw (compared, or moved past as their first)
-- and those they skipped.
create table judging_pairwise_ignored (
    challenge_id  uuid        not null,
    judge_id      uuid        not null,
    submission_id uuid        not null references judging_pairwise_items (submission_id)
                                  on delete cascade,
    reason        text        not null check (reason in ('SEEN', 'SKIPPED')),
    created_at    timestamptz not null default now(),
    primary key (challenge_id, judge_id, submission_id),
    foreign key (challenge_id, judge_id) references judging_pairwise_judges (challenge_id, judge_id)
        on delete cascade
);

-- Append-only: seq orders the decisions as they were applied (each takes its rows' locks first).
create table judging_pairwise_decisions (
    seq          bigint generated always as identity primary key,
    id           uuid        not null default gen_random_uuid() unique,
    event_id     uuid        not null references events (id),
    challenge_id uuid        not null references challenges (id),
    judge_id     uuid        not null references users (id),
    previous_id  uuid references submissions (id),
    current_id   uuid        not null references submissions (id),
    outcome      text        not null check (outcome in ('CURRENT', 'PREVIOUS', 'SKIP')),
    decided_at   timestamptz not null default now(),
    constraint judging_pairwise_decisions_pair check (outcome = 'SKIP' or previous_id is not null),
    constraint judging_pairwise_decisions_distinct check (previous_id is distinct from current_id)
);
create index judging_pairwise_decisions_challenge_idx
    on judging_pairwise_decisions (challenge_id, seq);

create or replace function judging_pairwise_decisions_append_only() returns trigger
    language plpgsql as $$
begin
    raise exception 'judging_pairwise_decisions is append-only' using errcode = 'P0409';
end $$;
create trigger judging_pairwise_decisions_no_change
    before update or delete on judging_pairwise_decisions
    for each row execute function judging_pairwise_decisions_append_only();

-- A conflicted judge is never handed the item, nor records a decision on it.
create or replace function judging_pairwise_conflicted(judge uuid, a uuid, b uuid) returns boolean
    language sql stable as $$
    select judge is not null and exists (
        select 1 from judging_conflicts c
        where c.judge_id = judge and c.lifted_at is null and c.submission_id in (a, b))
$$;

create or replace function judging_pairwise_lease_not_conflicted() returns trigger
    language plpgsql as $$
begin
    if judging_pairwise_conflicted(new.leased_by, new.submission_id, new.submission_id) then
        raise exception 'judge % has a conflict with submission %', new.leased_by,
            new.submission_id using errcode = 'P0403';
    end if;
    return new;
end $$;
create trigger judging_pairwise_items_not_conflicted
    before update of leased_by on judging_pairwise_items
    for each row execute function judging_pairwise_lease_not_conflicted();

create or replace function judging_pairwise_decision_not_conflicted() returns trigger
    language plpgsql as $$
begin
    if judging_pairwise_conflicted(new.judge_id, new.current_id, new.previous_id) then
        raise exception 'judge % has a conflict with a submission compared', new.judge_id
            using errcode = 'P0403';
    end if;
    return new;
end $$;
create trigger judging_pairwise_decisions_not_conflicted
    before insert on judging_pairwise_decisions
    for each row execute function judging_pairwise_decision_not_conflicted();
