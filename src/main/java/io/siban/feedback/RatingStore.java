package io.siban.feedback;

import io.siban.rating.Dimension;
import io.siban.rating.Rating;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The statements that record ratings: each takes its ties (who, where, what) from the rated row itself. */
final class RatingStore {
    private RatingStore() {
    }

    /** What a recorded rating answers: enough to open its rectification and announce it. */
    static final String RETURNING = """
            returning id, subject, hall_code, score, department, clerk, window_number, item_code,
                      (select name from service_item where code = item_code) as item_name,
                      (select number from ticket t where t.id = ticket_id) as ticket_number""";

    /** A served ticket's rating ($1 id, $2 ticket, $3..$8 score, dimensions, comment, $9 at), tied to its last window and clerk. */
    static final String RATE_TICKET = """
            insert into rating (id, subject, ticket_id, case_id, hall_code, score, attitude, efficiency, quality, integrity, comment,
                                rated_at, day, clerk, window_number, item_code, department, category, channel)
            select $1, 'TICKET', t.id, t.case_id, t.hall_code, $3, $4, $5, $6, $7, $8, $9, t.service_date, coalesce(t.called_by, ''),
                   coalesce(t.window_number, 0), coalesce(t.item_code, ''), coalesce(i.department, ''), coalesce(i.category, ''), t.channel
            from ticket t left join service_item i on i.code = t.item_code
            where t.id = $2
            """ + RETURNING;

    /**
     * A closed case's rating, tied to the clerk who took it and the window of its first visit; the
     * period is its close date. Nothing when it was rated already.
     */
    static final String RATE_CASE = """
            insert into rating (id, subject, ticket_id, case_id, hall_code, score, attitude, efficiency, quality, integrity, comment,
                                rated_at, day, clerk, window_number, item_code, department, category, channel)
            select $1, 'CASE', null, c.id, c.hall_code, $3, $4, $5, $6, $7, $8, $9, (c.closed_at at time zone k.timezone)::date,
                   c.created_by, coalesce(v.window_number, 0), c.item_code, c.department, c.category, c.channel
            from service_case c
            join hall h on h.code = c.hall_code join calendar k on k.id = h.calendar_id
            left join lateral (select t.window_number from case_visit cv join ticket t on t.id = cv.ticket_id
                               where cv.case_id = c.id order by cv.at, cv.ticket_id limit 1) v on true
            where c.id = $2
            on conflict (case_id) where subject = 'CASE' do nothing
            """ + RETURNING;

    /** The case a citizen rates: its state and close ($1 id). */
    static final String CASE_TO_RATE = "select id, hall_code, case_number, state, closed_at from service_case where id = $1 for update";

    static Tuple params(UUID id, UUID subject, Rating rating, OffsetDateTime at) {
        return Tuple.tuple().addUUID(id).addUUID(subject).addShort((short) rating.score())
                .addValue(dimension(rating, Dimension.ATTITUDE)).addValue(dimension(rating, Dimension.EFFICIENCY))
                .addValue(dimension(rating, Dimension.QUALITY)).addValue(dimension(rating, Dimension.INTEGRITY))
                .addString(rating.comment()).addOffsetDateTime(at);
    }

    private static Short dimension(Rating rating, Dimension d) {
        Integer value = rating.dimension(d);
        return value == null ? null : value.shortValue();
    }
}
