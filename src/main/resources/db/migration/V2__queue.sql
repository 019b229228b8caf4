-- Daily ticket sequence per hall and queue: numbers never repeat within a hall-local day.
create table ticket_counter (
    hall_code    text not null,
    queue_code   text not null,
    service_date date not null,
    last_seq     int  not null,
    primary key (hall_code, queue_code, service_date)
);

-- Daily quota use per hall and item.
create table item_quota_use (
    hall_code    text not null,
    item_code    text not null,
    service_date date not null,
    used         int  not null,
    primary key (hall_code, item_code, service_date)
);

create table ticket (
    id                   uuid primary key,
    hall_code            text        not null references hall (code),
    queue_code           text        not null,
    issued_queue_code    text        not null,
    service_date         date        not null,
    seq                  int         not null,
    number               text        not null,
    item_code            text,
    channel              text        not null,
    priority             text        not null,
    status               text        not null,
    -- the order of the line: arrival minus the class head start; lowest is called first
    line_key             timestamptz not null,
    issued_at            timestamptz not null,
    target_window        int,
    window_number        int,
    called_at            timestamptz,
    called_by            text,
    call_reason          text,
    call_detail          text,
    recalls              int         not null default 0,
    started_at           timestamptz,
    finished_at          timestamptz,
    no_show_at           timestamptz,
    cancelled_at         timestamptz,
    outcome              text,
    case_id              uuid,
    missing_documents    text[],
    rating               int,
    rating_comment       text,
    rated_at             timestamptz,
    applicant_name_masked text,
    applicant_id_hash    text,
    applicant_id_masked  text,
    applicant_phone_masked text,
    applicant_sealed     text,
    appointment_id       text,
    idempotency_key      text,
    request_hash         text,
    version              int         not null default 0,
    unique (hall_code, service_date, issued_queue_code, seq),
    unique (hall_code, idempotency_key)
);
create index ticket_waiting on ticket (hall_code, queue_code, line_key, seq) where status = 'WAITING';
create index ticket_window_active on ticket (hall_code, window_number) where status in ('CALLED', 'SERVING');
create index ticket_window_calls on ticket (hall_code, window_number, called_at desc) where called_at is not null;
create index ticket_finished on ticket (hall_code, queue_code, finished_at desc) where status = 'DONE';
-- one pending ticket per ID number and item (enforced only when the hall turns the rule on)
create unique index ticket_one_pending_per_applicant on ticket (hall_code, item_code, applicant_id_hash)
    where status in ('WAITING', 'CALLED', 'SERVING') and applicant_id_hash is not null and item_code is not null;

-- Every step of a ticket, with its actor: wait, walk and service times derive from it.
create table ticket_step (
    id         bigserial primary key,
    ticket_id  uuid        not null references ticket (id),
    step       text        not null,
    at         timestamptz not null,
    actor      text        not null,
    window_number int,
    detail     text
);
create index ticket_step_ticket on ticket_step (ticket_id, id);

-- Events for screens and streams, written in the same transaction as the change they describe.
-- The publisher gives each a per-hall sequence number (the SSE event id) in commit order.
create table event_outbox (
    id         bigserial primary key,
    hall_code  text        not null,
    type       text        not null,
    payload    jsonb       not null,
    created_at timestamptz not null default now(),
    seq        bigint,
    published  boolean     not null default false,
    unique (hall_code, seq)
);
create index event_outbox_unsequenced on event_outbox (id) where seq is null;
create index event_outbox_unpublished on event_outbox (hall_code, seq) where published = false and seq is not null;

create table hall_event_seq (
    hall_code text primary key,
    last_seq  bigint not null
);

-- Waiting tickets per queue, kept by a trigger so every path that moves a ticket in or out of the
-- line keeps it exact, and the hot paths read a count instead of counting the line.
create table queue_waiting (
    hall_code  text not null,
    queue_code text not null,
    waiting    int  not null default 0,
    primary key (hall_code, queue_code)
);

create function ticket_waiting_count() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.status = 'WAITING'
       and (new.status <> 'WAITING' or old.queue_code <> new.queue_code) then
        update queue_waiting set waiting = waiting - 1
        where hall_code = old.hall_code and queue_code = old.queue_code;
    end if;
    if new.status = 'WAITING'
       and (tg_op = 'INSERT' or old.status <> 'WAITING' or old.queue_code <> new.queue_code) then
        insert into queue_waiting (hall_code, queue_code, waiting) values (new.hall_code, new.queue_code, 1)
        on conflict (hall_code, queue_code) do update set waiting = queue_waiting.waiting + 1;
    end if;
    return null;
end $$;

create trigger ticket_waiting_count after insert or update of status, queue_code on ticket
    for each row execute function ticket_waiting_count();
