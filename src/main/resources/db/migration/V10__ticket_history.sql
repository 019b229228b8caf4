-- A ticket's issue is recorded by the ticket row itself (issued_at, channel); new tickets no longer
-- repeat it as an ISSUED row in ticket_step, about a sixth of the issuing statement's time in a rush.
-- ticket_history is the whole record of a ticket, oldest first by id: the issue (from the ticket row,
-- unless an earlier version of the service stored it as a step) and every later step.
create view ticket_history as
select t.id as ticket_id, 0::bigint as id, 'ISSUED' as step, t.issued_at as at, 'kiosk' as actor,
       null::integer as window_number, t.channel as detail
from ticket t
where not exists (select 1 from ticket_step s where s.ticket_id = t.id and s.step = 'ISSUED')
union all
select s.ticket_id, s.id, s.step, s.at, s.actor, s.window_number, s.detail
from ticket_step s;
