-- Certificates: one per (kind, subject, recipient); the PDF is stored under object_key before the
-- row is written (an object without a row is swept by the certificate reaper). Only revocation
-- may change a row, once.
create table certificates (
    code           text        primary key check (code ~ '^[A-Z2-7]{26}$'),
    kind           text        not null check (kind ~ '^[a-z][a-z0-9-]{1,39}$'),
    subject_id     uuid        not null,
    recipient_id   uuid        not null,
    recipient_name text        not null check (length(recipient_name) between 1 and 300),
    achievement    text        not null check (length(achievement) between 1 and 1000),
    context        text        not null check (length(context) between 1 and 300),
    language       text        not null check (language in ('es', 'en')),
    issued_at      timestamptz not null default now(),
    object_key     text        not null unique,
    revoked_at     timestamptz,
    revoked_by     uuid,
    revoke_reason  text        check (length(btrim(revoke_reason)) between 1 and 1000),
    check ((revoked_at is null) = (revoke_reason is null)),
    unique (kind, subject_id, recipient_id)
);
create index certificates_recipient_idx on certificates (recipient_id);

create function certificates_only_revoke() returns trigger language plpgsql as $$
begin
    if old.revoked_at is not null
       or (new.code, new.kind, new.subject_id, new.recipient_id, new.recipient_name,
           new.achievement, new.context, new.language, new.issued_at, new.object_key)
          is distinct from
          (old.code, old.kind, old.subject_id, old.recipient_id, old.recipient_name,
           old.achievement, old.context, old.language, old.issued_at, old.object_key) then
        raise exception 'a certificate only changes by being revoked, once'
            using errcode = 'check_violation';
    end if;
    return new;
end $$;

create trigger certificates_only_revoke before update on certificates
    for each row execute function certificates_only_revoke();
