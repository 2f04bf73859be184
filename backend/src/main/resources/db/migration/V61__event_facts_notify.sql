-- Issue 12, item 13: every instance keeps the rarely changing facts of events in memory
-- (event.EventFactsCache). Any change to an event, its phase windows, its memberships or its
-- allow-list NOTIFYs the event's id on one channel, at commit, so that every instance forgets
-- what it kept of that event. PostgreSQL folds identical payloads of one transaction into one.

create function event_facts_changed() returns trigger
    language plpgsql as
$$
declare
    changed uuid;
begin
    if tg_table_name = 'events' and tg_op = 'DELETE' then
        changed := old.id;
    elsif tg_table_name = 'events' then
        changed := new.id;
    elsif tg_op = 'DELETE' then
        changed := old.event_id;
    else
        changed := new.event_id;
        if tg_op = 'UPDATE' and old.event_id is distinct from new.event_id then
            perform pg_notify('minka_event_facts', old.event_id::text);
        end if;
    end if;
    perform pg_notify('minka_event_facts', changed::text);
    return null;
end;
$$;

create trigger events_facts_changed
    after insert or update or delete on events
    for each row execute function event_facts_changed();

create trigger event_phases_facts_changed
    after insert or update or delete on event_phases
    for each row execute function event_facts_changed();

create trigger event_memberships_facts_changed
    after insert or update or delete on event_memberships
    for each row execute function event_facts_changed();

create trigger event_allow_list_facts_changed
    after insert or update or delete on event_allow_list
    for each row execute function event_facts_changed();
