-- A citizen's teams across events ("my teams") look members up by user alone.
create index team_members_by_user_idx on team_members (user_id);

-- Organizer lists and exports page teams and registrations of one event in creation order.
create index teams_event_created_idx on teams (event_id, created_at, id);
create index registrations_event_created_idx on registrations (event_id, created_at, user_id);
