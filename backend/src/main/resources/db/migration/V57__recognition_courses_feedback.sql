-- Recognition: training courses for officials and citizens, and dataset feedback from the people
-- who use open data to the entities that publish it.

-- A course: its seats are held in SQL (enrolled never passes seats, and every enrolment takes a
-- seat in the same transaction), and completion needs completion_percent of its sessions attended.
create table courses (
    id                 uuid        primary key default gen_random_uuid(),
    title              text        not null check (length(btrim(title)) between 1 and 200),
    description        text        not null default '' check (length(description) <= 10000),
    modality           text        not null check (modality in ('ONLINE', 'IN_PERSON')),
    language           text        not null default 'es' check (language in ('es', 'en')),
    seats              integer     not null check (seats between 1 and 100000),
    enrolled           integer     not null default 0,
    completion_percent integer     not null default 75 check (completion_percent between 1 and 100),
    created_by         uuid        not null references users (id),
    created_at         timestamptz not null default now(),
    version            bigint      not null default 0,
    constraint courses_seats_held check (enrolled between 0 and seats)
);
create index courses_created_idx on courses (created_at, id);

-- A session: in person (a place) or online (a link), or both.
create table course_sessions (
    id               uuid        primary key default gen_random_uuid(),
    course_id        uuid        not null references courses (id) on delete cascade,
    starts_at        timestamptz not null,
    duration_minutes integer     not null check (duration_minutes between 1 and 1440),
    place            text        check (length(place) <= 300),
    link             text        check (length(link) <= 2000),
    check (place is not null or link is not null),
    unique (course_id, id)
);

-- An enrolment; publisher_id is set when the user enrolled as an official of that publisher
-- (checked against the catalog's membership at enrolment).
create table course_enrolments (
    course_id        uuid        not null references courses (id) on delete cascade,
    user_id          uuid        not null references users (id),
    publisher_id     uuid,
    enrolled_at      timestamptz not null default now(),
    completed_at     timestamptz,
    certificate_code text,
    primary key (course_id, user_id)
);
create index course_enrolments_publisher_idx on course_enrolments (publisher_id, completed_at)
    where publisher_id is not null;

-- Attendance: the session and the enrolment must both belong to the course (composite keys), so
-- a mark for a session of another course, or for a user not enrolled, cannot be stored.
create table course_attendance (
    course_id  uuid        not null,
    session_id uuid        not null,
    user_id    uuid        not null,
    marked_by  uuid        not null,
    marked_at  timestamptz not null default now(),
    primary key (session_id, user_id),
    foreign key (course_id, session_id) references course_sessions (course_id, id)
        on delete cascade,
    foreign key (course_id, user_id) references course_enrolments (course_id, user_id)
        on delete cascade
);
create index course_attendance_user_idx on course_attendance (course_id, user_id);

-- A problem reported on a linked dataset. publisher_id is the dataset's publisher when reported.
create table dataset_reports (
    id                     uuid        primary key default gen_random_uuid(),
    dataset_id             uuid        not null,
    publisher_id           uuid        not null,
    dataset_title          text        not null,
    reporter_id            uuid        not null references users (id),
    kind                   text        not null check (kind in ('BROKEN_LINK', 'MISSING_VALUES',
                               'WRONG_LICENCE', 'STALE_DATA', 'MISSING_DOCUMENTATION')),
    text                   text        not null check (length(btrim(text)) between 1 and 4000),
    evidence_url           text        check (length(evidence_url) <= 2000),
    evidence_submission_id uuid,
    evidence_artifact_id   uuid,
    evidence_cell          integer     check (evidence_cell >= 0),
    status                 text        not null default 'OPEN'
                               check (status in ('OPEN', 'FIXED', 'ACKNOWLEDGED', 'DECLINED')),
    created_at             timestamptz not null default now(),
    first_answered_at      timestamptz,
    triaged_at             timestamptz,
    version                bigint      not null default 0,
    check ((evidence_cell is null) = (evidence_submission_id is null)),
    check ((status = 'OPEN') = (triaged_at is null)),
    check (first_answered_at is null or first_answered_at >= created_at)
);
create index dataset_reports_publisher_idx on dataset_reports (publisher_id, created_at, id);
create index dataset_reports_dataset_idx on dataset_reports (dataset_id, created_at, id);
create index dataset_reports_triaged_idx on dataset_reports (created_at, id) where status <> 'OPEN';

-- The publisher's answers, in order; each sets the report's status.
create table dataset_report_answers (
    id         uuid        primary key default gen_random_uuid(),
    report_id  uuid        not null references dataset_reports (id) on delete cascade,
    author_id  uuid        not null references users (id),
    status     text        not null check (status in ('FIXED', 'ACKNOWLEDGED', 'DECLINED')),
    text       text        not null check (length(btrim(text)) between 1 and 4000),
    created_at timestamptz not null default now()
);
create index dataset_report_answers_report_idx on dataset_report_answers (report_id, created_at);
