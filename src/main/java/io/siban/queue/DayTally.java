package io.siban.queue;

import io.siban.outbox.NumberingStep;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each hall's figures of a day (calls, waits, served, no-shows, cancellations), added up as the
 * ticket events are numbered: numbering happens once per event, under the lock, so each event counts
 * exactly once. Issued tickets are not counted here: the daily number counters already say how many
 * there are, and leaving the issue events out spares the opening rush, where they are nearly all the
 * events, a ticket lookup each.
 */
@ApplicationScoped
public class DayTally implements NumberingStep {
    private static final String TALLY = """
            insert into hall_day_tally as d (hall_code, service_date, calls, wait_seconds, served, no_show, cancelled)
            select t.hall_code, t.service_date,
                   count(*) filter (where e.type = 'ticket.called'),
                   coalesce(sum((e.payload ->> 'waitSeconds')::bigint) filter (where e.type = 'ticket.called'), 0),
                   count(*) filter (where e.type = 'ticket.finished'),
                   count(*) filter (where e.type = 'ticket.no_show') - count(*) filter (where e.type = 'ticket.reactivated'),
                   count(*) filter (where e.type = 'ticket.cancelled')
            from event_outbox e join ticket t on t.id = (e.payload ->> 'ticketId')::uuid
            where e.id = any($1) and e.type in ('ticket.called', 'ticket.finished', 'ticket.no_show',
                                                'ticket.reactivated', 'ticket.cancelled')
            group by t.hall_code, t.service_date
            on conflict (hall_code, service_date) do update set
                calls = d.calls + excluded.calls,
                wait_seconds = d.wait_seconds + excluded.wait_seconds, served = d.served + excluded.served,
                no_show = d.no_show + excluded.no_show, cancelled = d.cancelled + excluded.cancelled""";

    /**
     * A hall's figures of a day ($1 hall, $2 day), always one row: tickets issued from the day's number
     * counters, the rest from the tally.
     */
    public static final String TODAY = """
            select (select coalesce(sum(c.last_seq), 0) from hall_queue q
                    join ticket_counter c on c.hall_code = q.hall_code and c.queue_code = q.code and c.service_date = $2
                    where q.hall_code = $1) as issued,
                   coalesce(sum(calls), 0) as called,
                   coalesce(sum(served), 0) as served, coalesce(sum(no_show), 0) as no_show,
                   coalesce(sum(cancelled), 0) as cancelled,
                   sum(wait_seconds)::float8 / nullif(sum(calls), 0) as average_wait
            from hall_day_tally where hall_code = $1 and service_date = $2""";

    @Override
    public Uni<Void> afterNumbering(SqlConnection conn, Batch batch) {
        return conn.preparedQuery(TALLY).execute(Tuple.of((Object) batch.numberedIds())).replaceWithVoid();
    }
}
