-- Comments on a submission may be anchored to one of its artifacts, and to a notebook cell by its
-- nbformat cell id (the service requires an artifact for a cell). Deleting a draft artifact keeps
-- the comment, unanchored.
alter table comments
    add column artifact_id uuid references artifacts (id) on delete set null,
    add column cell_id     text check (cell_id ~ '^[A-Za-z0-9_-]{1,64}$');
create index comments_artifact_idx on comments (artifact_id) where artifact_id is not null;
