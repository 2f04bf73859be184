create table publishers (
    id            uuid primary key default gen_random_uuid(),
    name          text        not null,
    type          text        not null check (type in ('MINISTRY', 'REGIONAL_GOVERNMENT', 'MUNICIPALITY', 'OTHER')),
    region        text,
    portal_org_id text,
    created_by    uuid        not null references users (id),
    created_at    timestamptz not null default now(),
    version       bigint      not null default 0
);
create unique index publishers_name_uq on publishers (lower(name));
create unique index publishers_portal_org_uq on publishers (lower(portal_org_id)) where portal_org_id is not null;
create index publishers_page_idx on publishers (created_at, id);

create table publisher_members (
    publisher_id uuid        not null references publishers (id) on delete cascade,
    user_id      uuid        not null references users (id),
    granted_by   uuid        not null references users (id),
    created_at   timestamptz not null default now(),
    primary key (publisher_id, user_id)
);
create index publisher_members_user_idx on publisher_members (user_id);

create table portal_sources (
    id         uuid primary key default gen_random_uuid(),
    name       text        not null,
    base_url   text        not null check (base_url ~ '^https?://[^/]+'),
    kind       text        not null check (kind in ('CKAN', 'DKAN', 'DCAT_US')),
    created_by uuid        not null references users (id),
    created_at timestamptz not null default now()
);
create unique index portal_sources_base_url_uq on portal_sources (lower(base_url));

create table catalog_datasets (
    id                uuid primary key default gen_random_uuid(),
    portal_id         uuid        not null references portal_sources (id),
    portal_dataset_id text        not null,
    slug              text,
    publisher_id      uuid references publishers (id),
    title             text        not null,
    publisher_name    text,
    license_id        text,
    themes            text[]      not null default '{}',
    formats           text[]      not null default '{}',
    score             int         not null check (score between 0 and 405),
    rating            text        not null check (rating in ('EXCELLENT', 'GOOD', 'SUFFICIENT', 'BAD')),
    stars             int         not null check (stars between 0 and 5),
    snapshot          jsonb       not null,
    raw               jsonb       not null,
    quality           jsonb       not null,
    reachability      jsonb       not null default '{}'::jsonb,
    reachability_checked_at timestamptz,
    linked_by         uuid        not null references users (id),
    created_at        timestamptz not null default now(),
    fetched_at        timestamptz not null default now(),
    last_error        text,
    last_error_at     timestamptz,
    version           bigint      not null default 0,
    constraint catalog_datasets_portal_uq unique (portal_id, portal_dataset_id)
);
create index catalog_datasets_page_idx on catalog_datasets (created_at, id);
create index catalog_datasets_publisher_idx on catalog_datasets (publisher_id);
create index catalog_datasets_themes_idx on catalog_datasets using gin (themes);
create index catalog_datasets_formats_idx on catalog_datasets using gin (formats);

-- Every snapshot read from the portal, with the changes from the one before.
create table catalog_dataset_snapshots (
    id         bigint generated always as identity primary key,
    dataset_id uuid        not null references catalog_datasets (id) on delete cascade,
    fetched_at timestamptz not null default now(),
    score      int         not null,
    snapshot   jsonb       not null,
    raw        jsonb       not null,
    changes    jsonb       not null default '[]'::jsonb
);
create index catalog_dataset_snapshots_dataset_idx on catalog_dataset_snapshots (dataset_id, id);

-- The challenges' free dataset entries (V2) become links to catalog datasets; the free fields stay.
alter table challenge_datasets add column dataset_id uuid references catalog_datasets (id);
create index challenge_datasets_dataset_idx on challenge_datasets (dataset_id) where dataset_id is not null;

-- One refresh at a time across instances: a lease taken by a conditional update, expiring on its own.
create table catalog_refresh_lease (
    name   text primary key,
    holder text,
    until  timestamptz not null
);
insert into catalog_refresh_lease (name, holder, until) values ('refresh', null, '-infinity');
