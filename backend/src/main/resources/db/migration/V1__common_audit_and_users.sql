create table users (
    id             uuid primary key default gen_random_uuid(),
    issuer         text        not null,
    subject        text        not null,
    email          text,
    email_verified boolean     not null default false,
    name           text,
    created_at     timestamptz not null default now(),
    last_seen_at   timestamptz not null default now(),
    constraint users_issuer_subject_uq unique (issuer, subject)
);
create index users_email_idx on users (lower(email));

create table audit_log (
    id         bigint generated always as identity primary key,
    event_id   uuid,
    actor_id   uuid references users (id),
    action     text        not null,
    details    jsonb       not null default '{}'::jsonb,
    request_id text,
    at         timestamptz not null default now()
);
create index audit_log_event_idx on audit_log (event_id, at);

create or replace function audit_log_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only();
