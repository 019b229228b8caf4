package io.siban.queue;

import io.siban.common.Clocks;
import io.siban.common.problem.ProblemException;
import io.siban.outbox.NumberingStep;
import io.siban.outbox.Outbox;
import io.siban.security.Caller;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;

/**
 * Tells a ticket's holder once that their turn is near: in the numbering of a batch that moved a
 * queue's line, the waiting tickets now at most {@code hall.near_ahead} places from its head that were
 * never told are marked and get {@code ticket.near} (the ticket event's fields, {@code ahead} and
 * {@code nearAhead}), numbered with the batch. So it is durable, told once across instances, and never
 * again after a reactivation or a transfer. One statement per batch, reading only the first N + 1 of
 * each moved line from its index.
 */
@ApplicationScoped
public class NearTurn implements NumberingStep {
    /** Places before the head a ticket may have and be near, when a hall says nothing else. */
    public static final int DEFAULT_AHEAD = 3;
    public static final int MAX_AHEAD = 50;

    private static final List<String> FIELDS = List.of("queue", "fromQueue");

    static final String TELL = Outbox.sql("""
            with lines as (
                select x.h, x.q, x.o, h.near_ahead as n
                from unnest($1::text[], $2::text[]) with ordinality as x(h, q, o) join hall h on h.code = x.h),
            heads as (
                select l.o, l.n, w.tid, w.ahead from lines l
                cross join lateral (select id as tid, row_number() over (order by line_key, seq) - 1 as ahead
                                    from (select id, line_key, seq from ticket
                                          where hall_code = l.h and queue_code = l.q and status = 'WAITING'
                                          order by line_key, seq limit l.n + 1) first) w
                where not exists (select 1 from ticket_near_told d where d.ticket_id = w.tid)),
            told as (insert into ticket_near_told (ticket_id, told_at) select tid, $3::timestamptz from heads
                     on conflict do nothing returning ticket_id)
            insert into outbox
            select t.hall_code, 'ticket.near', %s || jsonb_build_object('ahead', h.ahead, 'nearAhead', h.n)
            from told d join heads h on h.tid = d.ticket_id join ticket t on t.id = d.ticket_id
            order by h.o, h.ahead
            returning id, hall_code""".formatted(TicketEvent.sql("$3::timestamptz")));

    static final String SET_AHEAD = "update hall set near_ahead = $2 where code = $1 returning near_ahead";
    static final String AHEAD = "select near_ahead from hall where code = $1";

    @Inject
    Clocks clocks;
    @Inject
    Pool pool;

    @Override
    public List<String> fields() {
        return FIELDS;
    }

    @Override
    public Uni<Void> beforeNumbering(SqlConnection conn, Batch batch) {
        Set<List<String>> lines = WaitingCounts.movedLines(batch);
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery(TELL)
                .execute(Tuple.of(lines.stream().map(l -> l.get(0)).toArray(String[]::new),
                        lines.stream().map(l -> l.get(1)).toArray(String[]::new), clocks.now()))
                .invoke(rows -> WaitingCounts.appendInIdOrder(rows, batch))
                .replaceWithVoid();
    }

    /** The hall's N: how many tickets may be ahead of one that is told its turn is near. */
    public Uni<Integer> ahead(String hall) {
        return pool.preparedQuery(AHEAD).execute(Tuple.of(hall)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("hall", hall));
    }

    /** Sets the hall's N (admins, supervisors of the hall); tickets already told are not told again. */
    public Uni<Integer> setAhead(String hall, int ahead, Caller caller) {
        if (!caller.supervises(hall)) {
            return Uni.createFrom().failure(ProblemException.forbidden("only an admin or a supervisor of hall '" + hall + "' may set this"));
        }
        if (ahead < 1 || ahead > MAX_AHEAD) {
            return Uni.createFrom().failure(ProblemException.invalid("ahead", "must be from 1 to " + MAX_AHEAD));
        }
        return pool.preparedQuery(SET_AHEAD).execute(Tuple.of(hall, ahead))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger(0))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("hall", hall));
    }
}
