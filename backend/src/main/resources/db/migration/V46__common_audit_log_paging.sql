-- An event's audit log is read newest first by id, a page at a time (GET .../audit-log).
create index audit_log_event_id_idx on audit_log (event_id, id desc);
