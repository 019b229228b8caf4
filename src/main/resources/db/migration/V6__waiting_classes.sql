-- Waiting tickets above the NORMAL class, for the "is a higher class waiting" question each call
-- answers to give its reason: a probe of this index instead of a walk along the whole line. NORMAL
-- tickets, the bulk of the rush, never enter it.
create index ticket_waiting_classes on ticket (hall_code, queue_code, priority)
    where status = 'WAITING' and priority <> 'NORMAL';
