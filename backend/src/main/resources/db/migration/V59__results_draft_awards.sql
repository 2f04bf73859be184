-- Results: an event's embargoed draft (the ranking built from judging and voting, with
-- disqualifications and awards) and its publication.
--
-- results_editions holds one row per event once a draft is built. The results are public while
-- publish_at is set and has passed: the clock decides, as it does for phases, so a publication
-- set for later needs no job to flip a flag on any instance. announced_at records that the
-- winners were notified for the current publication (a cluster-singleton job does it for a
-- scheduled one); results_notified makes each user's notification happen once per event.
create table results_editions (
    event_id       uuid primary key references events (id) on delete cascade,
    places         int         not null default 3 check (places between 1 and 10),
    overall_winner boolean     not null default false,
    licence        text        not null default 'CC-BY-4.0'
        check (licence ~ '^[A-Za-z0-9.+-]{1,40}$'),
    -- the organizer's choice for certificates of recipients whose language is unknown
    language       text        not null default 'es' check (language in ('es', 'en')),
    built_at       timestamptz not null default now(),
    publish_at     timestamptz,
    announced_at   timestamptz,
    version        bigint      not null default 0,
    updated_by     uuid        references users (id),
    updated_at     timestamptz not null default now(),
    constraint results_editions_announced check (announced_at is null or publish_at is not null)
);
create index results_editions_due_idx on results_editions (publish_at)
    where publish_at is not null and announced_at is null;

-- A submission taken out of the ranking, with the organizer's reason.
create table results_disqualifications (
    event_id      uuid        not null references results_editions (event_id) on delete cascade,
    submission_id uuid        not null references submissions (id) on delete cascade,
    reason        text        not null check (length(btrim(reason)) between 1 and 1000),
    created_by    uuid        references users (id),
    created_at    timestamptz not null default now(),
    primary key (event_id, submission_id)
);

-- The draft's ranking, one row per counted submission, as built last: place (null when
-- unranked or disqualified), the score judging gave, valid People's Choice votes, and the
-- datasets the submission declared ([{"url","title","datasetId","publisherId"}]).
create table results_placements (
    event_id      uuid        not null references results_editions (event_id) on delete cascade,
    submission_id uuid        not null references submissions (id) on delete cascade,
    challenge_id  uuid        not null references challenges (id) on delete cascade,
    team_id       uuid        not null references teams (id) on delete cascade,
    place         int         check (place is null or place >= 1),
    tied          boolean     not null default false,
    score         double precision,
    votes         bigint      not null default 0 check (votes >= 0),
    source        text        not null check (source in ('RUBRIC', 'FINALS', 'PAIRWISE', 'NONE')),
    datasets      jsonb       not null default '[]'::jsonb check (jsonb_typeof(datasets) = 'array'),
    primary key (event_id, submission_id)
);
create index results_placements_order_idx on results_placements (event_id, challenge_id, place);

-- Awards. Built ones (generated = true) are replaced on every build; distinctions are the
-- organizers' own and stay. Each names exactly one kind of target.
create table results_awards (
    id            uuid primary key default gen_random_uuid(),
    event_id      uuid        not null references results_editions (event_id) on delete cascade,
    kind          text        not null check (kind in
                      ('PLACE', 'OVERALL', 'PEOPLES_CHOICE', 'DISTINCTION', 'PUBLISHER', 'DATASET')),
    generated     boolean     not null,
    challenge_id  uuid        references challenges (id) on delete cascade,
    place         int         check (place is null or place >= 1),
    submission_id uuid        references submissions (id) on delete cascade,
    team_id       uuid        references teams (id) on delete cascade,
    publisher_id  uuid        references publishers (id) on delete cascade,
    dataset_id    uuid        references catalog_datasets (id) on delete cascade,
    title_es      text        check (title_es is null or length(btrim(title_es)) between 1 and 200),
    title_en      text        check (title_en is null or length(btrim(title_en)) between 1 and 200),
    reason_es     text        check (reason_es is null or length(btrim(reason_es)) between 1 and 2000),
    reason_en     text        check (reason_en is null or length(btrim(reason_en)) between 1 and 2000),
    uses          int         check (uses is null or uses >= 0),
    created_by    uuid        references users (id),
    created_at    timestamptz not null default now(),
    constraint results_awards_target check (
        (kind in ('PLACE', 'OVERALL', 'PEOPLES_CHOICE')
            and submission_id is not null and team_id is not null
            and publisher_id is null and dataset_id is null)
        or (kind = 'DISTINCTION' and generated = false
            and title_es is not null and title_en is not null
            and reason_es is not null and reason_en is not null
            and submission_id is null and dataset_id is null
            and ((team_id is null) <> (publisher_id is null)))
        or (kind = 'PUBLISHER' and publisher_id is not null and team_id is null)
        or (kind = 'DATASET' and dataset_id is not null and team_id is null)),
    constraint results_awards_place check ((kind = 'PLACE') = (place is not null))
);
create index results_awards_event_idx on results_awards (event_id, kind);

-- Who was told of the event's results: once per user and event, however often it is published.
create table results_notified (
    event_id    uuid        not null references events (id) on delete cascade,
    user_id     uuid        not null references users (id) on delete cascade,
    notified_at timestamptz not null default now(),
    primary key (event_id, user_id)
);
