create table idempotency_keys (
    principal    text        not null,
    key          text        not null,
    method       text        not null,
    path         text        not null,
    request_hash text        not null,
    status       int,
    content_type text,
    location     text,
    etag         text,
    body         bytea,
    created_at   timestamptz not null default now(),
    completed_at timestamptz,
    primary key (principal, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
