alter table teams add column challenges_entered int not null default 0 check (challenges_entered >= 0);

create table team_challenges (
    team_id      uuid        not null references teams (id) on delete cascade,
    challenge_id uuid        not null references challenges (id) on delete cascade,
    event_id     uuid        not null references events (id) on delete cascade,
    entered_at   timestamptz not null default now(),
    primary key (team_id, challenge_id)
);
create index team_challenges_challenge_idx on team_challenges (challenge_id);

-- One counter row per challenge; the cap on teams per challenge is a conditional update on it.
create table challenge_team_counts (
    challenge_id uuid primary key references challenges (id) on delete cascade,
    teams        int  not null default 0 check (teams >= 0)
);
