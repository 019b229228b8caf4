-- Cases (办件): the item's limits are copied at creation, so a later catalogue change never re-times them.
create table service_case (
    id                         uuid primary key,
    case_number                text        not null unique,
    verification_hash          text        not null,
    verification_sealed        text        not null,
    item_code                  text        not null references service_item (code),
    item_name                  text        not null,
    department                 text        not null,
    category                   text        not null,
    committed_days             int,
    committed_seconds          bigint,
    statutory_days             int,
    statutory_seconds          bigint,
    local_stage_days           int,
    warning_threshold_seconds  bigint,
    hall_code                  text        not null references hall (code),
    calendar_id                text        not null,
    channel                    text        not null,
    state                      text        not null,
    suspended_from             text,
    version                    int         not null default 0,
    applicant_name_masked      text,
    applicant_id_masked        text,
    applicant_phone_masked     text,
    applicant_sealed           text,
    submitted_documents        text[]      not null default '{}',
    missing_documents          text[]      not null default '{}',
    notified_documents         text[]      not null default '{}',
    one_time_notice_violations int         not null default 0,
    created_at                 timestamptz not null,
    created_by                 text        not null,
    accepted_at                timestamptz,
    forwarded_at               timestamptz,
    returned_at                timestamptz,
    closed_at                  timestamptz,
    delivered_at               timestamptz,
    committed_due              timestamptz,
    statutory_due              timestamptz,
    yellow_from                timestamptz,
    card                       text,
    idempotency_key            text unique,
    request_hash               text
);
create index service_case_hall_state on service_case (hall_code, state);
create index service_case_department on service_case (department, state);
create index service_case_category on service_case (category, state);
create index service_case_due on service_case (committed_due) where closed_at is null;

-- Every move, kept forever (全程留痕): who, when, from, to, why.
create table case_transition (
    id         bigserial primary key,
    case_id    uuid        not null references service_case (id),
    at         timestamptz not null,
    actor      text        not null,
    action     text        not null,
    from_state text,
    to_state   text        not null,
    reason     text,
    detail     jsonb
);
create index case_transition_case on case_transition (case_id, id);

create function case_transition_is_history() returns trigger language plpgsql as $$
begin
    raise exception 'case history is append-only';
end $$;
create trigger case_transition_is_history before update or delete on case_transition
    for each row execute function case_transition_is_history();

-- Clock pauses: supplements (补正) and special procedures.
create table case_pause (
    id         bigserial primary key,
    case_id    uuid        not null references service_case (id),
    kind       text        not null,
    procedure  text,
    reason     text,
    started_at timestamptz not null,
    ended_at   timestamptz
);
create index case_pause_case on case_pause (case_id, id);

-- Physical visits: each served window ticket linked to the case (最多跑一次).
create table case_visit (
    case_id   uuid        not null references service_case (id),
    ticket_id uuid        not null references ticket (id),
    at        timestamptz not null,
    primary key (case_id, ticket_id)
);

create table case_counter (
    hall_code text not null,
    day       date not null,
    last_seq  int  not null,
    primary key (hall_code, day)
);

-- Each card change, recorded once by whichever instance's sweeper saw it first.
create table case_card_change (
    id      bigserial primary key,
    case_id uuid        not null references service_case (id),
    card    text        not null,
    at      timestamptz not null,
    due_at  timestamptz not null
);
create index case_card_change_case on case_card_change (case_id, id);
