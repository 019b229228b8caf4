package io.siban.queue;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Writes new tickets, with group commit for plain ones: a ticket that arrives while
 * {@value #IN_FLIGHT} statements are already running waits for the next, which writes every ticket
 * waiting by then in one statement and one commit. Alone, a ticket goes at once; in a rush the
 * per-statement cost (round trip, plan, commit, locks on the daily counter) is shared by its tickets
 * (docs/performance.md). Each ticket is answered only after its statement commits.
 */
@ApplicationScoped
public class TicketWriter {
    private static final Logger LOG = Logger.getLogger(TicketWriter.class);
    static final int IN_FLIGHT = 2;
    static final int MAX_BATCH = 100;

    @Inject
    Pool pool;

    private record Waiting(NewTicket ticket, UniEmitter<? super Row> answer) {
    }

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger running = new AtomicInteger();

    /**
     * The written ticket's row (its columns, {@code waiting_before} and {@code open_windows}), or null
     * when nothing was written: for a plain ticket, its Idempotency-Key was taken meanwhile (the caller
     * replays the earlier ticket); for an item with a quota, the quota is used up.
     */
    public Uni<Row> write(NewTicket ticket) {
        if (!ticket.batchable()) {
            return single(ticket).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
        }
        return Uni.createFrom().emitter(answer -> {
            waiting.add(new Waiting(ticket, answer));
            startBatches();
        });
    }

    /** The statement for one ticket; with a quota used up it writes nothing and returns no row. */
    Uni<RowSet<Row>> single(NewTicket ticket) {
        return pool.preparedQuery(ticket.dailyQuota() == null ? ISSUE_WITHOUT_QUOTA : ISSUE_WITH_QUOTA).execute(ticket.parameters());
    }

    private void startBatches() {
        while (!waiting.isEmpty()) {
            int now = running.get();
            if (now >= IN_FLIGHT) {
                return;
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            List<Waiting> batch = new ArrayList<>();
            for (Waiting next = waiting.poll(); next != null; next = batch.size() < MAX_BATCH - 1 ? waiting.poll() : null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                running.decrementAndGet();
                continue;
            }
            run(batch).subscribe().with(done -> finished(), failure -> finished());
        }
    }

    private void finished() {
        running.decrementAndGet();
        startBatches();
    }

    /** Runs one batch and answers each of its tickets; never fails (failures go to the tickets). */
    private Uni<Void> run(List<Waiting> batch) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(ISSUE_BATCH).execute(columns(batch)))
                .map(rows -> {
                    Map<UUID, Row> written = new HashMap<>();
                    for (Row row : rows) {
                        written.put(row.getUUID("id"), row);
                    }
                    batch.forEach(w -> w.answer().complete(written.get(w.ticket().id())));
                    return (Void) null;
                })
                .onFailure(PgException.class).recoverWithUni(failure -> {
                    // e.g. a deadlock with a transfer: write these tickets one by one, each with its own outcome
                    LOG.debugf("batch of %d tickets failed (%s); writing them one by one", batch.size(), failure.getMessage());
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Waiting w : batch) {
                        chain = chain.chain(() -> single(w.ticket())
                                .invoke(rows -> w.answer().complete(rows.size() == 0 ? null : rows.iterator().next()))
                                .onFailure().invoke(w.answer()::fail)
                                .onFailure().recoverWithNull()
                                .replaceWithVoid());
                    }
                    return chain;
                })
                .onFailure().invoke(failure -> batch.forEach(w -> w.answer().fail(failure)))
                .onFailure().recoverWithNull();
    }

    private static Tuple columns(List<Waiting> batch) {
        return Tuple.tuple()
                .addArrayOfString(array(batch, NewTicket::hall, String[]::new))
                .addArrayOfString(array(batch, NewTicket::queue, String[]::new))
                .addArrayOfLocalDate(array(batch, NewTicket::serviceDate, LocalDate[]::new))
                .addArrayOfUUID(array(batch, NewTicket::id, UUID[]::new))
                .addArrayOfString(array(batch, NewTicket::prefix, String[]::new))
                .addArrayOfString(array(batch, NewTicket::itemCode, String[]::new))
                .addArrayOfString(array(batch, NewTicket::channel, String[]::new))
                .addArrayOfString(array(batch, NewTicket::priority, String[]::new))
                .addArrayOfOffsetDateTime(array(batch, NewTicket::lineKey, OffsetDateTime[]::new))
                .addArrayOfOffsetDateTime(array(batch, NewTicket::issuedAt, OffsetDateTime[]::new))
                .addArrayOfString(array(batch, NewTicket::nameMasked, String[]::new))
                .addArrayOfString(array(batch, NewTicket::idMasked, String[]::new))
                .addArrayOfString(array(batch, NewTicket::phoneMasked, String[]::new))
                .addArrayOfString(array(batch, NewTicket::sealed, String[]::new))
                .addArrayOfString(array(batch, NewTicket::appointmentId, String[]::new))
                .addArrayOfString(array(batch, NewTicket::idempotencyKey, String[]::new))
                .addArrayOfString(array(batch, NewTicket::requestHash, String[]::new));
    }

    private static <T> T[] array(List<Waiting> batch, Function<NewTicket, T> column, IntFunction<T[]> arrays) {
        return batch.stream().map(w -> column.apply(w.ticket())).toArray(arrays);
    }

    private static final String RESULT_COLUMNS = TicketRow.COLUMNS.replaceAll("(\\w+)", "t.$1");

    /** The first audit step and the event of the tickets written by CTE {@code t}, in hall and number order. */
    private static final String ISSUED_STEP_AND_EVENT = """
            step as (
                insert into ticket_step (ticket_id, step, at, actor, detail) select id, 'ISSUED', issued_at, 'kiosk', channel from t),
            event as (
                insert into event_outbox (hall_code, type, payload)
                select hall_code, 'ticket.issued', jsonb_build_object('ticketId', id, 'number', number, 'queue', queue_code,
                        'status', status, 'priority', priority, 'window', null, 'recalls', 0, 'at', issued_at)
                from t order by hall_code, seq)""";

    /**
     * One ticket in one atomic round trip: the quota ($19, in the variant for items with one), the
     * daily number, the ticket, its first step, its event and the count of tickets waiting before it
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
                select $4, $1, $2, $2, $3, seq.last_seq, $5 || lpad(seq.last_seq::text, greatest(3, length(seq.last_seq::text)), '0'), $6,
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

    private static final String ISSUE_WITHOUT_QUOTA = ISSUE.formatted("", "", ISSUED_STEP_AND_EVENT, RESULT_COLUMNS);

    private static final String ISSUE_WITH_QUOTA = ISSUE.formatted("""
            quota as (
                insert into item_quota_use (hall_code, item_code, service_date, used)
                select $1, $6, $3, 1
                on conflict (hall_code, item_code, service_date) do update set used = item_quota_use.used + 1
                where item_quota_use.used < $19
                returning used),""", "where exists (select 1 from quota)", ISSUED_STEP_AND_EVENT, RESULT_COLUMNS);

    /**
     * Plain tickets ($n are arrays, one element per ticket) in one statement: each line's daily
     * counter moves once by the number of its tickets, which then take consecutive numbers in arrival
     * order. Rows (counters, then tickets) are locked in hall, queue order, so concurrent batches never
     * wait on each other in a cycle. A ticket whose Idempotency-Key was taken meanwhile is not written
     * (its number stays unused) and comes back without a row.
     */
    private static final String ISSUE_BATCH = """
            with req as (
                select * from unnest($1::text[], $2::text[], $3::date[], $4::uuid[], $5::text[], $6::text[], $7::text[],
                                     $8::text[], $9::timestamptz[], $10::timestamptz[], $11::text[], $12::text[], $13::text[],
                                     $14::text[], $15::text[], $16::text[], $17::text[])
                    with ordinality as r(hall, queue, day, id, prefix, item, channel, priority, line_key, issued_at,
                                         name_masked, id_masked, phone_masked, sealed, appointment, idempotency_key,
                                         request_hash, arrival)),
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
                select id, hall, queue, queue, day, number_seq, prefix || lpad(number_seq::text, greatest(3, length(number_seq::text)), '0'), item,
                    channel, priority, 'WAITING', line_key, issued_at, name_masked, id_masked,
                    phone_masked, sealed, appointment, idempotency_key, request_hash
                from numbered order by hall, queue, number_seq
                on conflict do nothing
                returning *),
            %s
            select %s,
                   coalesce((select w.waiting from queue_waiting w where w.hall_code = t.hall_code and w.queue_code = t.queue_code), 0)
                       + n.batch_before as waiting_before,
                   (select count(*) from hall_window hw where hw.hall_code = t.hall_code and hw.status = 'OPEN'
                       and t.queue_code = any(hw.queues)) as open_windows
            from t join numbered n on n.id = t.id""".formatted(ISSUED_STEP_AND_EVENT, RESULT_COLUMNS);
}
