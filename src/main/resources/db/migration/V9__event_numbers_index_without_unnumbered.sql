-- New events have no number until the publisher gives them one; their NULLs need not sit in the
-- (hall, number) index, which each new event otherwise enters twice (without and with its number).
alter table event_outbox drop constraint event_outbox_hall_code_seq_key;
create unique index event_outbox_hall_seq on event_outbox (hall_code, seq) where seq is not null;
