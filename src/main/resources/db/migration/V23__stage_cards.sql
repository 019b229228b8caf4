-- Every card a case or a stage receives (docs/feedback.md, "Stage cards"): a PROXY case's local pre-review
-- stage has its own due (the item's localStageLimit); while the stage runs, that due is stored
-- (stage_due), and when it passes, the stage receives a RED card through the card machinery
-- (cases/sla/StageCards), recorded in case_card_change with stage 'LOCAL' (null: the case's own dues).
alter table service_case add column stage_due timestamptz, add column stage_card text;
alter table case_card_change add column stage text;

-- An explanation answers a card of the case or of one of its stages.
alter table case_explanation add column stage text;
drop index case_explanation_of;
create index case_explanation_of on case_explanation (case_id, card, stage, id);

-- The case KPIs count the case's own red and legal-breach cards, not its stages'.
create or replace view kpi_case_facts as
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
where g.card in ('RED', 'LEGAL_BREACH') and g.stage is null;

-- The running PROXY cases get their stage due stored by a re-timing after start (CalendarRetimer).
insert into calendar_retime_pending (calendar_id, reason)
select distinct calendar_id, 'local stage dues of PROXY cases' from service_case
where category = 'PROXY' and state in ('ACCEPTED', 'IN_REVIEW') and forwarded_at is null
on conflict (calendar_id) do nothing;
