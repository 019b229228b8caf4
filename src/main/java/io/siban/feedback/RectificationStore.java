package io.siban.feedback;

import io.siban.outbox.Outbox;

/** Every statement of the rectifications. */
final class RectificationStore {
    private RectificationStore() {
    }

    /** The hall's calendar and answer deadlines ($1 hall). */
    static final String HALL_SETTINGS = "select calendar_id, contact_working_days, rectify_working_days from hall where code = $1";

    /** New deadlines ($1 hall, $2 contact, $3 rectify), answering the old ones too. */
    static final String SET_HALL_SETTINGS = """
            update hall h set contact_working_days = $2, rectify_working_days = $3
            from (select code, contact_working_days, rectify_working_days from hall where code = $1 for update) old
            where h.code = old.code
            returning h.contact_working_days, h.rectify_working_days, old.contact_working_days as old_contact,
                      old.rectify_working_days as old_rectify""";

    /**
     * $1 id, $2 rating, $3 hall, $4 department, $5 calendar, $6 opened, $7 contact due, $8 rectify due, $9 yellow from,
     * $10 and $11 the hall's working days for them.
     */
    static final String OPEN = """
            insert into rectification (id, rating_id, hall_code, department, calendar_id, state, opened_at, contact_due, rectify_due,
                                       yellow_from, contact_working_days, rectify_working_days)
            values ($1, $2, $3, $4, $5, 'OPEN', $6, $7, $8, $9, $10, $11)""";

    /** The running rectifications on a calendar ($1), to re-time after it changed. */
    static final String RUNNING_ON_CALENDAR = "select id from rectification where calendar_id = $1 and state in " + RectificationSql.RUNNING;

    /** A running one locked for re-timing ($1 id). */
    static final String LOCK_TO_RETIME = """
            select id, hall_code, state, appealed_from, opened_at, contact_working_days, rectify_working_days from rectification
            where id = $1 and state in %s for update""".formatted(RectificationSql.RUNNING);

    /** New dues ($1 id, $2 contact, $3 rectify, $4 yellow from). */
    static final String RETIME = "update rectification set contact_due = $2, rectify_due = $3, yellow_from = $4 where id = $1";

    /** $1 rectification, $2 at, $3 actor, $4 action, $5 from, $6 to, $7 note. */
    static final String STEP = """
            insert into rectification_step (rectification_id, at, actor, action, from_state, to_state, note)
            values ($1, $2, $3, $4, $5, $6, $7)""";

    /** The rectification locked for a move, with the clerk who was rated ($1 id). */
    static final String LOCK = "select r.id, r.hall_code, r.department, r.state, r.appealed_from, r.appealed_by, r.version, r.calendar_id, r.contact_due, "
            + "r.rectify_due, g.clerk as rated_clerk from rectification r join rating g on g.id = r.rating_id where r.id = $1 for update of r";

    /**
     * A move ($1 id, $2 version read, $3 to, $4 appealed from, $5 appealed by, $6 yellow from, $7 at):
     * the first time a state is reached is kept. No row when the version is stale.
     */
    static final String MOVE = """
            update rectification set state = $3, version = version + 1, appealed_from = $4, appealed_by = $5, yellow_from = $6,
                   contacted_at = case when $3 = 'CONTACTED' then coalesce(contacted_at, $7) else contacted_at end,
                   rectified_at = case when $3 = 'RECTIFIED' then coalesce(rectified_at, $7) else rectified_at end,
                   closed_at = case when $3 = 'CLOSED' then $7 else closed_at end,
                   excluded_at = case when $3 = 'EXCLUDED' then $7 else excluded_at end
            where id = $1 and version = $2
            returning rating_id, version, yellow_from, rectify_due""";

    static final String EXCLUDE_RATING = "update rating set excluded_at = $2 where id = $1";

    /** What the moved event names: the rating and what it rated. */
    static final String RATED = "select ticket_id, case_id from rating where id = $1";

    /** A rectification with its rating, for the views. */
    static final String VIEW = """
            select r.id, r.hall_code, r.department, r.state, r.card, r.version, r.opened_at, r.contact_due, r.rectify_due,
                   r.contacted_at, r.rectified_at, r.closed_at, r.excluded_at, r.appealed_from, r.appealed_by,
                   %s as contact_overdue, (r.state in %s and r.rectify_due <= $%%d) as rectify_overdue,
                   g.subject, g.score, g.attitude, g.efficiency, g.quality, g.integrity, g.comment, g.rated_at, g.clerk,
                   g.window_number, g.item_code, i.name as item_name, g.category, g.channel, t.number as ticket_number,
                   c.case_number
            from rectification r
            join rating g on g.id = r.rating_id
            left join service_item i on i.code = g.item_code
            left join ticket t on t.id = g.ticket_id
            left join service_case c on c.id = g.case_id""".formatted("(r.state = 'OPEN' and r.contact_due <= $%1$d)",
            RectificationSql.RUNNING);

    /** One rectification ($1 id, $2 now). */
    static final String ONE = VIEW.formatted(2, 2) + "\nwhere r.id = $1";

    /**
     * A page ($1 halls or null for all, $2 state or null, $3 overdue or null, $4 department or null,
     * $5 now, $6 limit, $7 offset, $8 the departments the caller answers for or null): the unfinished first, the
     * soonest due first.
     */
    static final String PAGE = VIEW.formatted(5, 5) + """

            where ($1::text[] is null or r.hall_code = any($1)) and ($2::text is null or r.state = $2)
              and ($3::boolean is null or %s = $3) and ($4::text is null or r.department = $4)
              and ($8::text[] is null or r.department = any($8))
            order by r.state in %s, case when r.state = 'OPEN' then r.contact_due else r.rectify_due end, r.id
            limit $6 offset $7""".formatted(RectificationSql.overdue("r.", "$5"), RectificationSql.FINAL);

    static final String COUNT = """
            select count(*) from rectification r
            where ($1::text[] is null or r.hall_code = any($1)) and ($2::text is null or r.state = $2)
              and ($3::boolean is null or %s = $3) and ($4::text is null or r.department = $4)
              and ($6::text[] is null or r.department = any($6))""".formatted(RectificationSql.overdue("r.", "$5"));

    static final String STEPS = """
            select rectification_id, at, actor, action, from_state, to_state, note from rectification_step
            where rectification_id = any($1) order by rectification_id, id""";

    /** A hall's live counters ($1 hall, $2 now). */
    static final String RECOUNT = """
            select count(*) filter (where state not in %s) as open,
                   count(*) filter (where state = 'OPEN' and contact_due <= $2) as contact_overdue,
                   count(*) filter (where state in %s and yellow_from <= $2 and rectify_due > $2) as yellow,
                   count(*) filter (where state in %s and rectify_due <= $2) as red,
                   count(*) filter (where %s) as overdue
            from rectification where hall_code = $1""".formatted(RectificationSql.FINAL, RectificationSql.RUNNING,
            RectificationSql.RUNNING, RectificationSql.overdue("", "$2"));

    /**
     * The contact due while nobody has contacted the citizen: no card instant of its own (the card may
     * already be yellow from the warning), but the counters change at it, so the index wakes there too.
     */
    static final String UNCONTACTED_DUE = "case when state = 'OPEN' or appealed_from = 'OPEN' then contact_due end";

    /** The card sweep's statement ({@link io.siban.cases.sla.CardSubject#fire}). */
    static final String FIRE = Outbox.sql("""
            with cur as (
                select id, hall_code, rating_id, department, yellow_from, rectify_due, card as old_card, %s as new_card,
                       %s as uncontacted_due
                from rectification
                where id = any($1) and state in %s
                for update),
            changed as (
                update rectification r set card = cur.new_card from cur
                where r.id = cur.id and cur.old_card is distinct from cur.new_card
                returning r.id),
            recorded as (
                insert into rectification_card_change (rectification_id, card, at, due_at)
                select cur.id, cur.new_card, $2, %s
                from cur join changed on changed.id = cur.id),
            events as (
                insert into outbox
                select cur.hall_code, 'rectification.card', jsonb_build_object('rectificationId', cur.id, 'ratingId', cur.rating_id,
                        'card', cur.new_card, 'previous', cur.old_card, 'department', cur.department, 'rectifyDue', cur.rectify_due, 'at', $2)
                from cur join changed on changed.id = cur.id)
            select cur.id, cur.hall_code, cur.yellow_from, cur.rectify_due as committed_due, cur.uncontacted_due as statutory_due,
                   changed.id is not null as fired
            from cur left join changed on changed.id = cur.id""".formatted(RectificationSql.card("", "$2"), UNCONTACTED_DUE,
            RectificationSql.RUNNING, RectificationSql.dueOf("cur.new_card", "cur.", "$2")));

    /** The card sweep's rebuild page ({@link io.siban.cases.sla.CardSubject#rebuild}). */
    static final String REBUILD = """
            select id, yellow_from, rectify_due as committed_due, %s as statutory_due, card is distinct from %s as behind
            from rectification where state in %s and id > $1
            order by id limit $3""".formatted(UNCONTACTED_DUE, RectificationSql.card("", "$2"), RectificationSql.RUNNING);
}
