package io.siban.queue;

import io.siban.common.problem.ProblemException;
import io.siban.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The ticket rows and the statements of the life cycle, except issuing ({@link TicketWriter}) and
 * calling ({@link CallNext}, whose one statement is its own): reading a ticket, locking it, its steps.
 * Failures come as failed Unis.
 */
@ApplicationScoped
public class TicketStore {
    @Inject
    Pool pool;

    private static final String BY_ID = "select " + TicketRow.COLUMNS + " from ticket where id = $1";
    private static final String LOCK = BY_ID + " for update";
    static final String BY_KEY = "select " + TicketRow.COLUMNS + " from ticket where hall_code = $1 and idempotency_key = $2";
    private static final String STEP =
            "insert into ticket_step (ticket_id, step, at, actor, window_number, detail) values ($1, $2, $3, $4, $5, $6)";

    /** The place in line of a waiting ticket and the open windows that serve its queue. */
    static final String POSITION = """
            select (select count(*) from ticket w where w.hall_code = t.hall_code and w.queue_code = t.queue_code
                      and w.status = 'WAITING' and (w.line_key, w.seq) < (t.line_key, t.seq)) as ahead,
                   (select count(*) from hall_window h where h.hall_code = t.hall_code and h.status = 'OPEN'
                      and t.queue_code = any(h.queues)) as open_windows
            from ticket t where t.id = $1""";

    /** One round trip: the hall's time zone, the item and its queue, and any ticket already issued under the key. */
    static final String RESOLVE = """
            select c.timezone, i.code as item_code, i.daily_quota, i.queue_code as item_queue, q.code as queue_code, q.prefix,
                   (select t.id from ticket t where t.hall_code = h.code and t.idempotency_key = $4) as existing
            from hall h join calendar c on c.id = h.calendar_id
            left join service_item i on i.code = $2
            left join hall_queue q on q.hall_code = h.code and q.code = coalesce($3, i.queue_code)
            where h.code = $1""";

    /** A status move: {@code assignments} use $3 for now and $4... for the move's own values. */
    static String move(String assignments) {
        return "update ticket set " + assignments.replace("%now", "$3") + ", version = version + 1 "
                + "where id = $1 and status = any($2) and $3::timestamptz is not null returning " + TicketRow.COLUMNS;
    }

    /** Back into line behind the given number of waiting tickets ($2), never before its own line key's time ($3). */
    static final String REACTIVATE = """
            update ticket t set status = 'WAITING', window_number = null, called_at = null,
                line_key = coalesce(
                    (select w.line_key + interval '1 microsecond' from ticket w
                     where w.hall_code = t.hall_code and w.queue_code = t.queue_code and w.status = 'WAITING'
                     order by w.line_key, w.seq offset $2 - 1 limit 1),
                    greatest($3, (select max(w.line_key) + interval '1 microsecond' from ticket w
                     where w.hall_code = t.hall_code and w.queue_code = t.queue_code and w.status = 'WAITING'))),
                version = version + 1
            where id = $1 and status = 'NO_SHOW'
            returning\s""" + TicketRow.COLUMNS;

    /** Whether the target queue exists, and the queues of the target window (null: no such window). */
    static final String TRANSFER_TARGET = """
            select (select count(*) from hall_queue where hall_code = $1 and code = $2) as queue_exists,
                   (select queues from hall_window where hall_code = $1 and number = $3) as window_queues""";

    static final String TRANSFER = """
            update ticket set status = 'WAITING', queue_code = $2, target_window = $3, window_number = null,
                called_at = null, started_at = null, version = version + 1
            where id = $1 returning\s""" + TicketRow.COLUMNS;

    /** A served ticket that accepted a case is one physical visit of that case: the case, if it is one of the hall's. */
    static final String LINK_VISIT = """
            with c as (select id from service_case where id = $1 and hall_code = $4),
            visit as (insert into case_visit (case_id, ticket_id, at) select id, $2, $3 from c on conflict do nothing)
            select id from c""";

    /** Whether window {@code w} still has a called or serving ticket (it must deal with it before calling again). */
    static final String WINDOW_BUSY = """
            exists (select 1 from ticket t where t.hall_code = w.hall_code and t.window_number = w.number
                    and t.status in ('CALLED', 'SERVING'))""";

    /** Whether an open, free window finds every queue it serves empty, from the waiting counts alone. */
    static final String NOBODY_WAITING = """
            select w.status = 'OPEN' and coalesce((select sum(q.waiting) from queue_waiting q
                       where q.hall_code = w.hall_code and q.queue_code = any(w.queues)), 0) = 0
                   and not %s as nobody
            from hall_window w where w.hall_code = $1 and w.number = $2""".formatted(WINDOW_BUSY);

    static final String LOCK_WINDOW = """
            select w.status, w.queues, %s as busy
            from hall_window w where w.hall_code = $1 and w.number = $2
            for update of w""".formatted(WINDOW_BUSY);

    /**
     * Tickets read from the head of each queue a window serves. Windows calling at the same moment lock
     * the ones they take and skip each other's, so more than this many calls on one queue at the very
     * same instant could find no free ticket and answer 204, which the clerk simply repeats.
     */
    static final int HEADS_PER_QUEUE = 32;

    /**
     * Calls the first ticket in line for a window ($1 hall, $2 its queues, $3 the window, $4 now, $5 the
     * actor), locking it and skipping those other windows are taking, and says what else waited: an
     * earlier arrival, a higher class. No row when nobody free waits.
     */
    static final String CALL_HEAD = """
            with heads as (
                -- the first tickets of each queue, read in line order from the index: the
                -- cost of a call does not grow with the length of the line
                select h.id, h.line_key, h.seq from unnest($2::text[]) as q(code)
                cross join lateral (select id, line_key, seq from ticket
                                    where hall_code = $1 and queue_code = q.code and status = 'WAITING'
                                      and (target_window is null or target_window = $3)
                                    order by line_key, seq limit %d) h),
            next as (
                -- in line order, lock the first that no other window is taking (rows
                -- already locked are skipped, rows after the chosen one are not touched)
                select t.id, t.line_key, t.issued_at, t.priority
                from (select id, line_key, seq from heads order by line_key, seq) h
                cross join lateral (select id, line_key, issued_at, priority from ticket t
                                    where t.id = h.id and t.status = 'WAITING'
                                    for update skip locked) t
                limit 1),
            facts as (
                -- an earlier arrival still waiting has its line key before the chosen one's
                -- arrival: probed in each queue from the head of its line, in index order (as
                -- one probe over all queues, PostgreSQL may guess a match comes soon and scan
                -- the whole table for it); a higher class is never NORMAL: its own index
                select exists (select 1 from unnest($2::text[]) as q(code)
                               cross join lateral (select 1 from ticket o
                                                   where o.hall_code = $1 and o.queue_code = q.code
                                                     and o.status = 'WAITING' and o.line_key < n.issued_at
                                                     and (o.target_window is null or o.target_window = $3)
                                                     and o.id <> n.id and o.issued_at < n.issued_at
                                                   order by o.line_key, o.seq limit 1) e) as earlier,
                       exists (select 1 from ticket o where o.hall_code = $1 and o.queue_code = any($2)
                                 and o.status = 'WAITING' and o.priority <> 'NORMAL'
                                 and (o.target_window is null or o.target_window = $3)
                                 and o.id <> n.id and %s > %s) as higher
                from next n)
            update ticket t set status = 'CALLED', window_number = $3, called_at = $4, called_by = $5,
                version = version + 1
            from next, facts where t.id = next.id
            returning facts.earlier, facts.higher, t.*"""
            .formatted(HEADS_PER_QUEUE, Priority.SQL_RANK.formatted("o.priority"), Priority.SQL_RANK.formatted("n.priority"));

    /** The call's step, its reason on the ticket, and its event, in one round trip. */
    static final String RECORD_CALL = Outbox.sql("""
            with s as (insert into ticket_step (ticket_id, step, at, actor, window_number, detail)
                       values ($1, 'CALLED', $2, $3, $4, $5)),
            u as (update ticket set call_reason = $6, call_detail = $5 where id = $1)
            insert into outbox values ($7, 'ticket.called', $8)""");

    /** The ticket, or null. */
    public Uni<TicketRow> find(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(TicketStore::firstOrNull);
    }

    /** The ticket locked for the transaction; a failed Uni (404) when there is none. */
    Uni<TicketRow> lock(SqlConnection conn, UUID id) {
        return conn.preparedQuery(LOCK).execute(Tuple.of(id)).chain(rows -> rows.size() == 0
                ? Uni.createFrom().failure(ProblemException.notFound("ticket", id.toString()))
                : Uni.createFrom().item(TicketRow.of(rows.iterator().next())));
    }

    Uni<TicketRow> byKey(String hall, String key) {
        return pool.preparedQuery(BY_KEY).execute(Tuple.of(hall, key)).map(TicketStore::firstOrNull);
    }

    /** One row: {@code ahead} and {@code open_windows} of {@link #POSITION}. */
    Uni<RowSet<Row>> position(UUID id) {
        return pool.preparedQuery(POSITION).execute(Tuple.of(id));
    }

    static Uni<Void> step(SqlConnection conn, UUID ticket, String step, OffsetDateTime at, String actor,
                          Integer window, String detail) {
        return conn.preparedQuery(STEP)
                .execute(Tuple.tuple().addUUID(ticket).addString(step).addOffsetDateTime(at).addString(actor)
                        .addInteger(window).addString(detail))
                .replaceWithVoid();
    }

    static TicketRow firstOrNull(RowSet<Row> rows) {
        return rows.size() == 0 ? null : TicketRow.of(rows.iterator().next());
    }
}
