-- Calendars whose open cases must be re-timed once although the calendar did not change: the engine
-- itself changed what it computes for them (V19: provisional years, the 2024 law's holidays in years
-- without a notice, so a case due after 31 December 2026 was stored with 1 January 2027 as a working day).
-- cases/sla/CalendarRetimer re-times them after start and removes each row once done.
create table calendar_retime_pending (
    calendar_id text primary key references calendar (id) on delete cascade,
    reason      text not null
);
insert into calendar_retime_pending (calendar_id, reason)
select id, 'provisional years of the 2024 law' from calendar;
