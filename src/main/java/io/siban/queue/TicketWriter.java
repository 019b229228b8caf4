package io.siban.queue;

import io.siban.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Writes new tickets, with group commit for plain ones: one issue statement runs at a time, and a
 * plain order arriving meanwhile waits for the next, which resolves and writes every order waiting by
 * then in one statement and one commit. Alone, an order goes at once; in a rush the per-statement
 * cost (round trip, plan, executor set-up, commit) is shared by its tickets. One statement at a time
 * rather than several: statements for the same queues wait for each other's locks on the daily
 * counters anyway, and smaller batches cost PostgreSQL more per ticket (docs/performance.md). Each
 * ticket is answered only after its statement commits.
 */
@ApplicationScoped
public class TicketWriter {
    private static final Logger LOG = Logger.getLogger(TicketWriter.class);
    static final int MAX_BATCH = 100;

    @Inject
    Pool pool;

    private record Waiting(TicketOrder order, UniEmitter<? super Row> answer) {
    }

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    private void startBatch() {
        while (!waiting.isEmpty() && running.compareAndSet(false, true)) {
            List<Waiting> batch = new ArrayList<>();
            for (Waiting next = waiting.poll(); next != null; next = batch.size() < MAX_BATCH ? waiting.poll() : null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                running.set(false);
                continue;
            }
            run(batch, this::finished).subscribe().with(done -> { }, failure -> { });
            return;
        }
    }

    private void finished() {
        running.set(false);
        startBatch();
    }

    /**
     * Resolves and writes a plain order together with others: the written ticket's row (its columns,
     * {@code waiting_before} and {@code open_windows}), or null when the order was not written because
     * it needs the careful path: its hall, item or queue does not resolve, its item has a daily quota,
     * or its Idempotency-Key is already used. The careful path finds which, and answers for it. Fails
     * with PostgreSQL's unique violation when another order took the key while this one was written.
     */
    public Uni<Row> writePlain(TicketOrder order) {
        if (!order.plain()) {
            throw new IllegalArgumentException("an order under the one-pending rule needs its own statement");
        }
        return Uni.createFrom().emitter(answer -> {
            waiting.add(new Waiting(order, answer));
            startBatch();
        });
    }

    /** One resolved ticket in its own statement: its row, or null when the item's quota is used up. */
    public Uni<Row> writeOne(NewTicket ticket) {
        return writeOne(pool, ticket);
    }

    /** {@link #writeOne(NewTicket)} on a connection, inside its transaction (an appointment's check-in). */
    Uni<Row> writeOne(io.vertx.mutiny.sqlclient.SqlClient client, NewTicket ticket) {
        return client.preparedQuery(ticket.dailyQuota() == null ? ISSUE_WITHOUT_QUOTA : ISSUE_WITH_QUOTA).execute(ticket.parameters())
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }

    /**
     * Runs one batch and answers each of its orders; never fails (failures go to the orders). Once the
     * statement has committed it calls {@code release} before answering, so the next batch is already
     * on its way to PostgreSQL while this one's answers are written.
     */
    private Uni<Void> run(List<Waiting> batch, Runnable release) {
        AtomicBoolean released = new AtomicBoolean();
        Runnable releaseOnce = () -> {
            if (released.compareAndSet(false, true)) {
                release.run();
            }
        };
        return Uni.createFrom().deferred(() -> pool.preparedQuery(ISSUE_BATCH).execute(columns(batch)))
                .map(rows -> {
                    Map<UUID, Row> written = new HashMap<>();
                    for (Row row : rows) {
                        written.put(row.getUUID("id"), row);
                    }
                    releaseOnce.run();
                    batch.forEach(w -> w.answer().complete(written.get(w.order().id())));
                    return (Void) null;
                })
                .onFailure(PgException.class).recoverWithUni(failure -> {
                    if (batch.size() == 1) {
                        batch.get(0).answer().fail(failure);
                        return Uni.createFrom().voidItem();
                    }
                    // e.g. a deadlock with a transfer, or one order with data PostgreSQL refuses: write them one
                    // by one, so each gets its own outcome
                    LOG.debugf("batch of %d tickets failed (%s); writing them one by one", batch.size(), failure.getMessage());
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Waiting w : batch) {
                        chain = chain.chain(() -> run(List.of(w), () -> { }));
                    }
                    return chain;
                })
                .onFailure().invoke(failure -> batch.forEach(w -> w.answer().fail(failure)))
                .onFailure().recoverWithNull()
                .eventually(releaseOnce);
    }

    private static Tuple columns(List<Waiting> batch) {
        return Tuple.tuple()
                .addArrayOfString(array(batch, TicketOrder::hall, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::itemCode, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::queueCode, String[]::new))
                .addArrayOfUUID(array(batch, TicketOrder::id, UUID[]::new))
                .addArrayOfString(array(batch, TicketOrder::channel, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::priority, String[]::new))
                .addArrayOfOffsetDateTime(array(batch, TicketOrder::lineKey, OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(array(batch, TicketOrder::issuedAt, OffsetDateTime[]::new))
                .addArrayOfString(array(batch, TicketOrder::nameMasked, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::idMasked, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::phoneMasked, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::sealed, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::appointmentId, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::idempotencyKey, String[]::new))
                .addArrayOfString(array(batch, TicketOrder::requestHash, String[]::new));
    }

    private static <T> T[] array(List<Waiting> batch, Function<TicketOrder, T> column, IntFunction<T[]> arrays) {
        return batch.stream().map(w -> column.apply(w.order())).toArray(arrays);
    }

    /** A ticket's number: the queue's prefix and the daily sequence, padded to at least three digits (never cut). */
    private static String number(String prefix, String seq) {
        return "%s || lpad(%s::text, greatest(3, length(%s::text)), '0')".formatted(prefix, seq, seq);
    }

    private static final String NUMBER_OF_SEQ = number("$5", "seq.last_seq");

    private static final String RESULT_COLUMNS = TicketRow.COLUMNS.replaceAll("(\\w+)", "t.$1");

    /**
     * The event of the tickets written by CTE {@code t}, in hall and number order. Their issue needs no
     * step row: the ticket row records it (view ticket_history).
     */
    private static final String ISSUED_EVENT = """
            event as (
                insert into outbox
                select hall_code, 'ticket.issued', %s
                from t order by hall_code, seq)""".formatted(TicketEvent.sql("issued_at"));

    /**
     * One ticket in one atomic round trip: the quota ($19, in the variant for items with one), the
     * daily number, the ticket, its event and the count of tickets waiting before it
     * (its place in line when it has no head start). With the quota used up nothing is written and no
     * row comes back. Two variants rather than a quota test on a parameter: a condition on a parameter
     * makes PostgreSQL plan the statement again on every call.
     */
    private static final String ISSUE = """
            with %s
            seq as (
                insert into ticket_counter (hall_code, queue_code, service_date, last_seq)
                select $1, $2, $3, 1 %s
                on conflict (hall_code, queue_code, service_date) do update set last_seq = ticket_counter.last_seq + 1
                returning last_seq),
            t as (
                insert into ticket (id, hall_code, queue_code, issued_queue_code, service_date, seq, number, item_code,
                    channel, priority, status, line_key, issued_at, applicant_name_masked, applicant_id_hash,
                    applicant_id_masked, applicant_phone_masked, applicant_sealed, appointment_id, idempotency_key, request_hash)
                select $4, $1, $2, $2, $3, seq.last_seq, %s, $6,
                    $7, $8, 'WAITING', $9, $10, $11, $12, $13, $14, $15, $16, $17, $18
                from seq
                returning *),
            %s,
            waiting as (
                select coalesce((select q.waiting from queue_waiting q where q.hall_code = $1 and q.queue_code = $2), 0) as n)
            select %s,
                   waiting.n as waiting_before,
                   (select count(*) from hall_window hw where hw.hall_code = $1 and hw.status = 'OPEN' and $2 = any(hw.queues)) as open_windows
            from t, waiting""";

    private static final String ISSUE_WITHOUT_QUOTA = Outbox.sql(ISSUE.formatted("", "", NUMBER_OF_SEQ, ISSUED_EVENT, RESULT_COLUMNS));

    private static final String ISSUE_WITH_QUOTA = Outbox.sql(ISSUE.formatted("""
            quota as (
                insert into item_quota_use (hall_code, item_code, service_date, used)
                select $1, $6, $3, 1
                on conflict (hall_code, item_code, service_date) do update set used = item_quota_use.used + 1
                where item_quota_use.used < $19
                returning used),""", "where exists (select 1 from quota)", NUMBER_OF_SEQ, ISSUED_EVENT, RESULT_COLUMNS));

    /**
     * Plain orders ($n are arrays, one element per order) resolved and written in one statement. Each is
     * resolved as {@code TicketIssuer} resolves one (hall, item, queue, the hall's day); one that does
     * not resolve cleanly, whose item has a daily quota or whose key is already used is left out and
     * comes back without a row. Each line's daily counter moves once by the number of its tickets,
     * which then take consecutive numbers in arrival order. Rows (counters, then tickets) are locked in
     * hall, queue order, so concurrent batches never wait on each other in a cycle. There is no
     * {@code on conflict} clause (checking every unique index first costs about a tenth of the statement): a key
     * used twice in one batch, or taken by a batch committing meanwhile, fails the statement, whose
     * orders are then written one by one, so only the order with that key fails (a unique violation).
     */
    private static final String ISSUE_BATCH = Outbox.sql("""
            with orders as (
                select * from unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[],
                                     $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                                     $14::text[], $15::text[])
                    with ordinality as o(hall, item, wanted_queue, id, channel, priority, line_key, issued_at, name_masked,
                                         id_masked, phone_masked, sealed, appointment, idempotency_key, request_hash, arrival)),
            req as (
                select o.*, q.code as queue, q.prefix, (o.issued_at at time zone c.timezone)::date as day
                from orders o
                join hall h on h.code = o.hall
                join calendar c on c.id = h.calendar_id
                left join service_item i on i.code = o.item
                join hall_queue q on q.hall_code = o.hall and q.code = coalesce(o.wanted_queue, i.queue_code)
                where (o.item is null or (i.code is not null and i.daily_quota is null
                                          and (o.wanted_queue is null or i.queue_code is null or i.queue_code = o.wanted_queue)))
                  and not exists (select 1 from ticket e where e.hall_code = o.hall and e.idempotency_key = o.idempotency_key)),
            lines as (
                select hall, queue, day, count(*)::int as n from req group by hall, queue, day),
            seq as (
                insert into ticket_counter (hall_code, queue_code, service_date, last_seq)
                select hall, queue, day, n from lines order by hall, queue, day
                on conflict (hall_code, queue_code, service_date) do update set last_seq = ticket_counter.last_seq + excluded.last_seq
                returning hall_code, queue_code, service_date, last_seq),
            numbered as (
                select req.*, seq.last_seq - lines.n
                           + row_number() over (partition by req.hall, req.queue, req.day order by req.arrival) as number_seq,
                       row_number() over (partition by req.hall, req.queue order by req.arrival) - 1 as batch_before
                from req join lines on lines.hall = req.hall and lines.queue = req.queue and lines.day = req.day
                join seq on seq.hall_code = req.hall and seq.queue_code = req.queue and seq.service_date = req.day),
            t as (
                insert into ticket (id, hall_code, queue_code, issued_queue_code, service_date, seq, number, item_code,
                    channel, priority, status, line_key, issued_at, applicant_name_masked, applicant_id_masked,
                    applicant_phone_masked, applicant_sealed, appointment_id, idempotency_key, request_hash)
                select id, hall, queue, queue, day, number_seq, %s, item,
                    channel, priority, 'WAITING', line_key, issued_at, name_masked, id_masked,
                    phone_masked, sealed, appointment, idempotency_key, request_hash
                from numbered order by hall, queue, number_seq
                returning *),
            %s
            select %s,
                   coalesce((select w.waiting from queue_waiting w where w.hall_code = t.hall_code and w.queue_code = t.queue_code), 0)
                       + n.batch_before as waiting_before,
                   (select count(*) from hall_window hw where hw.hall_code = t.hall_code and hw.status = 'OPEN'
                       and t.queue_code = any(hw.queues)) as open_windows
            from t join numbered n on n.id = t.id""".formatted(number("prefix", "number_seq"), ISSUED_EVENT, RESULT_COLUMNS));
}
