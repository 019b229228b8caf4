-- A ticket's holder is told once when its place in line first comes within the hall's near_ahead tickets
-- of the head (ticket.near). The mark lives beside the ticket rather than on it: the numbering step that
-- writes it must not lock ticket rows (call-next skips locked rows, so it would pass the head by), and a
-- reactivated or transferred ticket keeps its mark, so it is never told twice.
alter table hall add column near_ahead integer not null default 3 check (near_ahead between 1 and 50);

create table ticket_near_told (
    ticket_id uuid primary key references ticket (id) on delete cascade,
    told_at timestamptz not null
);
