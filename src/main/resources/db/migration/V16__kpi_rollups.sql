-- KPI rollups (docs/kpis.md): per-day sums and histograms that GET /api/v1/reports/kpis reads instead of
-- raw rows. Each ticket and case has "fact" rows: what it adds to the rollups, computed from its raw rows
-- by the views below. When a ticket or case changes, the numbering step (report/Rollups) replaces its
-- facts and adds the difference to the rollups, in the numbering transaction; a rebuild recomputes a
-- hall's days from the raw rows with the same views. Because a refresh subtracts what the ticket added
-- before, a refresh run twice (a replayed batch) changes nothing, and a missed one is mended by the next
-- event of that ticket or case. Issued tickets are counted from the issue events' payloads (no ticket
-- lookup in an opening rush) and, in a rebuild, from the ticket rows.
-- Keys use '' (and window 0) for "none", so they can be primary keys.

-- Histogram bucket of a duration in seconds: 10 s to an hour, 1 min to 4 h, 10 min to a day, then one.
-- The same maths as report/Histogram.bucket (HistogramTest compares both).
create function kpi_bucket(seconds bigint) returns int language sql immutable as $$
    select case when seconds < 0 then 0
                when seconds < 3600 then (seconds / 10)::int
                when seconds < 14400 then 360 + ((seconds - 3600) / 60)::int
                when seconds < 86400 then 540 + ((seconds - 14400) / 600)::int
                else 660 end
$$;

-- Bucket of working days used: 0.05 working days, up to 100 working days, then one.
create function kpi_day_bucket(days numeric) returns int language sql immutable as $$
    select least(greatest(floor(days / 0.05), 0), 2000)::int
$$;

create function kpi_seconds(from_at timestamptz, to_at timestamptz) returns bigint language sql immutable as $$
    select greatest(floor(extract(epoch from to_at - from_at)), 0)::bigint
$$;

-- Each day has its fine rows (window_number >= 0: 0 = no window) and one row for the hall and day
-- alone (window_number -1, every other key ''), written by the same statements (grouping sets): a
-- report grouped by hall or period alone reads a few hundred of those a year instead of a million.
create table kpi_ticket_day (
    hall_code     text   not null,
    day           date   not null,
    queue_code    text   not null,
    window_number int    not null,
    clerk         text   not null,
    item_code     text   not null,
    department    text   not null,
    category      text   not null,
    channel       text   not null,
    issued        bigint not null default 0,
    called        bigint not null default 0,
    served        bigint not null default 0,
    no_show       bigint not null default 0,
    cancelled     bigint not null default 0,
    expired       bigint not null default 0,
    within_15     bigint not null default 0,
    wait_sum      bigint not null default 0,
    walk_count    bigint not null default 0,
    walk_sum      bigint not null default 0,
    service_count bigint not null default 0,
    service_sum   bigint not null default 0,
    rated         bigint not null default 0,
    satisfied     bigint not null default 0,
    bad           bigint not null default 0,
    primary key (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel)
);

create table kpi_ticket_hist (
    hall_code     text   not null,
    day           date   not null,
    queue_code    text   not null,
    window_number int    not null,
    clerk         text   not null,
    item_code     text   not null,
    department    text   not null,
    category      text   not null,
    channel       text   not null,
    measure       text   not null, -- wait, walk, service
    bucket        int    not null,
    count         bigint not null,
    primary key (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel, measure, bucket)
);

-- the rows of a hall and day alone, read without the fine rows
create index kpi_ticket_day_hall_day on kpi_ticket_day (hall_code, day) where window_number = -1;
create index kpi_ticket_hist_hall_day on kpi_ticket_hist (hall_code, day) include (measure, bucket, count) where window_number = -1;

create table kpi_ticket_fact (
    ticket_id      uuid   not null,
    hall_code      text   not null,
    day            date   not null,
    queue_code     text   not null,
    window_number  int    not null,
    clerk          text   not null,
    item_code      text   not null,
    department     text   not null,
    category       text   not null,
    channel        text   not null,
    called         int    not null,
    served         int    not null,
    no_show        int    not null,
    cancelled      int    not null,
    expired        int    not null,
    within_15      int    not null,
    wait_sum       bigint not null,
    walk_count     int    not null,
    walk_sum       bigint not null,
    service_count  int    not null,
    service_sum    bigint not null,
    rated          int    not null,
    satisfied      int    not null,
    bad            int    not null,
    wait_bucket    int,
    walk_bucket    int,
    service_bucket int
);
create index kpi_ticket_fact_ticket on kpi_ticket_fact (ticket_id);
create index kpi_ticket_fact_day on kpi_ticket_fact (hall_code, day);

-- What a ticket adds: its first call (wait) at the first calling window and clerk; its outcome (served,
-- no-show, cancelled, expired; walk, service, rating) at the window and clerk that served it last.
-- The CTE is read by both branches: NOT MATERIALIZED lets a caller's ticket filter reach the ticket
-- table (a materialized CTE would compute every ticket of every hall for each refresh).
create view kpi_ticket_facts as
with t as not materialized (
    select t.id, t.hall_code, t.service_date, t.issued_queue_code, coalesce(t.item_code, '') as item_code,
           coalesce(i.department, '') as department, coalesce(i.category, '') as category, t.channel, t.status,
           t.issued_at, t.window_number, t.called_by, t.started_at, t.finished_at, t.rating,
           fc.at as first_call_at, fc.window_number as first_window, fc.actor as first_clerk
    from ticket t
    left join service_item i on i.code = t.item_code
    left join lateral (select s.at, s.window_number, s.actor from ticket_step s
                       where s.ticket_id = t.id and s.step = 'CALLED' order by s.id limit 1) fc on true)
select id as ticket_id, hall_code, service_date as day, issued_queue_code as queue_code,
       coalesce(first_window, 0) as window_number, coalesce(first_clerk, '') as clerk, item_code, department, category, channel,
       1 as called, 0 as served, 0 as no_show, 0 as cancelled, 0 as expired,
       (kpi_seconds(issued_at, first_call_at) <= 900)::int as within_15, kpi_seconds(issued_at, first_call_at) as wait_sum,
       0 as walk_count, 0::bigint as walk_sum, 0 as service_count, 0::bigint as service_sum, 0 as rated, 0 as satisfied, 0 as bad,
       kpi_bucket(kpi_seconds(issued_at, first_call_at)) as wait_bucket, null::int as walk_bucket, null::int as service_bucket
from t where first_call_at is not null
union all
select id, hall_code, service_date, issued_queue_code,
       case when status in ('DONE', 'NO_SHOW') then coalesce(window_number, 0) else 0 end,
       case when status in ('DONE', 'NO_SHOW') then coalesce(called_by, '') else '' end,
       item_code, department, category, channel,
       0, (status = 'DONE')::int, (status = 'NO_SHOW')::int, (status = 'CANCELLED')::int, (status = 'EXPIRED')::int, 0, 0,
       (status = 'DONE' and started_at is not null and first_call_at is not null)::int,
       case when status = 'DONE' and started_at is not null and first_call_at is not null
            then kpi_seconds(first_call_at, started_at) else 0 end,
       (status = 'DONE' and started_at is not null and finished_at is not null)::int,
       case when status = 'DONE' and started_at is not null and finished_at is not null
            then kpi_seconds(started_at, finished_at) else 0 end,
       (status = 'DONE' and rating is not null)::int, (status = 'DONE' and coalesce(rating, 0) >= 4)::int,
       (status = 'DONE' and coalesce(rating, 3) <= 2)::int,
       null,
       case when status = 'DONE' and started_at is not null and first_call_at is not null
            then kpi_bucket(kpi_seconds(first_call_at, started_at)) end,
       case when status = 'DONE' and started_at is not null and finished_at is not null
            then kpi_bucket(kpi_seconds(started_at, finished_at)) end
from t where status in ('DONE', 'NO_SHOW', 'CANCELLED', 'EXPIRED');

-- Adds fact rows (sign 1) or takes them away (sign -1) from the ticket rollups.
create function kpi_apply_ticket_facts(facts kpi_ticket_fact[], sign int) returns void language sql as $$
    insert into kpi_ticket_day as d (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel,
                                     called, served, no_show, cancelled, expired, within_15, wait_sum, walk_count, walk_sum,
                                     service_count, service_sum, rated, satisfied, bad)
    select hall_code, day, coalesce(queue_code, ''), coalesce(window_number, -1), coalesce(clerk, ''), coalesce(item_code, ''),
           coalesce(department, ''), coalesce(category, ''), coalesce(channel, ''),
           sign * sum(called), sign * sum(served), sign * sum(no_show), sign * sum(cancelled), sign * sum(expired),
           sign * sum(within_15), sign * sum(wait_sum), sign * sum(walk_count), sign * sum(walk_sum),
           sign * sum(service_count), sign * sum(service_sum), sign * sum(rated), sign * sum(satisfied), sign * sum(bad)
    from unnest(facts) f
    group by grouping sets ((hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel), (hall_code, day))
    on conflict (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel) do update set
        called = d.called + excluded.called, served = d.served + excluded.served, no_show = d.no_show + excluded.no_show,
        cancelled = d.cancelled + excluded.cancelled, expired = d.expired + excluded.expired,
        within_15 = d.within_15 + excluded.within_15, wait_sum = d.wait_sum + excluded.wait_sum,
        walk_count = d.walk_count + excluded.walk_count, walk_sum = d.walk_sum + excluded.walk_sum,
        service_count = d.service_count + excluded.service_count, service_sum = d.service_sum + excluded.service_sum,
        rated = d.rated + excluded.rated, satisfied = d.satisfied + excluded.satisfied, bad = d.bad + excluded.bad;
    insert into kpi_ticket_hist as h (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel,
                                      measure, bucket, count)
    select hall_code, day, coalesce(queue_code, ''), coalesce(window_number, -1), coalesce(clerk, ''), coalesce(item_code, ''),
           coalesce(department, ''), coalesce(category, ''), coalesce(channel, ''),
           m.measure, m.bucket, sign * count(*)
    from unnest(facts) f
    cross join lateral (values ('wait', f.wait_bucket), ('walk', f.walk_bucket), ('service', f.service_bucket)) as m(measure, bucket)
    where m.bucket is not null
    group by grouping sets ((hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel, m.measure, m.bucket), (hall_code, day, m.measure, m.bucket))
    on conflict (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel, measure, bucket)
        do update set count = h.count + excluded.count;
$$;

-- Replaces the facts of these tickets and adds the difference to the rollups.
create function kpi_refresh_tickets(ids uuid[]) returns void language plpgsql as $$
declare
    old kpi_ticket_fact[];
    new kpi_ticket_fact[];
begin
    if cardinality(ids) = 0 then
        return;
    end if;
    -- callers hold the numbering lock (OutboxPublisher.SEQUENCE_LOCK): one refresh at a time
    with gone as (delete from kpi_ticket_fact where ticket_id = any(ids) returning *)
    select array_agg(gone) into old from gone;
    select array_agg(row(f.*)::kpi_ticket_fact) into new from kpi_ticket_facts f where f.ticket_id = any(ids);
    insert into kpi_ticket_fact select * from unnest(new);
    if old is not null then
        perform kpi_apply_ticket_facts(old, -1);
    end if;
    if new is not null then
        perform kpi_apply_ticket_facts(new, 1);
    end if;
end $$;

create table kpi_case_day (
    hall_code         text    not null,
    day               date    not null,
    department        text    not null,
    item_code         text    not null,
    category          text    not null,
    channel           text    not null,
    accepted          bigint  not null default 0,
    accepted_closed   bigint  not null default 0,
    immediate         bigint  not null default 0,
    closed            bigint  not null default 0,
    closed_on_time    bigint  not null default 0,
    used_count        bigint  not null default 0,
    used_sum          numeric not null default 0,
    speed_used_sum    numeric not null default 0,
    statutory_sum     numeric not null default 0,
    one_visit         bigint  not null default 0,
    notice_violations bigint  not null default 0,
    red               bigint  not null default 0,
    legal_breach      bigint  not null default 0,
    primary key (hall_code, day, department, item_code, category, channel)
);

create table kpi_case_hist (
    hall_code  text   not null,
    day        date   not null,
    department text   not null,
    item_code  text   not null,
    category   text   not null,
    channel    text   not null,
    bucket     int    not null,
    count      bigint not null,
    primary key (hall_code, day, department, item_code, category, channel, bucket)
);

-- Working days a closed case used and its statutory limit in working days, computed in Java on the
-- case's calendar when the case's close is numbered (or by a rebuild): SQL cannot count working days.
create table kpi_case_close (
    case_id                uuid primary key references service_case (id),
    working_days_used      numeric not null,
    statutory_working_days numeric
);

create table kpi_case_fact (
    case_id           uuid    not null,
    hall_code         text    not null,
    day               date    not null,
    department        text    not null,
    item_code         text    not null,
    category          text    not null,
    channel           text    not null,
    accepted          int     not null,
    accepted_closed   int     not null,
    immediate         int     not null,
    closed            int     not null,
    closed_on_time    int     not null,
    used_count        int     not null,
    used_sum          numeric not null,
    speed_used_sum    numeric not null,
    statutory_sum     numeric not null,
    one_visit         int     not null,
    notice_violations int     not null,
    red               int     not null,
    legal_breach      int     not null,
    used_bucket       int
);
create index kpi_case_fact_case on kpi_case_fact (case_id);
create index kpi_case_fact_day on kpi_case_fact (hall_code, day);

-- What a case adds: on its acceptance day (accepted, closed by now, immediate), on its close day (closed,
-- on time, working days, visits, notice violations) and on the day of each red or legal-breach card.
-- NOT MATERIALIZED for the same reason as kpi_ticket_facts: a refresh reads only its cases.
create view kpi_case_facts as
with c as not materialized (
    select c.*, k.timezone, (c.closed_at is not null and c.state in ('APPROVED', 'REJECTED', 'DELIVERED')) as is_closed
    from service_case c join hall h on h.code = c.hall_code join calendar k on k.id = h.calendar_id)
select c.id as case_id, c.hall_code, (c.accepted_at at time zone c.timezone)::date as day, c.department, c.item_code,
       c.category, c.channel, 1 as accepted, c.is_closed::int as accepted_closed, (c.category = 'IMMEDIATE')::int as immediate,
       0 as closed, 0 as closed_on_time, 0 as used_count, 0::numeric as used_sum, 0::numeric as speed_used_sum,
       0::numeric as statutory_sum, 0 as one_visit, 0 as notice_violations, 0 as red, 0 as legal_breach, null::int as used_bucket
from c where c.accepted_at is not null
union all
select c.id, c.hall_code, (c.closed_at at time zone c.timezone)::date, c.department, c.item_code, c.category, c.channel,
       0, 0, 0, 1, (c.committed_due is not null and c.closed_at <= c.committed_due)::int,
       (k.case_id is not null)::int, coalesce(k.working_days_used, 0),
       case when k.statutory_working_days > 0 then k.working_days_used else 0 end,
       case when k.statutory_working_days > 0 then k.statutory_working_days else 0 end,
       ((select count(*) from case_visit v where v.case_id = c.id) <= 1)::int, c.one_time_notice_violations, 0, 0,
       case when k.case_id is not null then kpi_day_bucket(k.working_days_used) end
from c left join kpi_case_close k on k.case_id = c.id
where c.is_closed
union all
select c.id, c.hall_code, (g.at at time zone c.timezone)::date, c.department, c.item_code, c.category, c.channel,
       0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (g.card = 'RED')::int, (g.card = 'LEGAL_BREACH')::int, null
from c join case_card_change g on g.case_id = c.id
where g.card in ('RED', 'LEGAL_BREACH');

create function kpi_apply_case_facts(facts kpi_case_fact[], sign int) returns void language sql as $$
    insert into kpi_case_day as d (hall_code, day, department, item_code, category, channel, accepted, accepted_closed, immediate,
                                   closed, closed_on_time, used_count, used_sum, speed_used_sum, statutory_sum, one_visit,
                                   notice_violations, red, legal_breach)
    select hall_code, day, department, item_code, category, channel, sign * sum(accepted), sign * sum(accepted_closed),
           sign * sum(immediate), sign * sum(closed), sign * sum(closed_on_time), sign * sum(used_count), sign * sum(used_sum),
           sign * sum(speed_used_sum), sign * sum(statutory_sum), sign * sum(one_visit), sign * sum(notice_violations),
           sign * sum(red), sign * sum(legal_breach)
    from unnest(facts) f
    group by hall_code, day, department, item_code, category, channel
    on conflict (hall_code, day, department, item_code, category, channel) do update set
        accepted = d.accepted + excluded.accepted, accepted_closed = d.accepted_closed + excluded.accepted_closed,
        immediate = d.immediate + excluded.immediate, closed = d.closed + excluded.closed,
        closed_on_time = d.closed_on_time + excluded.closed_on_time, used_count = d.used_count + excluded.used_count,
        used_sum = d.used_sum + excluded.used_sum, speed_used_sum = d.speed_used_sum + excluded.speed_used_sum,
        statutory_sum = d.statutory_sum + excluded.statutory_sum, one_visit = d.one_visit + excluded.one_visit,
        notice_violations = d.notice_violations + excluded.notice_violations, red = d.red + excluded.red,
        legal_breach = d.legal_breach + excluded.legal_breach;
    insert into kpi_case_hist as h (hall_code, day, department, item_code, category, channel, bucket, count)
    select hall_code, day, department, item_code, category, channel, used_bucket, sign * count(*)
    from unnest(facts) f where used_bucket is not null
    group by hall_code, day, department, item_code, category, channel, used_bucket
    on conflict (hall_code, day, department, item_code, category, channel, bucket) do update set count = h.count + excluded.count;
$$;

create function kpi_refresh_cases(ids uuid[]) returns void language plpgsql as $$
declare
    old kpi_case_fact[];
    new kpi_case_fact[];
begin
    if cardinality(ids) = 0 then
        return;
    end if;
    with gone as (delete from kpi_case_fact where case_id = any(ids) returning *)
    select array_agg(gone) into old from gone;
    select array_agg(row(f.*)::kpi_case_fact) into new from kpi_case_facts f where f.case_id = any(ids);
    insert into kpi_case_fact select * from unnest(new);
    if old is not null then
        perform kpi_apply_case_facts(old, -1);
    end if;
    if new is not null then
        perform kpi_apply_case_facts(new, 1);
    end if;
end $$;

-- Seconds each window was OPEN per hall-local day, from the window.status events, and since when an
-- open window is open (the report adds that running interval up to its now).
create table kpi_window_day (
    hall_code     text   not null,
    window_number int    not null,
    day           date   not null,
    open_seconds  bigint not null,
    primary key (hall_code, window_number, day)
);

create table kpi_window_state (
    hall_code     text not null,
    window_number int  not null,
    open_since    timestamptz,
    last_event    bigint not null default 0, -- events up to this id are counted: a re-run counts none twice
    primary key (hall_code, window_number)
);

-- A window created OPEN is open from its creation (window creation sends no window.status event): the
-- creation is kept as a raw row, so a rebuild replays it before the window's events.
create table kpi_window_created (
    hall_code     text        not null,
    window_number int         not null,
    at            timestamptz not null,
    primary key (hall_code, window_number)
);

create function kpi_window_created() returns trigger language plpgsql as $$
begin
    insert into kpi_window_created values (new.hall_code, new.number, new.updated_at)
    on conflict (hall_code, window_number) do update set at = excluded.at;
    insert into kpi_window_state (hall_code, window_number, open_since, last_event)
    values (new.hall_code, new.number, new.updated_at, 0)
    on conflict (hall_code, window_number) do nothing;
    return null;
end $$;
create trigger kpi_window_created after insert on hall_window
    for each row when (new.status = 'OPEN') execute function kpi_window_created();

-- An interval [from_at, to_at) split into hall-local days.
create function kpi_split_days(tz text, from_at timestamptz, to_at timestamptz)
    returns table (day date, seconds bigint) language sql immutable as $$
    select d::date, kpi_seconds(greatest(from_at, d::timestamp at time zone tz), least(to_at, (d::date + 1)::timestamp at time zone tz))
    from generate_series((from_at at time zone tz)::date::timestamp, (to_at at time zone tz)::date::timestamp, interval '1 day') d
    where to_at > from_at
$$;

create function kpi_window_status(event_id bigint, p_hall text, win int, status text, at timestamptz) returns void language plpgsql as $$
declare
    since timestamptz;
    counted bigint;
    tz text;
begin
    select open_since, last_event into since, counted from kpi_window_state
    where hall_code = p_hall and window_number = win for update;
    if event_id <= coalesce(counted, 0) then
        return;
    end if;
    if status = 'OPEN' then
        insert into kpi_window_state values (p_hall, win, at, event_id)
        on conflict (hall_code, window_number) do update
            set open_since = coalesce(kpi_window_state.open_since, excluded.open_since), last_event = event_id;
    else
        if since is not null then
            select k.timezone into tz from hall h join calendar k on k.id = h.calendar_id where h.code = p_hall;
            insert into kpi_window_day as w (hall_code, window_number, day, open_seconds)
            select p_hall, win, s.day, s.seconds from kpi_split_days(tz, since, at) s
            on conflict (hall_code, window_number, day) do update set open_seconds = w.open_seconds + excluded.open_seconds;
        end if;
        insert into kpi_window_state values (p_hall, win, null, event_id)
        on conflict (hall_code, window_number) do update set open_since = null, last_event = event_id;
    end if;
end $$;

create function kpi_event_at(e event_outbox) returns timestamptz language sql stable as $$
    select coalesce((e.payload ->> 'at')::timestamptz, e.created_at)
$$;

-- The last event number (per hall) the rollups have counted: numbers are given in numbering order, so
-- an event at or below it was counted, and a batch run again counts nothing twice.
create table kpi_numbered (
    hall_code text primary key,
    last_seq  bigint not null
);

-- Everything a numbered batch adds to the rollups (the working days of closed cases are stored before).
create function kpi_number(batch bigint[]) returns void language plpgsql as $$
declare
    ev event_outbox;
    event_ids bigint[];
begin
    event_ids := array(select e.id from event_outbox e left join kpi_numbered n on n.hall_code = e.hall_code
                       where e.id = any(batch) and e.seq is not null and e.seq > coalesce(n.last_seq, 0));
    if cardinality(event_ids) = 0 then
        return;
    end if;
    insert into kpi_numbered as n (hall_code, last_seq)
    select hall_code, max(seq) from event_outbox where id = any(event_ids) group by hall_code
    on conflict (hall_code) do update set last_seq = greatest(n.last_seq, excluded.last_seq);
    insert into kpi_ticket_day as d (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel, issued)
    select hall_code, day, coalesce(queue_code, ''), case when grouping(window_number) = 1 then -1 else window_number end, coalesce(clerk, ''), coalesce(item_code, ''),
           coalesce(department, ''), coalesce(category, ''), coalesce(channel, ''), count(*)
    from (select e.hall_code, (kpi_event_at(e) at time zone k.timezone)::date as day, e.payload ->> 'queue' as queue_code,
                 0 as window_number, '' as clerk, coalesce(e.payload ->> 'item', '') as item_code,
                 coalesce(i.department, '') as department, coalesce(i.category, '') as category, e.payload ->> 'channel' as channel
          from event_outbox e join hall h on h.code = e.hall_code join calendar k on k.id = h.calendar_id
          left join service_item i on i.code = e.payload ->> 'item'
          where e.id = any(event_ids) and e.type = 'ticket.issued') x
    group by grouping sets ((hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel), (hall_code, day))
    on conflict (hall_code, day, queue_code, window_number, clerk, item_code, department, category, channel)
        do update set issued = d.issued + excluded.issued;
    perform kpi_refresh_tickets(array(
        select distinct (payload ->> 'ticketId')::uuid from event_outbox
        where id = any(event_ids) and type like 'ticket.%' and type not in ('ticket.issued', 'ticket.recalled')));
    perform kpi_refresh_cases(array(
        select distinct (payload ->> 'caseId')::uuid from event_outbox
        where id = any(event_ids) and type in ('case.moved', 'sla.card')
        union
        select v.case_id from event_outbox o join case_visit v on v.ticket_id = (o.payload ->> 'ticketId')::uuid
        where o.id = any(event_ids) and o.type = 'ticket.finished'));
    for ev in select * from event_outbox where id = any(event_ids) and type = 'window.status' order by id loop
        perform kpi_window_status(ev.id, ev.hall_code, (ev.payload ->> 'window')::int, ev.payload ->> 'status', kpi_event_at(ev));
    end loop;
end $$;

-- A hall's rollups of [d_from, d_to] recomputed from the raw rows. Window time is replayed from the
-- hall's window.status events for all its days (there are few); windows open without an event since
-- before this version count from their last change.
create function kpi_rebuild(p_hall text, d_from date, d_to date) returns void language plpgsql as $$
declare
    ev event_outbox;
    d date;
begin
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
            and t.id not in (select (o.payload ->> 'ticketId')::uuid from event_outbox o
                             where o.seq is null and o.type = 'ticket.issued' and o.hall_code = p_hall)) x
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
    for ev in select * from event_outbox o where o.hall_code = p_hall and o.type = 'window.status' order by o.id loop
        perform kpi_window_status(ev.id, ev.hall_code, (ev.payload ->> 'window')::int, ev.payload ->> 'status', kpi_event_at(ev));
    end loop;
    insert into kpi_window_state (hall_code, window_number, open_since, last_event)
    select w.hall_code, w.number, w.updated_at, 0 from hall_window w
    where w.hall_code = p_hall and w.status = 'OPEN'
    on conflict do nothing;
end $$;

-- Upgrade: the past of every hall. Closed cases get their working days when a rebuild runs from the
-- service (report/Rollups.rebuild), which has their calendars.
insert into kpi_numbered (hall_code, last_seq) select hall_code, last_seq from hall_event_seq;

do $$
declare
    h record;
begin
    for h in select code from hall loop
        perform kpi_rebuild(h.code, '1900-01-01', '2999-12-31');
    end loop;
end $$;
