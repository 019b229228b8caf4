-- KPI rollups, second version (docs/kpis.md, "How the rollups stay right").
--
-- 1. The numbering step no longer reads the batch's events back from event_outbox: report/Rollups sends
--    what they add, already read with the batch (issues grouped per minute, the tickets and cases they
--    name, window changes with their numbers), as one jsonb document to kpi_count. Reading ~900 events
--    back six times cost the issue path about 14 %.
-- 2. A hall's events are counted only when its batch directly follows the last counted number
--    (kpi_numbered). Events numbered without the rollups (by an instance of a version before V16 during a
--    rolling upgrade) or whose counting failed leave the hall behind; kpi_mend counts them from
--    event_outbox later, in number order, through the same kpi_count.
-- 3. Each hall is counted in its own exception block: an event whose counting fails holds back that hall's
--    rollups (until kpi_mend succeeds), never the numbering and delivery of events.
-- 4. A window's changes are ordered by event number, not by id (ids are given at insert, numbers in commit
--    order, which is the order the changes happened in).

-- Held until this migration commits: an instance of the V16 version numbering meanwhile (it holds or tries
-- this lock, OutboxPublisher.SEQUENCE_LOCK) never writes a window state by event id after the conversion.
select pg_advisory_xact_lock(1371144193);

update kpi_window_state s set last_event = coalesce((select e.seq from event_outbox e where e.id = s.last_event), 0)
where s.last_event > 0;

-- Instances of the V16 version still running during a rolling upgrade call this after numbering: it now
-- counts nothing, so their halls fall behind and kpi_mend counts those events once.
create or replace function kpi_number(batch bigint[]) returns void language plpgsql as $$
begin
    null;
end $$;

-- A text as a uuid, int or timestamptz; null when it is none (an event that cannot be read adds nothing
-- rather than stopping the count).
create function kpi_uuid(t text) returns uuid language sql immutable as $$
    select case when t ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then t::uuid end
$$;
create function kpi_int(t text) returns int language sql immutable as $$
    select case when t ~ '^-?[0-9]{1,9}$' then t::int end
$$;
create function kpi_time(t text) returns timestamptz language plpgsql stable as $$
begin
    -- the form the service writes (ISO 8601 with an offset) in this century only, as report/RollupBatch reads it
    if t !~ '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2})$' then
        return null;
    end if;
    return t::timestamptz;
exception when others then
    return null;
end $$;

-- Adds what a numbered batch's events add to the rollups. batch is
--   {"halls":    [{"hall", "first", "last"}]                        the numbers the batch gave each hall,
--    "issued":   [{"hall", "at", "queue", "item", "channel", "n"}]    issues, n of them at minute "at",
--    "tickets":  [{"hall", "id"}]                                     tickets whose facts changed,
--    "cases":    [{"hall", "id"}]                                     cases whose facts changed,
--    "finished": [{"hall", "id"}]                                     finished tickets (their visits' cases),
--    "windows":  [{"hall", "seq", "window", "status", "at"}]}         window changes.
-- A hall is counted when "first" directly follows its last counted number; a batch counted before (a
-- replay) and a hall behind (kpi_mend's work) are left alone. All halls are counted together; if that
-- fails, hall by hall, so one hall's failure holds back no other. Returns the halls whose counting
-- failed, with the error; their rollups wait for kpi_mend. Callers hold the numbering lock.
create function kpi_count(batch jsonb) returns text[] language plpgsql as $$
declare
    fresh text[];
    h text;
    failed text[] := '{}';
begin
    select array_agg(x.hall) into fresh
    from jsonb_to_recordset(coalesce(batch -> 'halls', '[]')) as x(hall text, first bigint, last bigint)
    left join kpi_numbered n on n.hall_code = x.hall
    where coalesce(n.last_seq, 0) = x.first - 1;
    if fresh is null then
        return failed;
    end if;
    begin
        perform kpi_count_halls(batch, fresh);
        return failed;
    exception when others then
        -- counted hall by hall below
    end;
    foreach h in array fresh loop
        begin
            perform kpi_count_halls(batch, array[h]);
        exception when others then
            failed := failed || (h || ': ' || sqlstate || ' ' || sqlerrm);
        end;
    end loop;
    return failed;
end $$;

-- kpi_count's work for the given halls of the batch (only the parts the batch has).
create function kpi_count_halls(batch jsonb, halls text[]) returns void language plpgsql as $$
declare
    w record;
begin
    insert into kpi_numbered (hall_code, last_seq)
    select x.hall, x.last from jsonb_to_recordset(batch -> 'halls') as x(hall text, first bigint, last bigint)
    where x.hall = any(halls)
    on conflict (hall_code) do update set last_seq = excluded.last_seq;

    if jsonb_array_length(coalesce(batch -> 'issued', '[]')) > 0 then
        insert into kpi_ticket_day as d (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel, issued)
        select hall_code, day, coalesce(queue_code, ''), case when grouping(window_number) = 1 then -1 else window_number end,
               coalesce(clerk, ''), coalesce(item_code, ''), coalesce(department, ''), coalesce(category, ''), coalesce(channel, ''), sum(n)
        from (select i.hall as hall_code, (i.at at time zone k.timezone)::date as day, coalesce(i.queue, '') as queue_code,
                     0 as window_number, '' as clerk, coalesce(i.item, '') as item_code, coalesce(s.department, '') as department,
                     coalesce(s.category, '') as category, coalesce(i.channel, '') as channel, i.n
              from jsonb_to_recordset(batch -> 'issued') as i(hall text, at timestamptz, queue text, item text, channel text, n int)
              join hall hh on hh.code = i.hall join calendar k on k.id = hh.calendar_id
              left join service_item s on s.code = i.item
              where i.hall = any(halls) and i.at is not null) x
        group by grouping sets ((hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel), (hall_code, day))
        on conflict (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel)
            do update set issued = d.issued + excluded.issued;
    end if;

    if jsonb_array_length(coalesce(batch -> 'tickets', '[]')) > 0 then
        perform kpi_refresh_tickets(array(
            select distinct t.id from jsonb_to_recordset(batch -> 'tickets') as t(hall text, id uuid)
            where t.hall = any(halls) and t.id is not null));
    end if;
    if jsonb_array_length(coalesce(batch -> 'cases', '[]')) + jsonb_array_length(coalesce(batch -> 'finished', '[]')) > 0 then
        perform kpi_refresh_cases(array(
            select c.id from jsonb_to_recordset(coalesce(batch -> 'cases', '[]')) as c(hall text, id uuid)
            where c.hall = any(halls) and c.id is not null
            union
            select v.case_id from jsonb_to_recordset(coalesce(batch -> 'finished', '[]')) as f(hall text, id uuid)
            join case_visit v on v.ticket_id = f.id
            where f.hall = any(halls)));
    end if;
    if jsonb_array_length(coalesce(batch -> 'windows', '[]')) > 0 then
        for w in select * from jsonb_to_recordset(batch -> 'windows')
                     as x(hall text, seq bigint, "window" int, status text, at timestamptz)
                 where x.hall = any(halls) and x.seq is not null and x."window" is not null and x.at is not null
                 order by x.hall, x.seq loop
            perform kpi_window_status(w.seq, w.hall, w."window", w.status, w.at);
        end loop;
    end if;
end $$;

-- The same document for the hall's events numbered after after_seq, at most max_events of them (null:
-- all), as report/Rollups builds it for a batch.
create function kpi_events(p_hall text, after_seq bigint, max_events int) returns jsonb language sql stable as $$
    with e as (select o.seq, o.type, o.payload, kpi_time(o.payload ->> 'at') as at
               from event_outbox o
               where o.hall_code = p_hall and o.seq > after_seq and o.seq is not null
               order by o.seq limit max_events)
    select case when count(*) = 0 then null else jsonb_build_object(
        'halls', jsonb_build_array(jsonb_build_object('hall', p_hall, 'first', min(seq), 'last', max(seq))),
        'issued', coalesce(jsonb_agg(jsonb_build_object('hall', p_hall, 'at', at, 'queue', payload ->> 'queue',
                                                        'item', payload ->> 'item', 'channel', payload ->> 'channel', 'n', 1))
                           filter (where type = 'ticket.issued'), '[]'),
        'tickets', coalesce(jsonb_agg(jsonb_build_object('hall', p_hall, 'id', kpi_uuid(payload ->> 'ticketId')))
                            filter (where type like 'ticket.%' and type not in ('ticket.issued', 'ticket.recalled')), '[]'),
        'cases', coalesce(jsonb_agg(jsonb_build_object('hall', p_hall, 'id', kpi_uuid(payload ->> 'caseId')))
                          filter (where type in ('case.moved', 'sla.card')), '[]'),
        'finished', coalesce(jsonb_agg(jsonb_build_object('hall', p_hall, 'id', kpi_uuid(payload ->> 'ticketId')))
                             filter (where type = 'ticket.finished'), '[]'),
        'windows', coalesce(jsonb_agg(jsonb_build_object('hall', p_hall, 'seq', seq, 'window', kpi_int(payload ->> 'window'),
                                                         'status', payload ->> 'status', 'at', at))
                            filter (where type = 'window.status'), '[]')) end
    from e
$$;

-- Counts the hall's events after its last counted number (at most max_events; null: all). Callers hold
-- the numbering lock. Returns the error when counting failed, null otherwise.
create function kpi_mend(p_hall text, max_events int) returns text language plpgsql as $$
declare
    batch jsonb;
    failed text[];
begin
    batch := kpi_events(p_hall, coalesce((select last_seq from kpi_numbered where hall_code = p_hall), 0), max_events);
    if batch is null then
        return null;
    end if;
    failed := kpi_count(batch);
    return case when cardinality(failed) = 0 then null else failed[1] end;
end $$;

-- The halls whose numbered events are not all counted, with how many are not.
create view kpi_behind as
select s.hall_code, s.last_seq - coalesce(n.last_seq, 0) as events
from hall_event_seq s left join kpi_numbered n on n.hall_code = s.hall_code
where s.last_seq > coalesce(n.last_seq, 0);

-- V16's rebuild, first counting whatever of the hall is behind (so no event is counted both from raw
-- rows and later from its event), and replaying window changes in number order.
create or replace function kpi_rebuild(p_hall text, d_from date, d_to date) returns void language plpgsql as $$
declare
    ev record;
    d date;
    failed text;
begin
    loop
        exit when not exists (select 1 from kpi_behind b where b.hall_code = p_hall);
        failed := kpi_mend(p_hall, 5000);
        if failed is not null then
            -- events that cannot be counted: the rebuild counts what they did from the raw rows instead,
            -- for the days it covers (all of them when asked for every day)
            raise warning 'KPI rebuild of hall %: events numbered % to % skipped, they could not be counted (%)', p_hall,
                (select coalesce(n.last_seq, 0) + 1 from hall_event_seq s left join kpi_numbered n on n.hall_code = s.hall_code where s.hall_code = p_hall),
                (select s.last_seq from hall_event_seq s where s.hall_code = p_hall), failed;
            insert into kpi_numbered (hall_code, last_seq) select hall_code, last_seq from hall_event_seq where hall_code = p_hall
            on conflict (hall_code) do update set last_seq = excluded.last_seq;
        end if;
    end loop;
    delete from kpi_ticket_day where hall_code = p_hall and day between d_from and d_to;
    delete from kpi_ticket_hist where hall_code = p_hall and day between d_from and d_to;
    delete from kpi_ticket_fact where hall_code = p_hall and day between d_from and d_to;
    insert into kpi_ticket_fact select * from kpi_ticket_facts where hall_code = p_hall and day between d_from and d_to;
    insert into kpi_ticket_day (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel, issued)
    select hall_code, day, coalesce(queue_code, ''), case when grouping(window_number) = 1 then -1 else window_number end, coalesce(clerk, ''), coalesce(item_code, ''),
           coalesce(department, ''), coalesce(category, ''), coalesce(channel, ''), count(*)
    from (select t.hall_code, t.service_date as day, t.issued_queue_code as queue_code, 0 as window_number, '' as clerk,
                 coalesce(t.item_code, '') as item_code, coalesce(i.department, '') as department,
                 coalesce(i.category, '') as category, t.channel
          from ticket t left join service_item i on i.code = t.item_code
          where t.hall_code = p_hall and t.service_date between d_from and d_to
            -- a ticket whose issue is not numbered yet is counted when it is
            and not exists (select 1 from event_outbox o
                            where o.seq is null and o.type = 'ticket.issued' and o.hall_code = p_hall
                              and kpi_uuid(o.payload ->> 'ticketId') = t.id)) x
    group by grouping sets ((hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel), (hall_code, day));
    -- a day at a time: a year of a city hall is millions of facts
    for d in select day from kpi_ticket_fact where hall_code = p_hall and day between d_from and d_to group by day loop
        perform kpi_apply_ticket_facts(array(select f from kpi_ticket_fact f where hall_code = p_hall and day = d), 1);
    end loop;

    delete from kpi_case_day where hall_code = p_hall and day between d_from and d_to;
    delete from kpi_case_hist where hall_code = p_hall and day between d_from and d_to;
    delete from kpi_case_fact where hall_code = p_hall and day between d_from and d_to;
    insert into kpi_case_fact select * from kpi_case_facts where hall_code = p_hall and day between d_from and d_to;
    for d in select day from kpi_case_fact where hall_code = p_hall and day between d_from and d_to group by day loop
        perform kpi_apply_case_facts(array(select f from kpi_case_fact f where hall_code = p_hall and day = d), 1);
    end loop;

    delete from kpi_window_day w where w.hall_code = p_hall;
    delete from kpi_window_state s where s.hall_code = p_hall;
    insert into kpi_window_state (hall_code, window_number, open_since, last_event)
    select c.hall_code, c.window_number, c.at, 0 from kpi_window_created c where c.hall_code = p_hall;
    for ev in select o.seq, o.payload, kpi_time(o.payload ->> 'at') as at from event_outbox o
              where o.hall_code = p_hall and o.type = 'window.status' and o.seq is not null order by o.seq loop
        if kpi_int(ev.payload ->> 'window') is not null and ev.at is not null then
            perform kpi_window_status(ev.seq, p_hall, kpi_int(ev.payload ->> 'window'), ev.payload ->> 'status', ev.at);
        end if;
    end loop;
    insert into kpi_window_state (hall_code, window_number, open_since, last_event)
    select w.hall_code, w.number, w.updated_at, 0 from hall_window w
    where w.hall_code = p_hall and w.status = 'OPEN'
    on conflict do nothing;
end $$;
