-- Keys that V9 and V20 left out.

-- An upload counts against its team's quota: the team is a row of teams, like artifacts.team_id.
-- A team's submissions (and so their uploads) already go with the team; cascade the same way.
alter table uploads
    add constraint uploads_team_fk foreign key (team_id) references teams (id) on delete cascade,
    add constraint uploads_kind_check
        check (kind in ('NOTEBOOK', 'REPORT', 'SLIDES', 'DATA', 'IMAGE', 'ARCHIVE'));

-- A comment thread is always a row, but of one of two tables, chosen by comments.thread_type:
-- HELP_REQUEST threads are help_requests(id), SUBMISSION threads are submissions(id). One column
-- can't carry a declarative foreign key to two tables, and we keep the one column (no extra
-- nullable key column per thread kind). So the key is enforced the way PostgreSQL enforces its own
-- foreign keys, with triggers: a comment must name an existing thread (locked for key share while
-- the comment is written, so a concurrent delete waits), and deleting the thread deletes its
-- comments (on delete cascade).

-- Comments whose thread is already gone can't be read through any endpoint; drop them first.
delete from comments c
where (c.thread_type = 'HELP_REQUEST'
       and not exists (select 1 from help_requests h where h.id = c.thread_id))
   or (c.thread_type = 'SUBMISSION'
       and not exists (select 1 from submissions s where s.id = c.thread_id));

create or replace function comments_thread_exists() returns trigger language plpgsql as $$
begin
    if new.thread_type = 'HELP_REQUEST' then
        perform 1 from help_requests where id = new.thread_id for key share;
    elsif new.thread_type = 'SUBMISSION' then
        perform 1 from submissions where id = new.thread_id for key share;
    end if;
    if not found then
        raise foreign_key_violation using
            message = 'insert or update on table "comments" violates foreign key constraint'
                || ' "comments_thread_fk"',
            detail = format('%s thread %s is not a row of its table.', new.thread_type,
                            new.thread_id),
            constraint = 'comments_thread_fk';
    end if;
    return null;
end $$;
create constraint trigger comments_thread_fk
    after insert or update of thread_type, thread_id on comments
    for each row execute function comments_thread_exists();

create or replace function comments_thread_deleted() returns trigger language plpgsql as $$
begin
    delete from comments where thread_type = tg_argv[0] and thread_id = old.id;
    return null;
end $$;
create trigger help_requests_comments_cascade after delete on help_requests
    for each row execute function comments_thread_deleted('HELP_REQUEST');
create trigger submissions_comments_cascade after delete on submissions
    for each row execute function comments_thread_deleted('SUBMISSION');
