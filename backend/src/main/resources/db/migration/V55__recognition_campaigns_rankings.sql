-- Recognition campaigns (Stage I): a window, a scope of portals and publishers, scoring weights.
-- Publishers and portals belong to catalog: the service checks the ids through CatalogLookup.
create table recognition_campaigns (
    id           uuid primary key default gen_random_uuid(),
    name         text        not null check (btrim(name) <> '' and length(name) <= 200),
    description  text        check (length(description) <= 5000),
    opens_at     timestamptz not null,
    closes_at    timestamptz not null,
    timezone     text        not null,
    w_new_datasets   int     not null check (w_new_datasets between 0 and 100),
    w_quality        int     not null check (w_quality between 0 and 100),
    w_freshness      int     not null check (w_freshness between 0 and 100),
    w_use            int     not null check (w_use between 0 and 100),
    w_trained        int     not null default 0 check (w_trained between 0 and 100),
    w_responsiveness int     not null default 0 check (w_responsiveness between 0 and 100),
    previous_id  uuid references recognition_campaigns (id),
    published_at timestamptz,
    created_by   uuid        not null,
    created_at   timestamptz not null default now(),
    version      bigint      not null default 0,
    constraint recognition_campaigns_window check (opens_at < closes_at),
    constraint recognition_campaigns_weights check (
        w_new_datasets + w_quality + w_freshness + w_use + w_trained + w_responsiveness = 100)
);
create index recognition_campaigns_page_idx on recognition_campaigns (created_at, id);

create table recognition_campaign_portals (
    campaign_id uuid not null references recognition_campaigns (id) on delete cascade,
    portal_id   uuid not null,
    primary key (campaign_id, portal_id)
);

-- Empty for a campaign: every publisher with a dataset on one of its portals.
create table recognition_campaign_publishers (
    campaign_id  uuid not null references recognition_campaigns (id) on delete cascade,
    publisher_id uuid not null,
    primary key (campaign_id, publisher_id)
);

-- One ranking computation: queued, run by the background job with progress, then kept as a
-- snapshot. The final one is computed as of the close and never replaced.
create table recognition_rankings (
    id           uuid primary key default gen_random_uuid(),
    campaign_id  uuid        not null references recognition_campaigns (id) on delete cascade,
    reason       text        not null check (reason in ('ON_DEMAND', 'CATALOG_REFRESH', 'CLOSE')),
    status       text        not null default 'QUEUED'
                             check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    as_of        timestamptz not null,
    final        boolean     not null default false,
    total        int         not null default 0,
    done         int         not null default 0,
    error        text,
    entities     int,
    participants int,
    new_datasets int,
    datasets     int,
    mean_quality numeric(6, 2),
    requested_by uuid,
    created_at   timestamptz not null default now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    constraint recognition_rankings_progress check (done between 0 and total)
);
create index recognition_rankings_campaign_idx on recognition_rankings (campaign_id, created_at, id);
-- at most one ranking waiting or running per campaign, and one final
create unique index recognition_rankings_pending_uq on recognition_rankings (campaign_id)
    where status in ('QUEUED', 'RUNNING');
create unique index recognition_rankings_final_uq on recognition_rankings (campaign_id)
    where final and status <> 'FAILED';

-- Each entity's score in one ranking, with its parts and the datasets behind them.
create table recognition_ranking_entries (
    ranking_id        uuid          not null references recognition_rankings (id) on delete cascade,
    publisher_id      uuid          not null,
    publisher_name    text          not null,
    region            text,
    entity_type       text          not null,
    score             numeric(5, 2) not null check (score between 0 and 100),
    officials_trained bigint,
    parts             jsonb         not null,
    primary key (ranking_id, publisher_id)
);
create index recognition_ranking_entries_order_idx
    on recognition_ranking_entries (ranking_id, score desc, publisher_name, publisher_id);
