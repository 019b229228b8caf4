-- Today's figures per hall for the board, kept by the outbox publisher from the ticket events it
-- numbers (one instance at a time, under its advisory lock, in the numbering transaction), so a board
-- refresh reads one row instead of counting the day's tickets, and no request updates a shared row.
--   issued     tickets issued
--   calls      call-next answers (a ticket called again after a transfer or reactivation counts again)
--   wait_seconds  sum of issued→called over those calls (average wait = wait_seconds / calls)
--   served     tickets finished
--   no_show    no-shows not reactivated since
--   cancelled  tickets cancelled by the citizen
create table hall_day_tally (
    hall_code    text   not null,
    service_date date   not null,
    issued       int    not null default 0,
    calls        int    not null default 0,
    wait_seconds bigint not null default 0,
    served       int    not null default 0,
    no_show      int    not null default 0,
    cancelled    int    not null default 0,
    primary key (hall_code, service_date)
);

-- Start from the tickets already there. Events still waiting to be numbered at upgrade time (only
-- those of the last moments before a crash) are counted once more when they are numbered.
insert into hall_day_tally (hall_code, service_date, issued, calls, wait_seconds, served, no_show, cancelled)
select hall_code, service_date, count(*), count(called_at),
       coalesce(sum(extract(epoch from called_at - issued_at)) filter (where called_at is not null), 0)::bigint,
       count(*) filter (where status = 'DONE'), count(*) filter (where status = 'NO_SHOW'),
       count(*) filter (where status = 'CANCELLED')
from ticket group by hall_code, service_date;
