-- Working calendars: the definition (weekly hours, holidays, make-up days, own hours per date) as one document.
create table calendar (
    id          text primary key,
    name        text        not null,
    timezone    text        not null,
    definition  jsonb       not null,
    version     bigint      not null default 0,
    updated_at  timestamptz not null default now()
);

-- The service-item catalogue (四办四清单).
create table service_item (
    code                        text primary key,
    name                        text        not null,
    department                  text        not null,
    level                       text        not null,
    category                    text        not null,
    committed_days              int,
    committed_seconds           bigint,
    statutory_days              int,
    statutory_seconds           bigint,
    local_stage_days            int,
    required_documents          text[]      not null default '{}',
    online_capable              boolean     not null,
    queue_code                  text,
    daily_quota                 int,
    warning_threshold_seconds   bigint,
    tolerates_missing_documents boolean     not null default false,
    version                     bigint      not null default 0,
    created_at                  timestamptz not null default now(),
    updated_at                  timestamptz not null default now(),
    constraint service_item_committed_one_kind check (committed_days is null or committed_seconds is null),
    constraint service_item_statutory_one_kind check (statutory_days is null or statutory_seconds is null)
);
create index service_item_category on service_item (category);
create index service_item_department on service_item (department);
create index service_item_name_lower on service_item (lower(name) text_pattern_ops);

create table hall (
    code        text primary key,
    name        text        not null,
    calendar_id text        not null references calendar (id),
    created_at  timestamptz not null default now()
);

create table hall_queue (
    hall_code  text not null references hall (code) on delete cascade,
    code       text not null,
    prefix     text not null,
    name       text not null,
    primary key (hall_code, code),
    unique (hall_code, prefix)
);

create table hall_window (
    hall_code  text        not null references hall (code) on delete cascade,
    number     int         not null,
    name       text        not null,
    status     text        not null default 'CLOSED',
    queues     text[]      not null default '{}',
    updated_at timestamptz not null default now(),
    primary key (hall_code, number)
);

-- Staff accounts; a disabled account's tokens are refused at once.
create table staff (
    username      text primary key,
    password_hash text        not null,
    roles         text[]      not null,
    halls         text[]      not null default '{}',
    active        boolean     not null default true,
    created_at    timestamptz not null default now(),
    disabled_at   timestamptz
);

-- Kiosk and display devices; a revoked device's token is refused at once.
create table device (
    id         uuid primary key,
    name       text        not null,
    role       text        not null,
    hall_code  text        not null references hall (code),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
create index device_hall on device (hall_code);
