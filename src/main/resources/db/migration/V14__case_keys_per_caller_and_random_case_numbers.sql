-- A case's Idempotency-Key belongs to the caller in the hall: another caller's same key neither
-- collides with nor reveals their case.
alter table service_case drop constraint service_case_idempotency_key_key;
create unique index service_case_idempotency on service_case (hall_code, created_by, idempotency_key);

-- Case numbers carry a random part now, not a daily sequence anyone could count through.
drop table case_counter;
