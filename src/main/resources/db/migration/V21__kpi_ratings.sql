-- KPI rollups, third version (docs/kpis.md, "Ratings"): the ratings block reads the rating and
-- rectification tables (V20) instead of the ticket's rating column.
--
-- 1. Each rating that is not excluded has a fact row (kpi_rating_fact, from the view kpi_rating_facts):
--    one rating, satisfied (4 or 5), bad (1 or 2), rectified (bad, and its rectification CLOSED), on the
--    rating's day, at its clerk, window, item, department, category and channel. kpi_rating_day sums them,
--    with one row per hall and day alone (window_number -1), as kpi_ticket_day does. Ticket ratings and case
--    ratings are counted alike.
-- 2. A ticket's facts count it as rated (and satisfied, bad) from its rating when that is not excluded, so
--    an excluded rating makes its ticket unrated again.
-- 3. The numbering step's document gains "ratings" (the ratings the batch's events name) and report/RollupBatch
--    puts the ticket a rectification.moved names among "tickets"; kpi_events (mending) does the same.
-- 4. On an upgraded database, the ticket facts that differ from the rating table are refreshed and every
--    hall's rating rollups are built from the raw rows, under the numbering lock (kpi_recount_ratings).

-- Held until this migration commits: nothing is numbered (and counted) while facts are recomputed.
select pg_advisory_xact_lock(1371144193);

-- A ticket's facts with its rating figures from the rating table (not excluded) instead of ticket.rating: V16's
-- view (renamed) gives the rest, the same columns in the same order (its own rating columns, read from the ticket,
-- are not used). Only an outcome row (served) looks its rating up.
alter view kpi_ticket_facts rename to kpi_ticket_facts_of_ticket_rows;
create view kpi_ticket_facts as
select f.ticket_id, f.hall_code, f.day, f.queue_code, f.window_number, f.clerk, f.item_code, f.department, f.category, f.channel,
       f.called, f.served, f.no_show, f.cancelled, f.expired, f.within_15, f.wait_sum, f.walk_count, f.walk_sum,
       f.service_count, f.service_sum,
       (r.score is not null)::int as rated, coalesce(r.score >= 4, false)::int as satisfied, coalesce(r.score <= 2, false)::int as bad,
       f.wait_bucket, f.walk_bucket, f.service_bucket
from kpi_ticket_facts_of_ticket_rows f
left join rating r on f.served = 1 and r.ticket_id = f.ticket_id and r.excluded_at is null;

-- Ratings per day (the rating's day: a ticket's service date, a case's close date) and key; window_number
-- -1 is the row of the hall and day alone.
create table kpi_rating_day (
    hall_code     text   not null,
    day           date   not null,
    window_number int    not null,
    clerk         text   not null,
    item_code     text   not null,
    department    text   not null,
    category      text   not null,
    channel       text   not null,
    rated         bigint not null default 0,
    satisfied     bigint not null default 0,
    bad           bigint not null default 0,
    rectified     bigint not null default 0,
    primary key (hall_code, day, window_number, clerk, item_code, department, category, channel)
);
create index kpi_rating_day_hall_day on kpi_rating_day (hall_code, day) where window_number = -1;

-- A rating's fact row: the rating, and what it adds (at most 1 in each count) at the keys of kpi_rating_day.
create table kpi_rating_fact (
    rating_id uuid not null,
    like kpi_rating_day
);
create index kpi_rating_fact_rating on kpi_rating_fact (rating_id);
create index kpi_rating_fact_day on kpi_rating_fact (hall_code, day);

-- What a rating adds, unless it is excluded (an upheld appeal): it counts nowhere then. A bad rating
-- without a rectification (given before V20 opened them) is not rectified.
create view kpi_rating_facts as
select r.id as rating_id, r.hall_code, r.day, r.window_number, r.clerk, r.item_code, r.department, r.category, r.channel,
       1::bigint as rated, (r.score >= 4)::int::bigint as satisfied, (r.score <= 2)::int::bigint as bad,
       (r.score <= 2 and coalesce(x.state = 'CLOSED', false))::int::bigint as rectified
from rating r left join rectification x on x.rating_id = r.id
where r.excluded_at is null;

create function kpi_apply_rating_facts(facts kpi_rating_fact[], sign int) returns void language sql as $$
    insert into kpi_rating_day as d (hall_code, day, window_number, clerk, item_code, department, category, channel,
                                     rated, satisfied, bad, rectified)
    select hall_code, day, coalesce(window_number, -1), coalesce(clerk, ''), coalesce(item_code, ''), coalesce(department, ''),
           coalesce(category, ''), coalesce(channel, ''),
           sign * sum(rated), sign * sum(satisfied), sign * sum(bad), sign * sum(rectified)
    from unnest(facts) f
    group by grouping sets ((hall_code, day, window_number, clerk, item_code, department, category, channel), (hall_code, day))
    on conflict (hall_code, day, window_number, clerk, item_code, department, category, channel) do update set
        rated = d.rated + excluded.rated, satisfied = d.satisfied + excluded.satisfied, bad = d.bad + excluded.bad,
        rectified = d.rectified + excluded.rectified;
$$;

-- Replaces the facts of these ratings and adds the difference to the rollups: what they added is taken away, what
-- they add now is added (callers hold the numbering lock).
create function kpi_refresh_ratings(ids uuid[]) returns void language sql as $$
    with gone as (delete from kpi_rating_fact where rating_id = any(ids) returning *)
    select kpi_apply_rating_facts(array_agg(row(gone.*)::kpi_rating_fact), -1) from gone;
    with fresh as (insert into kpi_rating_fact select * from kpi_rating_facts where rating_id = any(ids) returning *)
    select kpi_apply_rating_facts(array_agg(row(fresh.*)::kpi_rating_fact), 1) from fresh;
$$;

-- A hall's rating rollups of [d_from, d_to] from the raw rows.
create function kpi_rebuild_ratings(p_hall text, d_from date, d_to date) returns void language plpgsql as $$
declare
    d date;
begin
    delete from kpi_rating_day where hall_code = p_hall and day between d_from and d_to;
    delete from kpi_rating_fact where hall_code = p_hall and day between d_from and d_to;
    insert into kpi_rating_fact select * from kpi_rating_facts where hall_code = p_hall and day between d_from and d_to;
    for d in select day from kpi_rating_fact where hall_code = p_hall and day between d_from and d_to group by day loop
        perform kpi_apply_rating_facts(array(select f from kpi_rating_fact f where hall_code = p_hall and day = d), 1);
    end loop;
end $$;

-- V17's counting, then the ratings the batch names ({"ratings": [{"hall", "id"}]}).
alter function kpi_count_halls(jsonb, text[]) rename to kpi_count_tickets_cases_windows;
create function kpi_count_halls(batch jsonb, halls text[]) returns void language plpgsql as $$
begin
    perform kpi_count_tickets_cases_windows(batch, halls);
    if jsonb_array_length(coalesce(batch -> 'ratings', '[]')) > 0 then
        perform kpi_refresh_ratings(array(
            select distinct r.id from jsonb_to_recordset(batch -> 'ratings') as r(hall text, id uuid)
            where r.hall = any(halls) and r.id is not null));
    end if;
end $$;

-- The events that name a rating (ratingId) and change its facts, or may: given, opened a rectification, moved it
-- (CLOSED counts as rectified, EXCLUDED takes it out), or carded it.
create function kpi_rating_event(type text) returns boolean language sql immutable as $$
    select type in ('ticket.rated', 'case.rated', 'rating.bad', 'rectification.moved', 'rectification.card')
$$;

-- V17's document for mending, with the ratings the events name and the tickets of rectification.moved (an
-- exclusion makes its ticket unrated); the same events, in the same order and number.
alter function kpi_events(text, bigint, int) rename to kpi_events_of_tickets_cases_windows;
create function kpi_events(p_hall text, after_seq bigint, max_events int) returns jsonb language sql stable as $$
    with e as (select o.type, o.payload
               from event_outbox o
               where o.hall_code = p_hall and o.seq > after_seq and o.seq is not null
               order by o.seq limit max_events),
         more as (select coalesce(jsonb_agg(jsonb_build_object('hall', p_hall, 'id', kpi_uuid(payload ->> 'ratingId')))
                                  filter (where kpi_rating_event(type)), '[]') as ratings,
                         coalesce(jsonb_agg(jsonb_build_object('hall', p_hall, 'id', kpi_uuid(payload ->> 'ticketId')))
                                  filter (where type = 'rectification.moved' and payload ? 'ticketId'), '[]') as tickets
                  from e)
    select d || jsonb_build_object('ratings', more.ratings, 'tickets', (d -> 'tickets') || more.tickets)
    from kpi_events_of_tickets_cases_windows(p_hall, after_seq, max_events) d, more
    where d is not null
$$;

-- V17's rebuild (which first counts whatever of the hall is behind), then the hall's ratings of the days asked.
alter function kpi_rebuild(text, date, date) rename to kpi_rebuild_tickets_cases_windows;
create function kpi_rebuild(p_hall text, d_from date, d_to date) returns void language plpgsql as $$
begin
    perform kpi_rebuild_tickets_cases_windows(p_hall, d_from, d_to);
    perform kpi_rebuild_ratings(p_hall, d_from, d_to);
end $$;

-- The upgrade's recount (and a repair for any database whose rating figures are in doubt), under the
-- numbering lock: the ticket facts whose rating figures differ from the rating table are refreshed (before
-- V21 they were counted from the ticket's column, so a rating given or excluded since V20 differs), then every
-- hall's rating rollups are built from the raw rows.
create function kpi_recount_ratings() returns void language plpgsql as $$
declare
    h record;
begin
    perform pg_advisory_xact_lock(1371144193);
    perform kpi_refresh_tickets(array(
        select f.ticket_id from kpi_ticket_fact f
        left join rating r on r.ticket_id = f.ticket_id and r.excluded_at is null
        where f.served = 1
          and (f.rated, f.satisfied, f.bad) is distinct from
              ((r.id is not null)::int, coalesce(r.score >= 4, false)::int, coalesce(r.score <= 2, false)::int)));
    for h in select code from hall loop
        perform kpi_rebuild_ratings(h.code, '1900-01-01', '2999-12-31');
    end loop;
end $$;

select kpi_recount_ratings();
