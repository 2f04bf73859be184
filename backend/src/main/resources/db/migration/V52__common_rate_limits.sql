-- Rate-limit counters shared by every instance: one row per key (a scope and a caller, such as
-- 'write:user:<id>' or 'write:ip:<address>'), counting requests in a fixed window that starts at
-- the key's first request. A request after window_end starts a new window. Expired rows are
-- purged by a job.
create table rate_limit_counters (
    key          text        primary key,
    window_start timestamptz not null,
    window_end   timestamptz not null,
    count        integer     not null check (count > 0),
    check (window_end > window_start)
);
create index rate_limit_counters_window_end_idx on rate_limit_counters (window_end);
