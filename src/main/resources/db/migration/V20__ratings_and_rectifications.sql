-- 好差评 (docs/feedback.md): one rating per served ticket (一次一评) and one per closed case (一事一评), tied
-- when it is given to who served, at which window, for which item, department, category and channel.
-- A rating is never changed but for its exclusion after an upheld appeal (excluded_at): an excluded
-- rating counts nowhere.
create table rating (
    id            uuid primary key,
    subject       text        not null check (subject in ('TICKET', 'CASE')),
    ticket_id     uuid        unique references ticket (id),
    case_id       uuid        references service_case (id),
    hall_code     text        not null references hall (code),
    score         smallint    not null check (score between 1 and 5),
    attitude      smallint    check (attitude between 1 and 5),
    efficiency    smallint    check (efficiency between 1 and 5),
    quality       smallint    check (quality between 1 and 5),
    integrity     smallint    check (integrity between 1 and 5),
    comment       text,
    rated_at      timestamptz not null,
    -- the KPI period it belongs to (hall-local): a ticket's service date, a case's close date
    day           date        not null,
    clerk         text        not null default '',
    window_number int         not null default 0,
    item_code     text        not null default '',
    department    text        not null default '',
    category      text        not null default '',
    channel       text        not null,
    excluded_at   timestamptz,
    check ((subject = 'TICKET') = (ticket_id is not null)),
    check (subject = 'TICKET' or case_id is not null)
);
create unique index rating_one_per_case on rating (case_id) where subject = 'CASE';
create index rating_hall_day on rating (hall_code, day);

-- Ratings given before this version, from the tickets that carry them (no rectification is opened for
-- them: they were given before the loop existed, and count as bad ratings not rectified).
insert into rating (id, subject, ticket_id, case_id, hall_code, score, comment, rated_at, day, clerk, window_number,
                    item_code, department, category, channel)
select gen_random_uuid(), 'TICKET', t.id, t.case_id, t.hall_code, t.rating, t.rating_comment,
       coalesce(t.rated_at, t.finished_at, t.issued_at), t.service_date, coalesce(t.called_by, ''),
       coalesce(t.window_number, 0), coalesce(t.item_code, ''), coalesce(i.department, ''), coalesce(i.category, ''), t.channel
from ticket t left join service_item i on i.code = t.item_code
where t.rating is not null;

-- How long a hall's department has to answer a bad rating, in working days of the hall's calendar:
-- 回访 (contact the citizen) and 整改 (rectify and reply). Local rules range from 5 to 15 for the second.
alter table hall
    add column contact_working_days int not null default 1 check (contact_working_days between 1 and 30),
    add column rectify_working_days int not null default 15 check (rectify_working_days between 1 and 60),
    add check (contact_working_days <= rectify_working_days);

-- 差评整改: each bad rating (1 or 2) opens one, owned by the hall's supervisors. Its card columns are
-- the ones the card machinery reads for every subject (cases/sla/CardSubject): yellow_from (the contact
-- due while nobody has contacted the citizen, then one working day before the rectify due) and the
-- rectify due; they are stored at every move, so the sweep needs no calendar.
create table rectification (
    id            uuid primary key,
    rating_id     uuid        not null unique references rating (id),
    hall_code     text        not null references hall (code),
    department    text        not null default '',
    calendar_id   text        not null,
    -- the hall's deadlines when it was opened: a later change of the hall's does not move them, a
    -- calendar change re-times them with these
    contact_working_days int  not null,
    rectify_working_days int  not null,
    state         text        not null,
    appealed_from text,
    appealed_by   text,
    version       int         not null default 0,
    opened_at     timestamptz not null,
    contact_due   timestamptz not null,
    rectify_due   timestamptz not null,
    yellow_from   timestamptz,
    card          text        not null default 'GREEN',
    contacted_at  timestamptz,
    rectified_at  timestamptz,
    closed_at     timestamptz,
    excluded_at   timestamptz
);
create index rectification_hall_state on rectification (hall_code, state, rectify_due);

-- Every step, kept forever (全程留痕): who, when, from, to and the note.
create table rectification_step (
    id               bigserial primary key,
    rectification_id uuid        not null references rectification (id),
    at               timestamptz not null,
    actor            text        not null,
    action           text        not null,
    from_state       text,
    to_state         text        not null,
    note             text
);
create index rectification_step_of on rectification_step (rectification_id, id);

create function rectification_step_is_history() returns trigger language plpgsql as $$
begin
    raise exception 'rectification history is append-only';
end $$;
create trigger rectification_step_is_history before update or delete on rectification_step
    for each row execute function rectification_step_is_history();

-- Each card change of a rectification, recorded once by whichever instance's sweeper saw it first
-- (the same statement shape as case_card_change).
create table rectification_card_change (
    id               bigserial primary key,
    rectification_id uuid        not null references rectification (id),
    card             text        not null,
    at               timestamptz not null,
    due_at           timestamptz not null
);
create index rectification_card_change_of on rectification_card_change (rectification_id, id);
