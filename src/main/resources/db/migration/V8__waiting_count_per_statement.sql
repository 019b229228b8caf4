-- The waiting count per queue, kept once per statement instead of once per row: a batch of new tickets
-- moves each of its queues' counts by one upsert, and the rows are touched in (hall, queue) order, so
-- statements updating several queues never wait on each other in a cycle.
drop trigger ticket_waiting_count on ticket;
drop function ticket_waiting_count();

create function ticket_waiting_added() returns trigger language plpgsql as $$
begin
    insert into queue_waiting (hall_code, queue_code, waiting)
    select hall_code, queue_code, count(*) from new_rows where status = 'WAITING'
    group by hall_code, queue_code order by hall_code, queue_code
    on conflict (hall_code, queue_code) do update set waiting = queue_waiting.waiting + excluded.waiting;
    return null;
end $$;

create function ticket_waiting_moved() returns trigger language plpgsql as $$
begin
    insert into queue_waiting (hall_code, queue_code, waiting)
    select hall_code, queue_code, sum(change) from (
        select o.hall_code, o.queue_code, -1 as change
        from old_rows o join new_rows n on n.id = o.id
        where o.status = 'WAITING' and (n.status <> 'WAITING' or n.queue_code <> o.queue_code)
        union all
        select n.hall_code, n.queue_code, 1
        from old_rows o join new_rows n on n.id = o.id
        where n.status = 'WAITING' and (o.status <> 'WAITING' or o.queue_code <> n.queue_code)) moves
    group by hall_code, queue_code having sum(change) <> 0 order by hall_code, queue_code
    on conflict (hall_code, queue_code) do update set waiting = queue_waiting.waiting + excluded.waiting;
    return null;
end $$;

create trigger ticket_waiting_added after insert on ticket
    referencing new table as new_rows for each statement execute function ticket_waiting_added();
create trigger ticket_waiting_moved after update on ticket
    referencing old table as old_rows new table as new_rows for each statement execute function ticket_waiting_moved();
