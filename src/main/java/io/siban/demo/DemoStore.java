package io.siban.demo;

/**
 * Every statement of the demo: what the history is planned from, the set-based writes of the history
 * (one statement per table and chunk, the rows sent as arrays and unnested), and the simulated flow's
 * reads of what its windows and cases are doing.
 */
final class DemoStore {
    private DemoStore() {
    }

    /** Idempotency keys of history tickets start with this: the mark that a database holds the history. */
    static final String HISTORY_KEY_PREFIX = "demo-history:";

    static final String LOCK = "select pg_advisory_xact_lock(hashtext('siban demo history'))";

    /** Whether any of the halls ($1) already holds the history. */
    static final String SEEDED = "select exists (select 1 from ticket where hall_code = any($1) and idempotency_key like '"
            + HISTORY_KEY_PREFIX + "%') as seeded";

    static final String CALENDAR_OF = "select calendar_id, contact_working_days, rectify_working_days from hall where code = $1";
    static final String QUEUES = "select code, prefix from hall_queue where hall_code = $1 order by code";
    static final String WINDOWS = "select number, queues from hall_window where hall_code = $1 order by number";
    static final String ITEMS = """
            select code, name, department, category, committed_days, committed_seconds, statutory_days, statutory_seconds,
                   local_stage_days, warning_threshold_seconds, online_capable, queue_code, required_documents
            from service_item order by code""";
    /** Days of the period ($2 to before $3) on which the hall ($1) already has tickets. */
    static final String DAYS_WITH_TICKETS = "select distinct service_date from ticket where hall_code = $1 "
            + "and service_date >= $2 and service_date < $3";

    static final String INSERT_TICKETS = """
            insert into ticket (id, hall_code, queue_code, issued_queue_code, service_date, seq, number, item_code, channel, priority,
                status, line_key, issued_at, window_number, called_at, called_by, call_reason, call_detail, started_at, finished_at,
                no_show_at, cancelled_at, outcome, case_id, missing_documents, rating, rating_comment, rated_at, appointment_id,
                idempotency_key)
            select t.id, $1, t.queue, t.queue, t.day, t.seq, t.number, t.item, t.channel, t.priority, t.status, t.line_key,
                   t.issued_at, t.window_number, t.called_at, t.called_by, t.call_reason, t.call_detail, t.started_at, t.finished_at,
                   t.no_show_at, t.cancelled_at, t.outcome, t.case_id, string_to_array(t.missing, '|'), t.rating, t.rating_comment,
                   t.rated_at, t.appointment_id, t.key
            from unnest($2::uuid[], $3::text[], $4::date[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                        $11::timestamptz[], $12::timestamptz[], $13::int[], $14::timestamptz[], $15::text[], $16::text[],
                        $17::text[], $18::timestamptz[], $19::timestamptz[], $20::timestamptz[], $21::timestamptz[], $22::text[],
                        $23::uuid[], $24::text[], $25::int[], $26::text[], $27::timestamptz[], $28::text[], $29::text[])
                 as t(id, queue, day, seq, number, item, channel, priority, status, line_key, issued_at, window_number, called_at,
                      called_by, call_reason, call_detail, started_at, finished_at, no_show_at, cancelled_at, outcome, case_id,
                      missing, rating, rating_comment, rated_at, appointment_id, key)""";

    static final String INSERT_STEPS = """
            insert into ticket_step (ticket_id, step, at, actor, window_number, detail)
            select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::int[], $6::text[])""";

    /** The day's number counters of the hall ($1) for the days written ($2), so the next ticket of such a day takes the next number. */
    static final String COUNTERS = """
            insert into ticket_counter (hall_code, queue_code, service_date, last_seq)
            select hall_code, issued_queue_code, service_date, max(seq) from ticket
            where hall_code = $1 and service_date = any($2::date[]) group by hall_code, issued_queue_code, service_date
            on conflict (hall_code, queue_code, service_date) do update set last_seq = greatest(ticket_counter.last_seq, excluded.last_seq)""";

    /**
     * The board's figures of the days written, counted from their tickets as the publisher tallies the
     * events: calls, summed whole-second waits, served, no-shows, cancellations.
     */
    static final String TALLY = """
            insert into hall_day_tally as d (hall_code, service_date, calls, wait_seconds, served, no_show, cancelled)
            select hall_code, service_date, count(called_at),
                   coalesce(sum(floor(extract(epoch from called_at - issued_at))) filter (where called_at is not null), 0)::bigint,
                   count(*) filter (where status = 'DONE'), count(*) filter (where status = 'NO_SHOW'),
                   count(*) filter (where status = 'CANCELLED')
            from ticket where hall_code = $1 and service_date = any($2::date[]) group by hall_code, service_date
            on conflict (hall_code, service_date) do update set calls = d.calls + excluded.calls,
                wait_seconds = d.wait_seconds + excluded.wait_seconds, served = d.served + excluded.served,
                no_show = d.no_show + excluded.no_show, cancelled = d.cancelled + excluded.cancelled""";

    static final String INSERT_CASES = """
            insert into service_case (id, case_number, verification_hash, verification_sealed, item_code, item_name, department,
                category, committed_days, committed_seconds, statutory_days, statutory_seconds, local_stage_days,
                warning_threshold_seconds, hall_code, calendar_id, channel, state, applicant_name_masked, applicant_id_masked,
                applicant_phone_masked, applicant_sealed, submitted_documents, created_at, created_by, accepted_at, forwarded_at,
                returned_at, closed_at, delivered_at, committed_due, statutory_due, yellow_from, card)
            select c.id, c.number, c.hash, c.sealed, i.code, i.name, i.department, i.category, i.committed_days, i.committed_seconds,
                   i.statutory_days, i.statutory_seconds, i.local_stage_days, i.warning_threshold_seconds, $1,
                   (select calendar_id from hall where code = $1), c.channel, c.state,
                   c.name_masked, c.id_masked, c.phone_masked, c.applicant_sealed, i.required_documents, c.created_at, c.created_by,
                   c.accepted_at, c.forwarded_at, c.returned_at, c.closed_at, c.delivered_at, c.committed_due, c.statutory_due,
                   c.yellow_from, c.card
            from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                        $11::text[], $12::text[], $13::timestamptz[], $14::text[], $15::timestamptz[], $16::timestamptz[],
                        $17::timestamptz[], $18::timestamptz[], $19::timestamptz[], $20::timestamptz[], $21::timestamptz[],
                        $22::timestamptz[], $23::text[])
                 as c(id, number, hash, sealed, item, channel, state, name_masked, id_masked, phone_masked, applicant_sealed,
                      created_at, created_by, accepted_at, forwarded_at, returned_at, closed_at, delivered_at, committed_due,
                      statutory_due, yellow_from, card)
            join service_item i on i.code = c.item""";

    static final String INSERT_MOVES = """
            insert into case_transition (case_id, at, actor, action, from_state, to_state, reason)
            select * from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])""";

    static final String INSERT_CARD_CHANGES = """
            insert into case_card_change (case_id, card, at, due_at)
            select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[])""";

    static final String INSERT_VISITS = """
            insert into case_visit (case_id, ticket_id, at)
            select * from unnest($1::uuid[], $2::uuid[], $3::timestamptz[])""";

    static final String INSERT_RATINGS = """
            insert into rating (id, subject, ticket_id, case_id, hall_code, score, attitude, efficiency, quality, integrity, comment,
                rated_at, day, clerk, window_number, item_code, department, category, channel, excluded_at)
            select r.id, r.subject, r.ticket_id, r.case_id, $1, r.score, r.attitude, r.efficiency, r.quality, r.integrity, r.comment,
                   r.rated_at, r.day, r.clerk, r.window_number, r.item_code, r.department, r.category, r.channel, r.excluded_at
            from unnest($2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[],
                        $11::text[], $12::timestamptz[], $13::date[], $14::text[], $15::int[], $16::text[], $17::text[], $18::text[],
                        $19::text[], $20::timestamptz[])
                 as r(id, subject, ticket_id, case_id, score, attitude, efficiency, quality, integrity, comment, rated_at, day, clerk,
                      window_number, item_code, department, category, channel, excluded_at)""";

    /** The hall's calendar and answer deadlines are the rectification's, as the core stores them at opening. */
    static final String INSERT_RECTIFICATIONS = """
            insert into rectification (id, rating_id, hall_code, department, calendar_id, contact_working_days, rectify_working_days,
                state, appealed_from, appealed_by, version, opened_at, contact_due, rectify_due, yellow_from, card, contacted_at,
                rectified_at, closed_at, excluded_at)
            select x.id, x.rating_id, $1, x.department, h.calendar_id, h.contact_working_days, h.rectify_working_days, x.state, x.appealed_from, x.appealed_by, x.version, x.opened_at,
                   x.contact_due, x.rectify_due, x.yellow_from, x.card, x.contacted_at, x.rectified_at, x.closed_at, x.excluded_at
            from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::timestamptz[],
                        $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::timestamptz[], $15::timestamptz[],
                        $16::timestamptz[], $17::timestamptz[])
                 as x(id, rating_id, department, state, appealed_from, appealed_by, version, opened_at, contact_due, rectify_due,
                      yellow_from, card, contacted_at, rectified_at, closed_at, excluded_at)
            join hall h on h.code = $1""";

    /** Steps in the order given (each rectification's oldest first), so their ids follow the history. */
    static final String INSERT_RECTIFICATION_STEPS = """
            insert into rectification_step (rectification_id, at, actor, action, from_state, to_state, note)
            select s.rectification_id, s.at, s.actor, s.action, s.from_state, s.to_state, s.note
            from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                 with ordinality as s(rectification_id, at, actor, action, from_state, to_state, note, n)
            order by n""";

    static final String INSERT_RECTIFICATION_CARDS = """
            insert into rectification_card_change (rectification_id, card, at, due_at)
            select * from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[])""";

    /**
     * The open windows of a hall ($1) the flow works (not those in $2, left to people), each with the
     * ticket it has called or is serving, if any.
     */
    static final String FLOW_WINDOWS = """
            select w.number, t.id, t.status, t.called_at, t.started_at, t.called_by, t.queue_code, t.item_code
            from hall_window w
            left join ticket t on t.hall_code = w.hall_code and t.window_number = w.number and t.status in ('CALLED', 'SERVING')
            where w.hall_code = $1 and w.status = 'OPEN' and not (w.number = any($2::int[]))
            order by w.number""";

    /** The items served in the hall's queues ($1): what its kiosks issue tickets for. */
    static final String FLOW_ITEMS = """
            select i.code, i.queue_code, i.online_capable, i.required_documents
            from service_item i join hall_queue q on q.hall_code = $1 and q.code = i.queue_code
            order by i.code""";

    /** One open case of the hall ($1) in a state the flow moves on ($2), picked at random. */
    static final String FLOW_ANY_CASE = """
            select id, version, state, category from service_case
            where hall_code = $1 and state = any($2::text[])
            order by random() limit 1""";

    /** The hall's ($1) most urgent case in a state the flow moves on ($2): waiting for pre-review, else the earliest due. */
    static final String FLOW_URGENT_CASE = """
            select id, version, state, category from service_case
            where hall_code = $1 and state = any($2::text[])
            order by committed_due nulls first, created_at limit 1""";
}
