-- Every time staff open an applicant's protected data (full name, ID number, phone), who, when and
-- for which record: the data is shown masked everywhere else, and its disclosure must leave a trace.
create table personal_data_access (
    id           bigserial primary key,
    subject_type text        not null,
    subject_id   uuid        not null,
    hall_code    text        not null,
    actor        text        not null,
    at           timestamptz not null
);
create index personal_data_access_subject on personal_data_access (subject_type, subject_id, at);
