-- Signed webhooks (docs/webhooks.md): subscriptions, the delivery log fed from the outbox, and one lane per
-- subscription so a single instance sends a subscription's deliveries at a time, in event order.

create table webhook_subscription (
    id            uuid primary key,
    url           text        not null,
    events        text[]      not null,
    hall_code     text,                      -- null: every hall
    secret_sealed text        not null,      -- PersonalData.seal of the whsec_ secret; never answered again
    created_by    text        not null,
    created_at    timestamptz not null
);

-- The lease of a subscription's lane: the instance sending it now, until when (renewed after each delivery).
create table webhook_lane (
    subscription_id uuid primary key references webhook_subscription (id) on delete cascade,
    holder          text,
    lease_until     timestamptz
);

-- One row per event and subscription (and webhook event name: a case.moved to ACCEPTED is both
-- case.accepted and case.transitioned). The payload stays in event_outbox.
create table webhook_delivery (
    id               bigserial primary key,
    subscription_id  uuid        not null references webhook_subscription (id) on delete cascade,
    event_id         bigint      not null,
    event_type       text        not null,
    hall_code        text        not null,
    status           text        not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED', 'DEAD')),
    attempts         int         not null default 0,
    created_at       timestamptz not null,
    first_attempt_at timestamptz,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz not null,
    last_status      int,
    last_error       text check (length(last_error) <= 500),
    delivered_at     timestamptz,
    unique (subscription_id, event_id, event_type)
);
-- A lane's head: its oldest delivery not yet delivered or dead.
create index webhook_delivery_open on webhook_delivery (subscription_id, id) where status in ('PENDING', 'FAILED');
create index webhook_delivery_log on webhook_delivery (subscription_id, id desc);

-- How far each hall's numbered events have been turned into deliveries (advanced in the same transaction
-- as the rows). Starts at the events numbered before this version: webhooks see what happens from now on.
create table webhook_fanout (
    hall_code  text primary key,
    fanned_seq bigint not null
);
insert into webhook_fanout (hall_code, fanned_seq) select hall_code, last_seq from hall_event_seq;
