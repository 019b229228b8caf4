-- Appointments (预约): slot templates per hall and item, one counter row per booked slot, the bookings.

-- How an item's slots are cut in a hall: length and capacity, on the hall's service hours or on the
-- template's own weekly hours (the shape of the hall's service hours, V18). Deleting a template leaves
-- the bookings made on it booked.
create table slot_template (
    hall_code    text        not null references hall (code) on delete cascade,
    item_code    text        not null references service_item (code),
    slot_minutes int         not null check (slot_minutes between 5 and 480),
    capacity     int         not null check (capacity between 1 and 10000),
    weekly_hours jsonb,
    updated_at   timestamptz not null,
    primary key (hall_code, item_code)
);

-- The places taken in a slot: booking increments it with a condition (booked < capacity) in the very
-- statement that inserts the booking, so parallel bookings queue on this row and never overfill it.
create table appointment_slot (
    hall_code  text        not null references hall (code) on delete cascade,
    item_code  text        not null,
    slot_start timestamptz not null,
    slot_end   timestamptz not null,
    capacity   int         not null,
    booked     int         not null check (booked >= 0),
    primary key (hall_code, item_code, slot_start)
);

create table appointment (
    id                     uuid        primary key,
    hall_code              text        not null references hall (code) on delete cascade,
    item_code              text        not null,
    queue_code             text,
    slot_start             timestamptz not null,
    slot_end               timestamptz not null,
    service_date           date        not null,
    status                 text        not null check (status in ('BOOKED', 'CHECKED_IN', 'CANCELLED', 'MISSED')),
    channel                text        not null,
    code_hash              text        not null unique,
    code_sealed            text        not null,
    applicant_name_masked  text,
    applicant_id_hash      text        not null,
    applicant_id_masked    text,
    applicant_phone_masked text,
    applicant_sealed       text,
    booked_by              text        not null,
    booked_at              timestamptz not null,
    ticket_id              uuid        references ticket (id),
    checked_in_at          timestamptz,
    cancelled_at           timestamptz,
    missed_at              timestamptz,
    idempotency_key        text        not null,
    request_hash           text        not null,
    unique (hall_code, idempotency_key)
);
-- one active booking per ID number per item per day
create unique index appointment_one_active on appointment (applicant_id_hash, item_code, service_date)
    where status in ('BOOKED', 'CHECKED_IN');
-- the missed sweep reads booked, not yet checked-in appointments by slot; the wait estimates by queue and slot
create index appointment_booked on appointment (slot_start) where status = 'BOOKED';
create index appointment_booked_queue on appointment (hall_code, queue_code, slot_start) where status = 'BOOKED';
create index appointment_day on appointment (hall_code, service_date);
-- missed appointments per applicant
create index appointment_missed on appointment (applicant_id_hash, slot_start) where status = 'MISSED';
