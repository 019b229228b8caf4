-- A ticket's holder is told once when its place in line first comes within the hall's near_ahead tickets
-- of the head (ticket.near). The mark lives beside the ticket rather than on it: the numbering step that
-- writes it must not lock ticket rows (call-next skips locked rows, so it would pass the head by), and a
-- reactivated or transferred ticket keeps its mark, so it is never told twice. No foreign key to ticket: its
-- check would take a key-share lock on the ticket row until the numbering commits, so a call-next running
-- then would skip the head (out of order, or nothing to call), and the numbering, holding the sequence
-- lock, would wait on any window locking a head ticket. The near-turn step is the only writer, and tickets
-- are never deleted.
alter table hall add column near_ahead integer not null default 3 check (near_ahead between 1 and 50);

create table ticket_near_told (
    ticket_id uuid primary key,
    told_at timestamptz not null
);
